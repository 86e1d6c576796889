"""Names sorted the way each of the site's languages sorts them (core.collation, ICU's CLDR collations)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from core.collation import sort_key, sorted_by_name


def ordered(names, language):
    return sorted(names, key=lambda name: sort_key(name, language))


def test_vietnamese_alphabet_puts_each_modified_letter_after_its_base():
    # a ă â b c d đ e ê … o ô ơ … u ư: đ after every d, ơ after ô, ư after u, whatever the tone
    names = ["Đặng Văn Lâm", "Dương Thị Hoa", "Âu Cơ", "Ăng Khánh", "Anh Tuấn", "Ơn Nghĩa", "Ông Ích Khiêm",
             "Ưng Hoàng Phúc", "Uông Thị Lan", "Bùi Tiến Dũng", "Ê Đê", "Em Hồng"]
    assert ordered(names, "vi") == ["Anh Tuấn", "Ăng Khánh", "Âu Cơ", "Bùi Tiến Dũng", "Dương Thị Hoa",
                                    "Đặng Văn Lâm", "Em Hồng", "Ê Đê", "Ông Ích Khiêm", "Ơn Nghĩa",
                                    "Uông Thị Lan", "Ưng Hoàng Phúc"]


def test_vietnamese_tones_order_words_of_the_same_letters():
    # ma, mà, mả, mã, má, mạ: the level tone first, then the tones in the dictionaries' order
    assert ordered(["mạ", "má", "mã", "mả", "mà", "ma"], "vi") == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # the letters decide before the tones do: "Ánh" (á) before "Bình", "Anh" before "Ánh"
    assert ordered(["Bình", "Ánh", "Anh"], "vi") == ["Anh", "Ánh", "Bình"]


def test_english_orders_by_the_uca_not_by_code_points():
    names = ["zebra", "Émile", "apple", "Zoë", "Eve", "Apple"]
    assert ordered(names, "en") == ["apple", "Apple", "Émile", "Eve", "zebra", "Zoë"]
    assert sorted(names) != ordered(names, "en")


def test_korean_follows_the_hangul_alphabet():
    # ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅅ ㅇ ㅈ … ㅎ, and Hangul before Latin letters as Korean dictionaries have it
    names = ["한국전력", "삼성전자", "김민준", "나래", "LG화학", "박서연", "이도윤", "대한항공", "현대자동차"]
    assert ordered(names, "ko") == ["김민준", "나래", "대한항공", "박서연", "삼성전자", "이도윤", "한국전력",
                                    "현대자동차", "LG화학"]


def test_japanese_sorts_kana_in_gojuon_order_and_hiragana_beside_katakana():
    names = ["ヤマダ", "さとう", "アベ", "たなか", "いとう", "ソニー", "かとう"]
    assert ordered(names, "ja") == ["アベ", "いとう", "かとう", "さとう", "ソニー", "たなか", "ヤマダ"]


def test_simplified_chinese_sorts_by_pinyin():
    # 阿 ā, 北 běi, 陈 chén, 李 lǐ, 刘 liú, 上 shàng, 王 wáng, 张 zhāng
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "上海", "北京", "阿里巴巴"]
    assert ordered(names, "zh-hans") == ["阿里巴巴", "北京", "陈静", "李娜", "刘洋", "上海", "王芳", "张伟"]


def test_traditional_chinese_sorts_by_stroke_count():
    # 王 4 strokes, 李 7, 陳 11, 張 11 (radical 弓 before 阜), 黃 12, 劉 15
    names = ["劉德華", "黃志明", "王建民", "陳美玲", "李安", "張惠妹"]
    assert ordered(names, "zh-hant") == ["王建民", "李安", "張惠妹", "陳美玲", "黃志明", "劉德華"]


def test_numbers_in_names_compare_as_numbers():
    assert ordered(["Lô 10", "Lô 9", "Lô 100"], "vi") == ["Lô 9", "Lô 10", "Lô 100"]


@pytest.mark.parametrize("language", ["en", "vi", "ko", "ja", "zh-hans", "zh-hant"])
def test_sort_key_accepts_empty_names(language):
    assert ordered(["b", None, ""], language)[:2] in ([None, ""], ["", None])


def test_sorted_by_name_takes_an_attribute_or_a_function_and_the_active_language():
    zones = [SimpleNamespace(name="Đông Hà"), SimpleNamespace(name="Dốc Miếu"), SimpleNamespace(name="Ái Tử")]
    with translation.override("vi"):
        assert [zone.name for zone in sorted_by_name(zones, "name")] == ["Ái Tử", "Dốc Miếu", "Đông Hà"]
    with translation.override("zh-hans"):
        rows = [{"name": "张家港"}, {"name": "北京"}]
        assert sorted_by_name(rows, lambda row: row["name"]) == [{"name": "北京"}, {"name": "张家港"}]
