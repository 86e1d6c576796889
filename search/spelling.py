""""Did you mean": a query's unknown words replaced by the closest words of a vocabulary (the words of indexed
titles and of the synonym dictionary). Candidates come from ``difflib`` among words of about the same length;
the closest by edit distance (a swap of two letters counts as one edit) wins, the most frequent on a tie."""

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.text import CJK_CHARS, MAX_QUERY_LENGTH, fold, is_cjk, stem

#: Latin words, and CJK runs: these are kept as typed (an edit distance between characters says nothing of them).
_WORD = re.compile(f"[0-9a-z]+|[{CJK_CHARS}]+")
#: Words shorter than this are left alone (too many neighbours to guess from).
MIN_LENGTH = 3
#: As many words as a query searches for (``core.text.tokens``).
MAX_WORDS = 16


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Vocabulary:
    """Folded words with the number of titles they appear in and how they are written most often."""

    counts: Counter = field(default_factory=Counter)
    written: dict[str, str] = field(default_factory=dict)
    _by_length: dict[int, list[str]] = field(default_factory=dict)
    _stems: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, titles: Iterable[str], extra_words: Iterable[str] = ()) -> "Vocabulary":
        """The vocabulary of ``titles`` and of ``extra_words`` (folded words, counted once)."""
        counts: Counter = Counter()
        forms: dict[str, Counter] = {}
        for title in titles:
            folded = fold(title)  # as long as the title: a word's span marks it in the original
            seen = set()
            for match in _WORD.finditer(folded):
                word = match.group()
                if len(word) < MIN_LENGTH or word.isdigit() or is_cjk(word):
                    continue
                forms.setdefault(word, Counter())[title[match.start():match.end()].lower()] += 1
                if word not in seen:
                    counts[word] += 1
                    seen.add(word)
        for word in extra_words:
            if len(word) >= MIN_LENGTH and not word.isdigit():
                counts[word] += 1
                forms.setdefault(word, Counter())[word] += 1
        vocabulary = cls(counts=counts, written={word: form.most_common(1)[0][0] for word, form in forms.items()})
        for word in counts:
            vocabulary._by_length.setdefault(len(word), []).append(word)
        vocabulary._stems = {stem(word) for word in counts}
        return vocabulary

    def knows(self, word: str) -> bool:
        """Whether ``word`` (folded) or another form of it ("factories" for "factory") is in the vocabulary."""
        return word in self.counts or stem(word) in self._stems

    def closest(self, word: str) -> str | None:
        """The vocabulary word closest to ``word``: one edit away for short words, two for longer ones."""
        allowed = 1 if len(word) <= 5 else 2
        candidates = [other for length in range(len(word) - allowed, len(word) + allowed + 1)
                      for other in self._by_length.get(length, ())]
        near = difflib.get_close_matches(word, candidates, n=10, cutoff=0.6)
        scored = [(edit_distance(word, other), -self.counts[other], other) for other in near]
        scored = [item for item in scored if item[0] <= allowed]
        return min(scored)[2] if scored else None


def suggest(text: str, vocabulary: Vocabulary) -> str:
    """``text`` with each unknown word replaced by its closest vocabulary word, or "" when nothing changes.

    Words are kept as typed (lower case); a replacement is written as titles write it when the query was typed
    with accents ("Đồng Xòai" -> "đồng xoài"), folded otherwise ("dong xaoi" -> "dong xoai")."""
    text = unicodedata.normalize("NFC", text or "")[:MAX_QUERY_LENGTH]
    folded = fold(text)  # as long as the text: a word's span marks it in what was typed
    accented = folded != text.lower()
    changed, result = False, []
    for match in list(_WORD.finditer(folded))[:MAX_WORDS]:
        word = match.group()
        replacement = None
        if len(word) >= MIN_LENGTH and not word.isdigit() and not is_cjk(word) and not vocabulary.knows(word):
            replacement = vocabulary.closest(word)
        if replacement is None:
            result.append(text[match.start():match.end()].lower())
        else:
            changed = True
            result.append(vocabulary.written.get(replacement, replacement) if accented else replacement)
    return " ".join(result) if changed else ""
