"""Date and number formats of the site's languages (``FORMAT_MODULE_PATH``): day before month in English
as in Vietnamese, so that 03/04/2026 means the same on both sides of the language switcher."""
