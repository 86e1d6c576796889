"""The per-language field fallback: a model keeps ``<field>_vi`` and ``<field>_en`` columns and a page shows the
active language's one, falling back to English, then Vietnamese."""

from django.utils import translation

FALLBACK = ("en", "vi")


def language(code: str | None = None) -> str:
    """The primary language subtag of ``code`` (default: the active language), lower case: "vi", "en", "ko"."""
    return (code or translation.get_language() or "en").split("-")[0].lower()


def localized(obj, field: str, lang: str | None = None) -> str:
    """``obj.<field>_<lang>`` (default: the active language), else the English, else the Vietnamese one; ""."""
    first = language(lang)
    for code in (first, *(c for c in FALLBACK if c != first)):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""
