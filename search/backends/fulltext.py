"""The embedded backend's two full-text dialects: PostgreSQL (``tsvector`` + GIN) and SQLite (FTS5). Each
matches a query's expansion, matches a title prefix, ranks, and tells phrase matches apart, with the query's words
as parameters."""

from itertools import pairwise

from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from core.text import word_terms

from ..analysis import Expansion, Phrase

#: Added to the score of a match holding the query as one phrase: such a match ranks above every other.
PHRASE_BONUS = 1_000_000.0
#: Joins two adjacent terms into one lexeme ("fire+safeti"): PostgreSQL's parser reads "+" as a space, so no
#: word of a text is ever indexed as such a lexeme.
PAIR_JOINER = "+"
#: The longest lexeme a ``tsvector`` holds, in bytes; a query's words are far shorter.
_MAX_LEXEME = 2047


def term_pairs(terms: list[str]) -> list[str]:
    """The pair lexemes of terms in order: each term joined to the next ("fire safeti rule" ->
    "fire+safeti", "safeti+rule")."""
    return [f"{first}{PAIR_JOINER}{second}" for first, second in pairwise(terms)]


def indexed_pairs(*texts: str) -> str:
    """The ``tsvector`` (as text: no parser splits it) of the pair lexemes of a document's terms (title terms,
    text terms: ``core.text.terms``), each once, weighted D: weighted, so that a query for some weights
    (autocomplete's C) does not find them; D, which no term has."""
    found = (pair for text in texts for pair in term_pairs(text.split()))
    return " ".join(f"'{pair}':1D" for pair in dict.fromkeys(found) if len(pair.encode()) <= _MAX_LEXEME)


def _joined(operator: str, parts: list[tuple[str, list]]) -> tuple[str, list]:
    """SQL fragments and their parameters joined by ``operator``, the parameters in order."""
    return operator.join(sql for sql, _params in parts), [value for _sql, params in parts for value in params]


class PostgresFulltext:
    """Matching and ranking with the ``search_vector`` column: terms weighted A (title) and B (all the text),
    the title's words as written C (autocomplete), and each pair of adjacent terms as one lexeme weighted D
    (``indexed_pairs``).

    A GIN index finds the documents holding lexemes but cannot tell whether they are adjacent: a phrase is
    matched by its pairs (``paired``), so that the index finds the few documents holding them, and the phrase of
    three terms or more is checked on those rows only. The rank reads the query's terms without their pairs, as
    before the pairs were indexed.

    Query words are folded letters and digits or CJK runs (``core.text.tokens``; a run is matched as the phrase of its
    bigrams, ``core.text.word_terms``) and travel as parameters."""

    #: The pair lexemes of a document, from the parameter ``indexed_pairs`` makes.
    pairs_vector = "CAST(%s AS tsvector)"

    #: Titles compare in code-point order, as Elasticsearch's keyword sort and SQLite compare them (and fast:
    #: equally ranked matches are many, and a locale's collation makes every comparison of them costly).
    title_order = 'title COLLATE "C"'
    #: The address of a document's row: what ``rows_at`` reads again in the same statement.
    address = "search_searchdocument.ctid"
    #: The rank is computed row by row, for the rows a statement reads (``ranks`` computes none in advance).
    ranks_in_advance = False

    @staticmethod
    def rows_at(source: str) -> str:
        """The documents whose rows are at the ``address`` of a row of ``source`` (a TID scan: no index)."""
        return f"search_searchdocument.ctid = ANY (ARRAY(SELECT address FROM {source}))"  # noqa: S608 - a CTE name

    @staticmethod
    def phrase(words) -> str:
        """A phrase of words (stemmed, CJK runs as bigrams) in the terms (A or B) of a document."""
        return " <-> ".join(f"{term}:AB" for word in words for term in word_terms(word))

    @classmethod
    def tsquery(cls, expansion: Expansion) -> str:
        """Every group, each any of its alternatives (what the rank reads)."""
        return " & ".join("(" + " | ".join(f"({cls.phrase(alternative)})" for alternative in group) + ")"
                          for group in expansion.groups)

    @classmethod
    def paired(cls, phrase: Phrase) -> tuple[str, list]:
        """SQL of the tsquery of a phrase: of two terms, their pair lexeme (a document holds it exactly when it
        holds the two terms next to each other in its title or its text); of more, their pairs and the phrase
        itself (pairs may be found apart); of one, the term. Pairs are quoted as they are: no parser splits them."""
        terms = [term for word in phrase for term in word_terms(word)]
        pairs = " & ".join(f"'{pair}'" for pair in term_pairs(terms))
        if len(terms) == 2:
            return "CAST(%s AS tsquery)", [pairs]
        if not pairs:
            return "to_tsquery('simple', %s)", [cls.phrase(phrase)]
        return "(CAST(%s AS tsquery) && to_tsquery('simple', %s))", [pairs, cls.phrase(phrase)]

    @classmethod
    def any_of(cls, phrases) -> tuple[str, list]:
        """SQL of the tsquery of any of ``phrases``, each with its pairs (``paired``)."""
        sql, params = _joined(" || ", [cls.paired(phrase) for phrase in phrases])
        return f"({sql})", params

    @classmethod
    def matching(cls, expansion: Expansion) -> tuple[str, list]:
        """SQL of the tsquery that matches: every group, each any of its alternatives with their pairs."""
        return _joined(" && ", [cls.any_of(group) for group in expansion.groups])

    @staticmethod
    def prefix_tsquery(words: list[str]) -> str:
        """The title's words as written, the last one a prefix."""
        return " & ".join([*(f"{word}:C" for word in words[:-1]), f"{words[-1]}:*C"])

    def match(self, qs: QuerySet, expansion: Expansion) -> QuerySet:
        return self._match(qs, *self.matching(expansion))

    def match_prefix(self, qs: QuerySet, words: list[str]) -> QuerySet:
        return self._match(qs, "to_tsquery('simple', %s)", [self.prefix_tsquery(words)])

    @staticmethod
    def _match(qs: QuerySet, tsquery: str, params: list) -> QuerySet:
        return qs.filter(RawSQL(f"search_vector @@ ({tsquery})", params,  # noqa: S611 - values are parameters
                                output_field=BooleanField()))

    def rank(self, expansion: Expansion) -> RawSQL:
        return RawSQL("ts_rank(search_vector, to_tsquery('simple', %s))", [self.tsquery(expansion)],  # noqa: S611
                      output_field=FloatField())

    def ranks(self, expansion: Expansion | None, locale: str | None = None) -> tuple[list[str], list]:
        """The common table expressions ``rank`` reads (none: the rank is computed from the row's vector)."""
        return [], []

    def phrase_bonus(self, expansion: Expansion) -> RawSQL:
        sql, params = self.any_of(expansion.phrases())
        return RawSQL(f"CASE WHEN search_vector @@ {sql} THEN %s ELSE 0.0 END",  # noqa: S611 - parameters
                      [*params, PHRASE_BONUS], output_field=FloatField())

    def phrase_match(self, expansion: Expansion) -> RawSQL:
        """Whether a document holds the query as one phrase."""
        sql, params = self.any_of(expansion.phrases())
        return RawSQL(f"search_vector @@ {sql}", params, output_field=BooleanField())  # noqa: S611 - parameters


