"""Names in the order a reader of each language expects, by ICU's collation (CLDR's tailorings of the Unicode
Collation Algorithm): Vietnamese a ă â b c d đ e ê … with the tones after the letter, Korean by Hangul,
Japanese by kana, Simplified Chinese by pinyin, Traditional Chinese by strokes, English by the UCA. Digits
compare as numbers, so "Lot 9" comes before "Lot 10"."""

import threading
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

import icu
from django.utils.translation import get_language, to_locale

T = TypeVar("T")

# ICU locale per site language where the Django name alone would not pick the collation meant.
_ICU_LOCALES = {
    "zh_Hans": "zh_Hans@collation=pinyin",
    "zh_Hant": "zh_Hant@collation=stroke",
}
_local = threading.local()  # an ICU Collator is not to be shared between threads


def _collator(language: str) -> "icu.Collator":
    collators = _local.__dict__.setdefault("collators", {})
    if language not in collators:
        django_locale = to_locale(language)
        collator = icu.Collator.createInstance(icu.Locale(_ICU_LOCALES.get(django_locale, django_locale)))
        collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
        collators[language] = collator
    return collators[language]


def sort_key(text: str | None, language: str | None = None) -> bytes:
    """A key that orders ``text`` the way ``language`` (a Django language code; the active language by
    default) sorts names. Keys of one language compare with each other only."""
    return _collator(language or get_language() or "en").getSortKey(text or "")


def sorted_by_name(items: Iterable[T], key: Callable[[T], str | None] | str,
                   language: str | None = None) -> list[T]:
    """``items`` as a new list in the order of their names in ``language`` (the active one by default);
    ``key`` gives an item's name: a function or an attribute's name."""
    name = attrgetter(key) if isinstance(key, str) else key
    language = language or get_language() or "en"
    return sorted(items, key=lambda item: sort_key(name(item), language))
