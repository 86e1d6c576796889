"""Traditional Chinese as CLDR writes it (locale zh_Hant_TW, through Babel): 2026年3月4日, 2026/3/4, 09:05
(CLDR's 24-hour "Hm" form: its short time "Bh:mm" needs day periods, 上午/下午, that Django cannot write);
weeks start on Sunday; 1,234.5. tests/unit/test_locale_formats.py keeps these in step with Babel's data."""

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y/n/j"
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = "Y/n/j\u2009H:i"  # CLDR puts a thin space between date and time
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
FIRST_DAY_OF_WEEK = 0
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
