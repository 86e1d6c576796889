"""Country names in each language: every country, not only the usual investor countries."""

from projects.countries import COUNTRIES, country_choices, country_name


def test_every_country_has_a_vietnamese_name_of_its_own():
    # Many names are written alike in both languages (Angola, Canada); the hand-made list had 55 others.
    assert sum(country_name(code, "vi") != COUNTRIES[code] for code in COUNTRIES) > 90
    assert country_name("AG", "vi") == "Antigua và Barbuda"
    assert country_name("KR", "vi") == "Hàn Quốc" and country_name("JP", "vi") == "Nhật Bản"


def test_the_province_s_usual_spelling_wins_and_english_stays_english():
    assert (country_name("HK", "vi"), country_name("IT", "vi")) == ("Hồng Kông", "Ý")
    assert country_name("KR", "en") == COUNTRIES["KR"] != country_name("KR", "vi")
    assert country_name("kr", "vi-vn") == "Hàn Quốc"


def test_the_coming_languages_have_names_too_and_unknown_codes_stay_codes():
    assert country_name("VN", "ko") == "베트남" and country_name("VN", "ja") == "ベトナム"
    assert country_name("ZZ", "vi") == "ZZ" and country_name("KR", "xx") == COUNTRIES["KR"]


def test_vietnamese_choices_cover_every_country_in_vietnamese_order():
    choices = country_choices("vi")
    assert {code for code, _name in choices} == set(COUNTRIES)
    names = [name for _code, name in choices]
    assert names.index("Ấn Độ") < names.index("Bỉ") < names.index("Đức") < names.index("Hàn Quốc")
