"""The per-language field fallback: a model keeps ``<field>_vi`` and ``<field>_en`` columns, and for the other
site languages ``<field>_ko``, ``<field>_ja``, ``<field>_zh_hans`` and ``<field>_zh_hant``; a page shows the
active language's one, falling back to English, then Vietnamese."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

FALLBACK = ("en", "vi")
#: The column suffixes of the languages kept beside Vietnamese and English.
OTHER_LANGUAGES = ("ko", "ja", "zh_hans", "zh_hant")
#: Every column suffix.
SUFFIXES = ("vi", "en", *OTHER_LANGUAGES)
#: Chinese language codes without a script subtag, by the script their region writes.
CHINESE_REGIONS = {"cn": "zh_hans", "sg": "zh_hans", "my": "zh_hans", "tw": "zh_hant", "hk": "zh_hant",
                   "mo": "zh_hant"}
#: The Chinese script subtags ("zh-Hant-TW") and their column suffixes.
SCRIPTS = {"hans": "zh_hans", "hant": "zh_hant"}


def language(code: str | None = None) -> str:
    """The column suffix of ``code`` (default: the active language): its primary subtag in lower case ("vi",
    "en", "ko"), except Chinese, which keeps its script: "zh_hans" or "zh_hant" (a region stands for its
    script: zh-TW is "zh_hant"; plain "zh" is "zh_hans")."""
    parts = (code or translation.get_language() or "en").replace("_", "-").lower().split("-")
    if parts[0] != "zh":
        return parts[0]
    for part in parts[1:]:
        if part in SCRIPTS:
            return SCRIPTS[part]
        if part in CHINESE_REGIONS:
            return CHINESE_REGIONS[part]
    return "zh_hans"


def localized_language(obj, field: str, lang: str | None = None) -> tuple[str, str]:
    """``(text, suffix)``: ``obj.<field>_<lang>`` (default: the active language), else the English, else the
    Vietnamese one, with the column suffix it came from; ``("", "")`` when all are empty."""
    first = language(lang)
    for code in (first, *(c for c in FALLBACK if c != first)):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value, code
    return "", ""


def localized(obj, field: str, lang: str | None = None) -> str:
    """``obj.<field>_<lang>`` (default: the active language), else the English, else the Vietnamese one; ""."""
    return localized_language(obj, field, lang)[0]


def language_tag(suffix: str) -> str:
    """The BCP 47 tag of a column suffix, for a ``lang`` attribute: "zh_hant" -> "zh-Hant", "en" -> "en"."""
    primary, _sep, script = suffix.partition("_")
    return f"{primary}-{script.title()}" if script else primary


def other_languages_panel(*fields: str):
    """The admin's collapsed "Other languages" panel: the Korean, Japanese and Chinese columns of ``fields``
    (``"name"`` stands for ``name_ko``, ``name_ja``, ...), field by field."""
    from wagtail.admin.panels import FieldPanel, MultiFieldPanel

    return MultiFieldPanel([FieldPanel(f"{field}_{suffix}") for field in fields for suffix in OTHER_LANGUAGES],
                           heading=_("Other languages"), classname="collapsed")
