"""Text helpers shared by every backend: Vietnamese diacritic folding, English stemming, query tokens and
escaped highlighting.

Korean, Japanese and Chinese are written without spaces between words: a run of Hangul, Kana or Han
characters is one word of a query (``words``, ``tokens``) and is indexed and matched as its overlapping
character bigrams ("산업단지" -> "산업 업단 단지"; a lone character stays itself, see ``cjk_bigrams``), so that any
part of two or more characters of a name finds it."""

import re
import threading
import unicodedata
from functools import lru_cache
from html import escape

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

from core.collation import sort_key

MAX_QUERY_LENGTH = 200
#: Hangul (syllables and jamo), Hiragana, Katakana (with its half-width forms), Han ideographs (CJK unified,
#: extensions and compatibility ideographs) and the marks written inside their words (々 〆 〇 ー).
CJK_CHARS = ("\u1100-\u11ff\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e"
             "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uf900-\ufaff"
             "\uff66-\uff9d\U00020000-\U0003134f")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_TOKEN_RE = re.compile(f"[0-9a-z]+|[{CJK_CHARS}]+")
_LATIN_RE = re.compile("[0-9a-z]+")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.translate(_SPECIAL))
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    # One character in, one character out, so that positions in folded text map onto the original.
    return base[:1] if base else char


def _width_char(char: str) -> str:
    normal = unicodedata.normalize("NFKC", char).lower()
    return normal if len(normal) == 1 else char


def _fold_table() -> dict[int, str]:
    ranges = [range(0x00C0, 0x0250), range(0x1E00, 0x1F00), range(0x0041, 0x005B)]
    table = {cp: _fold_char(chr(cp)) for r in ranges for cp in r if _fold_char(chr(cp)) != chr(cp)}
    # Full-width Latin letters and digits as ASCII, half-width Katakana as full-width (as typed on a CJK keyboard).
    widths = [range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B), range(0xFF66, 0xFF9E)]
    table.update({cp: _width_char(chr(cp)) for r in widths for cp in r if _width_char(chr(cp)) != chr(cp)})
    return table


_FOLD_TABLE = _fold_table()
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _fold_run(match: re.Match) -> str:
    return match[0].translate(_FOLD_TABLE)


def fold(text: str | None) -> str:
    """Lowercase ``text`` and strip Vietnamese diacritics ("Đồng Xoài" -> "dong xoai"); full-width Latin and
    half-width Katakana become their usual forms ("ＫＣＮ" -> "kcn", "ﾐﾝ" -> "ミン").

    Folding keeps the length of the text, so a match found in folded text marks the original text.
    """
    if not text:
        return ""
    # The table's only ASCII entries are the capitals, which lower() folds as well.
    folded = _NON_ASCII.sub(_fold_run, unicodedata.normalize("NFC", text))
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(_fold_char(c) for c in folded)


def name_order(name: str | None, language: str | None = None) -> bytes:
    """The sort key of a name as readers of ``language`` (the active one by default) expect, from ICU's
    collation (``core.collation``): in Vietnamese "Bắc Đồng Phú" before "Becamex", "Ủy ban" among the U; in
    Chinese by pinyin or strokes; in Japanese by kana."""
    return sort_key(name, language)


def tokens(text: str | None, limit: int = 16) -> list[str]:
    """The folded word tokens of a user query (letters and digits only, at most ``limit``); a run of CJK
    characters is one token."""
    return _TOKEN_RE.findall(fold(text))[:limit]


def is_cjk(word: str) -> bool:
    """Whether ``word`` (a token) is a run of Hangul, Kana or Han characters."""
    return bool(word) and _CJK_RUN.fullmatch(word) is not None


def has_cjk(text: str | None) -> bool:
    """Whether ``text`` holds any Hangul, Kana or Han character."""
    return bool(text) and _CJK_RUN.search(text) is not None


def cjk_bigrams(run: str) -> list[str]:
    """The overlapping character bigrams of a CJK run ("明兴三" -> ["明兴", "兴三"]); a one-character run is
    itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i:i + 2] for i in range(len(run) - 1)]


def word_terms(word: str) -> list[str]:
    """What a folded word is indexed and matched as: the bigrams of a CJK run, else its stem (in order: a
    phrase of words is the phrase of their terms)."""
    return cjk_bigrams(word) if is_cjk(word) else [stem(word)]


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
    """Every folded word token of ``text`` (letters and digits only; a CJK run is one word), in order."""
    return _TOKEN_RE.findall(fold(text))


def terms(text: str | None) -> str:
    """What a text is indexed as: its folded words stemmed and its CJK runs as bigrams (``word_terms``), in
    order, separated by spaces (positions are kept for phrase matching)."""
    return " ".join(term for word in words(text) for term in word_terms(word))


@lru_cache(maxsize=256)
def _latin_and_cjk(query_terms: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The terms matched word by word, and the CJK terms matched wherever they are written."""
    cjk = frozenset(term for term in query_terms if is_cjk(term))
    return query_terms - cjk, cjk


def _cjk_spans(folded: str, wanted) -> list[tuple[int, int]]:
    """Where each CJK term of ``wanted`` is written in ``folded``."""
    spans = []
    for term in wanted:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    return spans


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, a span overlapping an earlier (or longer, at the same start) one merged into it."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _spans(text: str, query_terms) -> list[tuple[int, int]]:
    """Where ``highlight`` marks ``query_terms`` in ``text`` (NFC), in order and without overlaps."""
    latin, cjk = _latin_and_cjk(frozenset(query_terms or ()))
    if not (latin or cjk):
        return []
    folded = fold(text)
    spans = [m.span() for m in _LATIN_RE.finditer(folded) if m[0] in latin or stem(m[0]) in latin]
    return _without_overlaps(spans + _cjk_spans(folded, cjk))


def highlight(text: str, query_terms, width: int = 220) -> SafeString:
    """An HTML-escaped excerpt of ``text`` around the first match, matches wrapped in ``<mark>``.

    A word matches when its folded form or its stem is one of ``query_terms`` (folded words or stems), so
    "electronics" is marked for the query "electronic"; a CJK term is marked wherever it is written, inside a
    longer run too ("단지" in "산업단지")."""
    text = unicodedata.normalize("NFC", text or "")
    return _excerpt(text, _spans(text, query_terms), width)


def highlight_first(texts, query_terms, width: int = 220) -> SafeString:
    """``highlight`` of the first of ``texts`` in which it marks a word, else of the last one that is not empty
    (a summary where it names what was searched for, else the body)."""
    chosen = ""
    for text in texts:
        text = unicodedata.normalize("NFC", text or "")
        if text:
            spans = _spans(text, query_terms)
            if spans:
                return _excerpt(text, spans, width)
            chosen = text
    return _excerpt(chosen, [], width)


def _excerpt(text: str, spans: list[tuple[int, int]], width: int) -> SafeString:
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
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
