"""What a query asks for, once synonyms and abbreviations are applied: one expansion that every backend turns
into its own query language, so that the embedded backend and Elasticsearch match the same documents.

A query is a list of groups that must all match (all the words, as before); a group is a set of
alternatives, any of which may match; an alternative is a phrase of folded words (a single word is a phrase
of one). "CIT exemption" becomes ``[{cit | corporate income tax | thue tndn | …}, {exemption}]``.
Words travel folded and unstemmed: the embedded backend stems them (``core.text.stem``), Elasticsearch's
analyser does the same at query time.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.text import stem, tokens, words

#: English function words an investor types ("industrial park *in* Chon Thanh") that need not be in a document.
#: Words that are also common Vietnamese syllables or place names (an, do, my, no) are not among them.
STOPWORDS = frozenset("a about and are at by for from in into is near of on or the to what where which with".split())
#: A dictionary term has at most this many words.
MAX_TERM_WORDS = 8
#: At most this many phrases (combinations of alternatives) are tried for the phrase that ranks first.
MAX_PHRASES = 16

Phrase = tuple[str, ...]


def phrase_of(text: str) -> Phrase:
    """A term as the folded words it is matched by."""
    return tuple(words(text))


def stems(phrase: Phrase) -> Phrase:
    """The stems of a phrase's words (what two spellings of a term share: "factories" and "factory")."""
    return tuple(stem(word) for word in phrase)


@dataclass(frozen=True)
class SynonymEntry:
    """One dictionary entry: ``terms`` mean the same (each finds all of them); ``expands_to`` are found by a
    search for any of the terms but do not find them back ("factory" -> "manufacturing")."""

    terms: tuple[Phrase, ...]
    expands_to: tuple[Phrase, ...] = ()


@dataclass
class Dictionary:
    """Synonyms by the stems of the phrase that triggers them."""

    alternatives: dict[Phrase, list[Phrase]] = field(default_factory=dict)
    longest: int = 0

    @classmethod
    def build(cls, entries: Iterable[SynonymEntry]) -> "Dictionary":
        """Index entries by each of their terms; a term in two entries finds the alternatives of both."""
        dictionary = cls()
        for entry in entries:
            found = [phrase for phrase in (*entry.terms, *entry.expands_to) if phrase]
            for term in entry.terms:
                if not term:
                    continue
                known = dictionary.alternatives.setdefault(stems(term), [])
                seen = {stems(phrase) for phrase in known}
                for phrase in found:
                    if stems(phrase) not in seen:
                        known.append(phrase)
                        seen.add(stems(phrase))
                dictionary.longest = max(dictionary.longest, len(term))
        return dictionary

    def words(self) -> set[str]:
        """Every folded word of every term (known to the spelling suggester)."""
        return {word for phrases in self.alternatives.values() for phrase in phrases for word in phrase}


@dataclass(frozen=True)
class Expansion:
    """A query's words and the groups they expand to."""

    #: The folded words of the query as typed.
    words: Phrase
    #: Groups that must all match; each a tuple of alternative phrases, the query's own words first.
    groups: tuple[tuple[Phrase, ...], ...]
    #: Every group in order, stop words included: the phrases that rank first are made of them.
    segments: tuple[tuple[Phrase, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def ranks_phrases(self) -> bool:
        """Whether a phrase can rank some matches above others: the query has more than one segment."""
        return len(self.segments) > 1

    def phrases(self) -> list[Phrase]:
        """The query as phrases, any alternative of each segment in turn ("KCN Minh Hưng": "kcn minh hung",
        "khu cong nghiep minh hung", "industrial park minh hung" …), the words typed first; at most
        ``MAX_PHRASES``. A match holding one of them ranks above the others."""
        found: list[Phrase] = [()]
        for segment in self.segments:
            found = [start + alternative for start in found for alternative in segment][:MAX_PHRASES]
        return found

    def highlight_terms(self) -> set[str]:
        """Folded words and stems to mark in snippets: the query's and its synonyms'."""
        found = {word for group in self.groups for phrase in group for word in phrase}
        return found | {stem(word) for word in found}


def expand(text: str, dictionary: Dictionary) -> Expansion:
    """The groups of ``text``: at each position the longest dictionary term starting there becomes a group of
    its alternatives; any other word is a group of its own, except a stop word (when another word is left)."""
    query = tuple(tokens(text))
    groups: list[tuple[Phrase, ...]] = []
    position = 0
    while position < len(query):
        for length in range(min(dictionary.longest, len(query) - position), 0, -1):
            typed = query[position:position + length]
            found = dictionary.alternatives.get(stems(typed))
            if found is not None:
                groups.append((typed, *(phrase for phrase in found if stems(phrase) != stems(typed))))
                position += length
                break
        else:
            groups.append((query[position:position + 1],))
            position += 1
    kept = [group for group in groups if not (len(group) == 1 and len(group[0]) == 1 and group[0][0] in STOPWORDS)]
    return Expansion(words=query, groups=tuple(kept or groups), segments=tuple(groups))
