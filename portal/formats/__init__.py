"""Date and number formats of the site's languages (``FORMAT_MODULE_PATH``): day before month in English
as in Vietnamese, so that 03/04/2026 means the same on both sides of the language switcher; Korean, Japanese
and Chinese as CLDR writes them (through Babel), kept in step by tests/unit/test_locale_formats.py."""
