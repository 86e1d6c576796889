"""Country names sort the way Vietnamese readers expect (Ấn among the A, Đ after D)."""

from projects.countries import country_choices


def test_countries_sort_as_vietnamese_readers_expect():
    names = [name for _code, name in country_choices("vi")]
    assert names.index("Ấn Độ") < names.index("Andorra") < names.index("Bỉ")  # Ấn among the A, not after Z
    assert names.index("Đan Mạch") < names.index("Dominica") < names.index("Đức") < names.index("Estonia")
