"""The one home of the column choice: which columns a page reads in each of the six languages, the Locale code of
a language, rows from ``.values()``, and the rules and reasons that keep every language."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from core.i18n import all_columns, columns, fallback_tag, locale_code, localized, localized_language, texts
from core.rules import compile_rule
from licensing.pathway import Reason


@pytest.mark.parametrize(("language", "expected"), [
    ("ko", ["name_ko", "name_en", "name_vi"]), ("ja", ["name_ja", "name_en", "name_vi"]),
    ("zh-hans", ["name_zh_hans", "name_en", "name_vi"]), ("zh-hant", ["name_zh_hant", "name_en", "name_vi"]),
    ("vi", ["name_vi", "name_en"]), ("en", ["name_en", "name_vi"])])
def test_the_columns_of_each_language_with_their_fallbacks(language, expected):
    assert columns("name", language) == expected
    with translation.override(language):
        assert columns("name") == expected


def test_every_language_column():
    assert all_columns("sector__name") == ["sector__name_vi", "sector__name_en", "sector__name_ko", "sector__name_ja",
                                           "sector__name_zh_hans", "sector__name_zh_hant"]


@pytest.mark.parametrize(("given", "code"), [("zh_hans", "zh-hans"), ("zh-Hans", "zh-hans"), ("zh-CN", "zh-hans"),
                                             ("zh-TW", "zh-hant"), ("zh_hant", "zh-hant"), ("ko-KR", "ko"),
                                             ("ja", "ja"), ("vi", "vi")])
def test_the_locale_code_of_a_language_in_any_form(given, code):
    assert locale_code(given) == code


def test_the_locale_code_of_the_active_language():
    with translation.override("zh-hant"):
        assert locale_code() == "zh-hant"


def test_a_values_row_is_read_like_an_object():
    row = {"sector__name_vi": "Điện tử", "sector__name_en": "Electronics", "sector__name_ko": "전자",
           "sector__name_ja": ""}
    assert localized(row, "sector__name", "ko") == "전자"
    assert localized_language(row, "sector__name", "ja") == ("Electronics", "en")
    assert localized_language(row, "sector__name", "zh_hans") == ("Electronics", "en")
    assert localized({"sector__name_vi": "Điện tử", "sector__name_en": ""}, "sector__name", "ko") == "Điện tử"
    with translation.override("ko"):
        assert localized(row, "sector__name") == "전자"


def test_texts_renames_a_row_for_a_constructor():
    row = {"agency__name_vi": "Sở", "agency__name_en": "Department", "agency__name_ko": None, "other": 1}
    assert texts(row, "agency__name", "agency") == {"agency_vi": "Sở", "agency_en": "Department", "agency_ko": ""}
    assert texts(row, "agency__name", suffixes=("ko",)) == {"agency__name_ko": ""}


def test_the_lang_attribute_of_a_fallback():
    assert fallback_tag("en", "ko") == "en" and fallback_tag("zh_hant", "ko") == "zh-Hant"
    assert fallback_tag("ko", "ko") == "" and fallback_tag("", "ko") == ""
    with translation.override("ja"):
        assert fallback_tag("ja") == "" and fallback_tag("vi") == "vi"


def test_a_compiled_rule_and_its_reason_keep_every_language():
    rule = compile_rule(1, "Foreign-owned", "Vốn nước ngoài", [(1, "foreign_ownership_pct", "gt", "50", False)],
                        reason_ko="외국인 소유", reason_zh_hant="外資")
    reason = Reason.of(rule, "reason")
    for language, expected in [("ko", "외국인 소유"), ("zh-hant", "外資"), ("ja", "Foreign-owned"),
                               ("vi", "Vốn nước ngoài")]:
        with translation.override(language):
            assert (rule.reason, reason.text, str(reason)) == (expected, expected, expected)


def test_a_reason_read_from_a_procedure_entry():
    entry = SimpleNamespace(reason_all_en="Every project", reason_all_vi="Mọi dự án", reason_all_ja="全案件")
    reason = Reason.of(entry, "reason_all")
    assert (reason.text_ja, reason.text_ko) == ("全案件", "")
    with translation.override("ja"):
        assert reason.text == "全案件"
    with translation.override("ko"):
        assert localized_language(reason, "text") == ("Every project", "en")
