"""The per-language columns: which column a language reads (Chinese keeps its script), the fallback from the
active language to English, then Vietnamese, and the language a text finally came from."""

import pytest
from django.utils import translation

from core.i18n import language, language_tag, localized, localized_language
from licensing.models import Agency, EnvironmentalCriterion, Procedure
from portal.models import SiteSettings
from zones.models import InfrastructureFeature, Sector


@pytest.mark.parametrize(("code", "suffix"), [
    ("vi", "vi"), ("en", "en"), ("en-gb", "en"), ("ko", "ko"), ("ja", "ja"),
    ("zh-hans", "zh_hans"), ("zh-hant", "zh_hant"), ("zh-Hant-TW", "zh_hant"), ("zh_Hans", "zh_hans"),
    ("zh-tw", "zh_hant"), ("zh-hk", "zh_hant"), ("zh-cn", "zh_hans"), ("zh", "zh_hans"),
])
def test_language_gives_the_column_suffix(code, suffix):
    assert language(code) == suffix


@pytest.mark.parametrize(("active", "suffix"), [("zh-hant", "zh_hant"), ("zh-hans", "zh_hans"), ("ko", "ko")])
def test_language_defaults_to_the_active_one(active, suffix):
    with translation.override(active):
        assert language() == suffix


def sector(**names):
    return Sector(code="2610", level="class", **names)


ALL = {"name_vi": "Sản xuất linh kiện điện tử", "name_en": "Manufacture of electronic components",
       "name_ko": "전자부품 제조업", "name_ja": "電子部品製造業", "name_zh_hans": "电子元件制造",
       "name_zh_hant": "電子零組件製造"}


@pytest.mark.parametrize(("active", "expected"), [
    ("vi", "Sản xuất linh kiện điện tử"), ("en", "Manufacture of electronic components"), ("ko", "전자부품 제조업"),
    ("ja", "電子部品製造業"), ("zh-hans", "电子元件制造"), ("zh-hant", "電子零組件製造"),
])
def test_each_language_reads_its_own_column(active, expected):
    with translation.override(active):
        assert sector(**ALL).name == expected
        assert localized_language(sector(**ALL), "name") == (expected, language(active))


def test_simplified_and_traditional_chinese_do_not_stand_in_for_each_other():
    only_simplified = sector(name_vi="Linh kiện", name_en="Components", name_zh_hans="电子元件")
    with translation.override("zh-hant"):
        assert localized_language(only_simplified, "name") == ("Components", "en")


def test_fallback_is_english_then_vietnamese():
    both = sector(name_vi="Linh kiện", name_en="Components")
    vietnamese_only = sector(name_vi="Linh kiện", name_en="")
    with translation.override("ja"):
        assert localized_language(both, "name") == ("Components", "en")
        assert localized_language(vietnamese_only, "name") == ("Linh kiện", "vi")
        assert localized_language(sector(name_vi="", name_en=""), "name") == ("", "")


def test_an_explicit_language_wins_over_the_active_one():
    with translation.override("en"):
        assert localized(sector(**ALL), "name", "zh-hant") == "電子零組件製造"
        assert sector(**ALL).path("ko") == "2610 전자부품 제조업"


def test_keywords_follow_the_same_fallback():
    item = sector(name_vi="x", keywords_en="chips, semiconductors", keywords_ko="반도체, 칩")
    assert item.keywords("ko") == ["반도체", "칩"]
    assert item.keywords("ja") == ["chips", "semiconductors"]


def test_every_reference_model_reads_the_new_columns():
    with translation.override("ko"):
        assert Agency(name_vi="Sở Xây dựng", name_en="Department of Construction", name_ko="건설국",
                      opening_hours_en="Mon–Fri", opening_hours_ko="월–금").opening_hours == "월–금"
        assert Procedure(name_vi="Cấp giấy phép xây dựng", name_en="Construction permit", name_ko="건축 허가",
                         reason_all_en="Every project", reason_all_ko="모든 사업").reason_all == "모든 사업"
        assert EnvironmentalCriterion(text_vi="a", text_en="b", text_ko="c").text == "c"
        assert InfrastructureFeature(details_en="30,000 m³/day", details_ko="일 30,000 m³").details == "일 30,000 m³"
    assert SiteSettings(footer_text_en="Demo", footer_text_zh_hant="示範").localized("footer_text", "zh-hant") == "示範"
    assert SiteSettings(footer_text_en="Demo", footer_text_zh_hant="示範").localized("footer_text", "zh-hans") == "Demo"


@pytest.mark.parametrize(("suffix", "tag"), [("en", "en"), ("vi", "vi"), ("zh_hans", "zh-Hans"),
                                             ("zh_hant", "zh-Hant")])
def test_language_tag(suffix, tag):
    assert language_tag(suffix) == tag
