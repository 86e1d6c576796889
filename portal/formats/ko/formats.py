"""Korean as CLDR writes it (locale ko_KR, through Babel): 2026년 3월 4일, 2026. 3. 4., 오전 9:05; weeks
start on Sunday; 1,234.5. tests/unit/test_locale_formats.py keeps these in step with Babel's data."""

DATE_FORMAT = "Y년 F j일"
SHORT_DATE_FORMAT = "y. n. j."
DATETIME_FORMAT = "Y년 F j일 A g:i"
SHORT_DATETIME_FORMAT = "y. n. j. A g:i"
TIME_FORMAT = "A g:i"
MONTH_DAY_FORMAT = "F j일"
YEAR_MONTH_FORMAT = "Y년 F"
FIRST_DAY_OF_WEEK = 0
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y. %m. %d.", "%y. %m. %d.", "%Y.%m.%d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y. %m. %d. %H:%M:%S", "%Y. %m. %d. %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