class SqliteFulltext:
    """Matching and ranking with the FTS5 table: bm25 with the title's terms weighted five times the text's;
    the title's words as written only for autocomplete.

    Query words are folded letters and digits or CJK runs (``core.text.tokens``; a run is matched as the phrase of its
    bigrams), quoted, and travel as parameters."""

    title_order = "title"  # BINARY: code-point order
    address = "search_searchdocument.rowid"
    #: bm25 is computed for every match of the locale before a row is read (``ranks``): ranking only some of them
    #: saves nothing, and ``match`` reads the matches of that locale only.
    ranks_in_advance = True

    @staticmethod
    def rows_at(source: str) -> str:
        return f"search_searchdocument.rowid IN (SELECT address FROM {source})"  # noqa: S608 - a CTE name
    _TERMS = "{title_terms text_terms}"
    _IN_FTS = ("search_searchdocument.id IN (SELECT rowid FROM search_searchdocument_fts "
               "WHERE search_searchdocument_fts MATCH %s)")

    @staticmethod
    def phrase(words) -> str:
        return '"' + " ".join(term for word in words for term in word_terms(word)) + '"'

    @classmethod
    def expression(cls, expansion: Expansion) -> str:
        """Every group, each any of its alternatives, in the terms."""
        groups = " AND ".join("(" + " OR ".join(cls.phrase(alternative) for alternative in group) + ")"
                              for group in expansion.groups)
        return f"{cls._TERMS} : ({groups})"

    def match(self, qs: QuerySet, expansion: Expansion) -> QuerySet:
        """The matches, read from the ``fts_rank`` expression of ``ranks`` that every statement of a text search
        carries: one MATCH query per statement."""
        return qs.filter(RawSQL("search_searchdocument.id IN (SELECT id FROM fts_rank)", [],  # noqa: S611
                                output_field=BooleanField()))

    def match_prefix(self, qs: QuerySet, words: list[str]) -> QuerySet:
        expression = " AND ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
        return qs.filter(RawSQL(self._IN_FTS, [f"folded_title : ({expression})"],  # noqa: S611
                                output_field=BooleanField()))

    def rank(self, expansion: Expansion) -> RawSQL:
        """The bm25 of the document, read from the ``fts_rank`` expression of ``ranks``: FTS5 ranks only inside
        a MATCH query, and one such query per row would read the terms' whole lists again for every match."""
        return RawSQL("(SELECT fts_rank.rank FROM fts_rank WHERE fts_rank.id = search_searchdocument.id)", [],
                      output_field=FloatField())

    def ranks(self, expansion: Expansion | None, locale: str | None = None) -> tuple[list[str], list]:
        """The common table expression ``rank`` and ``match`` read: the bm25 of every match (of ``locale`` only,
        when given, which FTS5 matches in its ``locale`` column: bm25 is the costly part), by one MATCH query
        (SQLite looks it up by id through an automatic index). The language's column weighs nothing in bm25."""
        if not expansion:
            return [], []
        expression = self.expression(expansion)
        if locale:
            expression += ' AND locale : "' + locale.replace('"', '""') + '"'
        return (["fts_rank AS MATERIALIZED (SELECT rowid AS id, -bm25(search_searchdocument_fts, 5.0, 1.0, 0.0, 0.0) "
                 "AS rank FROM search_searchdocument_fts WHERE search_searchdocument_fts MATCH %s)"], [expression])

    def phrase_bonus(self, expansion: Expansion) -> RawSQL:
        phrases = " OR ".join(self.phrase(phrase) for phrase in expansion.phrases())
        return RawSQL(f"CASE WHEN {self._IN_FTS} THEN %s ELSE 0.0 END",  # noqa: S611 - values are parameters
                      [f"{self._TERMS} : ({phrases})", PHRASE_BONUS], output_field=FloatField())

    def phrase_match(self, expansion: Expansion) -> RawSQL:
        """Whether a document holds the query as one phrase."""
        phrases = " OR ".join(self.phrase(phrase) for phrase in expansion.phrases())
        return RawSQL(self._IN_FTS, [f"{self._TERMS} : ({phrases})"], output_field=BooleanField())  # noqa: S611
