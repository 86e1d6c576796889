"""The per-language field fallback: a model keeps ``<field>_vi`` and ``<field>_en`` columns, and for the other
site languages ``<field>_ko``, ``<field>_ja``, ``<field>_zh_hans`` and ``<field>_zh_hant``; a page shows the
active language's one, falling back to English, then Vietnamese."""

from collections.abc import Mapping

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


def fallbacks(lang: str | None = None) -> tuple[str, ...]:
    """The column suffixes to read, in order: ``lang``'s (default: the active language), then English, then
    Vietnamese: ``("ko", "en", "vi")``, ``("vi", "en")`` for Vietnamese."""
    first = language(lang)
    return (first, *(code for code in FALLBACK if code != first))


def locale_code(lang: str | None = None) -> str:
    """The Django / Wagtail ``Locale.language_code`` of ``lang`` (default: the active language), whatever form
    it is given in: "zh_hans", "zh-Hans" and "zh-CN" give "zh-hans"; "ko-KR" gives "ko"."""
    return language(lang).replace("_", "-")


def columns(field: str, lang: str | None = None) -> list[str]:
    """The columns of ``field`` to read for ``lang`` (default: the active language), with the fallbacks, for
    ``.values()``: ``columns("sector__name")`` in Korean is ``["sector__name_ko", "sector__name_en",
    "sector__name_vi"]``."""
    return [f"{field}_{code}" for code in fallbacks(lang)]


def all_columns(field: str) -> list[str]:
    """Every language's column of ``field``, for data kept for every language at once (a cache)."""
    return [f"{field}_{code}" for code in SUFFIXES]


def texts(row: Mapping, field: str, name: str | None = None, suffixes=SUFFIXES) -> dict[str, str]:
    """The columns of ``field`` (in the languages of ``suffixes``) found in a ``.values()`` row, renamed
    ``<name>_<suffix>`` (default: ``field``) for a constructor: ``texts(row, "agency__name", "agency")`` gives
    ``{"agency_vi": …, "agency_en": …, "agency_ko": …, …}``."""
    name = name or field
    return {f"{name}_{code}": row[f"{field}_{code}"] or "" for code in suffixes if f"{field}_{code}" in row}


def localized_language(obj, field: str, lang: str | None = None) -> tuple[str, str]:
    """``(text, suffix)``: ``obj.<field>_<lang>`` (default: the active language), else the English, else the
    Vietnamese one, with the column suffix it came from; ``("", "")`` when all are empty. ``obj`` may be a
    mapping, such as a ``.values()`` row (``localized(row, "sector__name")``)."""
    read = obj.get if isinstance(obj, Mapping) else lambda name, default: getattr(obj, name, default)
    for code in fallbacks(lang):
        value = read(f"{field}_{code}", "")
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


def fallback_tag(suffix: str, lang: str | None = None) -> str:
    """The ``lang`` attribute a text read from column ``suffix`` needs on a page in ``lang`` (default: the
    active language): "" when it is in that language (or empty), else its BCP 47 tag ("en")."""
    return language_tag(suffix) if suffix and suffix != language(lang) else ""


def other_languages_panel(*fields: str):
    """The admin's collapsed "Other languages" panel: the Korean, Japanese and Chinese columns of ``fields``
    (``"name"`` stands for ``name_ko``, ``name_ja``, ...), field by field."""
    from wagtail.admin.panels import FieldPanel, MultiFieldPanel

    return MultiFieldPanel([FieldPanel(f"{field}_{suffix}") for field in fields for suffix in OTHER_LANGUAGES],
                           heading=_("Other languages"), classname="collapsed")
