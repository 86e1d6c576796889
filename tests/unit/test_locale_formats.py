"""The format modules of Korean, Japanese and Chinese follow CLDR (through Babel), and Django writes and reads
dates and numbers with them."""

import datetime
import importlib
import re
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern
from django import forms
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils import translation

# Django's format module, the CLDR locale it follows (the territory decides the first day of the week).
LANGUAGES = {"ko": "ko_KR", "ja": "ja_JP", "zh_Hans": "zh_Hans_CN", "zh_Hant": "zh_Hant_TW"}

# CLDR date field (LDML) -> Django's date format character.
LDML_TO_DJANGO = {"y": "Y", "yy": "y", "yyyy": "Y", "M": "n", "MM": "m", "MMM": "M", "MMMM": "F", "d": "j",
                  "dd": "d", "EEEE": "l", "H": "G", "HH": "H", "h": "g", "hh": "h", "mm": "i", "ss": "s", "a": "A"}


def django_format(pattern: str) -> str:
    """The Django date format that writes what the LDML ``pattern`` writes (quoted text kept, escaped)."""
    out = []
    for quoted, field, _, literal in re.findall(r"'([^']*)'|(([A-Za-z])\3*)|(.)", pattern):
        if field:
            out.append(LDML_TO_DJANGO[field])
        else:
            out.append("".join("\\" + c if c.isascii() and c.isalpha() else c for c in quoted or literal))
    return "".join(out)


def time_pattern(locale: Locale) -> str:
    # Django writes AM/PM but not CLDR's flexible day periods ("B": 上午, 下午, 晚上): a locale whose short time
    # needs them takes CLDR's own 24-hour form instead.
    pattern = locale.time_formats["short"].pattern
    return locale.datetime_skeletons["Hm"].pattern if "B" in pattern else pattern


def cldr_expected(locale: Locale) -> dict:
    long_date, short_date = locale.date_formats["long"].pattern, locale.date_formats["short"].pattern
    time = time_pattern(locale)
    return {
        "DATE_FORMAT": django_format(long_date),
        "SHORT_DATE_FORMAT": django_format(short_date),
        "TIME_FORMAT": django_format(time),
        "DATETIME_FORMAT": django_format(str(locale.datetime_formats["long"]).format(time, long_date)),
        "SHORT_DATETIME_FORMAT": django_format(str(locale.datetime_formats["short"]).format(time, short_date)),
        "MONTH_DAY_FORMAT": django_format(locale.datetime_skeletons["MMMMd"].pattern),
        "YEAR_MONTH_FORMAT": django_format(locale.datetime_skeletons["yMMMM"].pattern),
        # Babel counts from Monday = 0, Django from Sunday = 0
        "FIRST_DAY_OF_WEEK": (locale.first_week_day + 1) % 7,
        "DECIMAL_SEPARATOR": get_decimal_symbol(locale),
        "THOUSAND_SEPARATOR": get_group_symbol(locale),
        "NUMBER_GROUPING": parse_pattern(locale.decimal_formats[None]).grouping[0],
    }


def test_the_ldml_translation_itself():
    assert django_format("y년 MMMM d일") == "Y년 F j일"
    assert django_format("yy. M. d.") == "y. n. j."
    assert django_format("MMMM 'năm' y") == "F \\nă\\m Y"
    assert django_format("a h:mm") == "A g:i"


@pytest.mark.parametrize("module,cldr", LANGUAGES.items())
def test_format_module_matches_cldr(module, cldr):
    formats = importlib.import_module(f"portal.formats.{module}.formats")
    expected = cldr_expected(Locale.parse(cldr))
    assert {name: getattr(formats, name) for name in expected} == expected


@pytest.mark.parametrize("language,written", [
    ("ko", ("2026년 3월 4일", "26. 3. 4.", "오전 9:05", "3월 4일", "2026년 3월")),
    ("ja", ("2026年3月4日", "2026/03/04", "9:05", "3月4日", "2026年3月")),
    ("zh-hans", ("2026年3月4日", "2026/3/4", "09:05", "3月4日", "2026年3月")),
    ("zh-hant", ("2026年3月4日", "2026/3/4", "09:05", "3月4日", "2026年3月")),
])
def test_django_writes_dates_as_cldr_does(language, written):
    moment = datetime.datetime(2026, 3, 4, 9, 5)
    with translation.override(language):
        assert tuple(date_filter(moment, name) for name in (
            "DATE_FORMAT", "SHORT_DATE_FORMAT", "TIME_FORMAT", "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT")) == written


@pytest.mark.parametrize("language,cldr", [("ko", "ko_KR"), ("ja", "ja_JP"), ("zh-hans", "zh_Hans_CN"),
                                           ("zh-hant", "zh_Hant_TW")])
def test_django_reads_the_dates_cldr_writes(language, cldr):
    day = datetime.date(2026, 3, 4)
    with translation.override(language):
        field = forms.DateField()
        assert field.clean(format_date(day, "short", locale=cldr)) == day
        assert field.clean(format_date(day, "medium", locale=cldr)) == day
        assert field.clean("2026-03-04") == day


@pytest.mark.parametrize("language,written", [("en", "1,234,567.89"), ("vi", "1.234.567,89"),
                                              ("ko", "1,234,567.89"), ("ja", "1,234,567.89"),
                                              ("zh-hans", "1,234,567.89"), ("zh-hant", "1,234,567.89")])
def test_grouped_numbers_follow_the_language(language, written):
    with translation.override(language):
        assert floatformat(Decimal("1234567.891"), "2g") == written


@pytest.mark.parametrize("cldr", ["en", "vi_VN", "ko_KR", "ja_JP", "zh_Hans_CN", "zh_Hant_TW"])
def test_percentages_written_as_number_then_sign_match_cldr(cldr):
    # the templates write "{{ value|floatformat }}%": right for every language of the site as long as CLDR's
    # percent pattern is the number followed by the sign, with nothing between
    assert str(Locale.parse(cldr).percent_formats[None].pattern).endswith("0%")
    assert not str(Locale.parse(cldr).percent_formats[None].pattern).startswith("%")
