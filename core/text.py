"""Text helpers shared by every backend: Vietnamese diacritic folding, query tokens and escaped
highlighting."""

import re
import unicodedata

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


def highlight(text: str, query_tokens: list[str], width: int = 220) -> SafeString:
    """An HTML-escaped excerpt of ``text`` around the first match, matches wrapped in ``<mark>``."""
    text = unicodedata.normalize("NFC", text or "")
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    folded = fold(text)
    spans = []
    if query_tokens:
        pattern = re.compile(r"(?<![0-9a-z])(" + "|".join(re.escape(t) for t in query_tokens) + r")")
        spans = [m.span() for m in pattern.finditer(folded)]
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
