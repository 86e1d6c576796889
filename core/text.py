"""Text helpers shared by every backend: Vietnamese diacritic folding, English stemming, query tokens and
escaped highlighting."""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
_TOKEN_RE = re.compile(r"[0-9a-z]+")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.translate(_SPECIAL))
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    # One character in, one character out, so that positions in folded text map onto the original.
    return base[:1] if base else char


def _fold_table() -> dict[int, str]:
    ranges = [range(0x00C0, 0x0250), range(0x1E00, 0x1F00), range(0x0041, 0x005B)]
    return {cp: _fold_char(chr(cp)) for r in ranges for cp in r if _fold_char(chr(cp)) != chr(cp)}


_FOLD_TABLE = _fold_table()


def fold(text: str | None) -> str:
    """Lowercase ``text`` and strip Vietnamese diacritics ("Đồng Xoài" -> "dong xoai").

    Folding keeps the length of the text, so a match found in folded text marks the original text.
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(_fold_char(c) for c in folded)


def name_order(name: str) -> tuple[str, str]:
    """The sort key of a name as Vietnamese readers expect: folded (no diacritics, đ as d, lower case), then the
    name itself to order names that fold alike: "Bắc Đồng Phú" before "Becamex", "Ủy ban" among the U."""
    return fold(name), name


def tokens(text: str | None, limit: int = 16) -> list[str]:
    """The folded word tokens of a user query (letters and digits only, at most ``limit``)."""
    return _TOKEN_RE.findall(fold(text))[:limit]


_stemmers = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English stem (Snowball Porter2) of a folded word: "electronics" and "electronic" -> "electron",
    "factories" -> "factori".

    Every token is stemmed whatever the language of its text: Porter2 only rewrites endings (-s, -ed, -ing,
    -ly, a -y after a consonant other than the first letter, suffixes in long words) that no folded Vietnamese
    syllable has, so syllables come back unchanged (measured over every onset, vowel and final combination,
    see tests/unit/test_core_text.py), and one analysis serves both languages.
    """
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def words(text: str | None) -> list[str]:
    """Every folded word token of ``text`` (letters and digits only), in order."""
    return _TOKEN_RE.findall(fold(text))


def terms(text: str | None) -> str:
    """What a text is indexed as: its folded words stemmed, in order, separated by spaces (positions are kept
    for phrase matching)."""
    return " ".join(stem(word) for word in words(text))


def highlight(text: str, query_terms, width: int = 220) -> SafeString:
    """An HTML-escaped excerpt of ``text`` around the first match, matches wrapped in ``<mark>``.

    A word matches when its folded form or its stem is one of ``query_terms`` (folded words or stems), so
    "electronics" is marked for the query "electronic"."""
    text = unicodedata.normalize("NFC", text or "")
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    folded = fold(text)
    wanted = set(query_terms or ())
    spans = []
    if wanted:
        spans = [m.span() for m in _TOKEN_RE.finditer(folded) if m.group() in wanted or stem(m.group()) in wanted]
    start = 0
    if spans and len(text) > width:
        start = max(0, spans[0][0] - width // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    parts, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece escaped above
