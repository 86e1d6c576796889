"""The embedded backend's two full-text dialects: PostgreSQL (``tsvector`` + GIN) and SQLite (FTS5). Each
matches a query's expansion, matches a title prefix, ranks, and tells phrase matches apart, with the query's words
as parameters."""

from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from core.text import word_terms

from ..analysis import Expansion

#: Added to the score of a match holding the query as one phrase: such a match ranks above every other.
PHRASE_BONUS = 1_000_000.0


class PostgresFulltext:
    """Matching and ranking with the ``search_vector`` column: terms weighted A (title) and B (all the text),
    the title's words as written C (autocomplete).

    Query words are folded letters and digits or CJK runs (``core.text.tokens``; a run is matched as the phrase of its
    bigrams, ``core.text.word_terms``) and travel as parameters."""

    #: Titles compare in code-point order, as Elasticsearch's keyword sort and SQLite compare them (and fast:
    #: equally ranked matches are many, and a locale's collation makes every comparison of them costly).
    title_order = 'title COLLATE "C"'
    #: The address of a document's row: what ``rows_at`` reads again in the same statement.
    address = "search_searchdocument.ctid"

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
        """Every group, each any of its alternatives."""
        return " & ".join("(" + " | ".join(f"({cls.phrase(alternative)})" for alternative in group) + ")"
                          for group in expansion.groups)

    @staticmethod
    def prefix_tsquery(words: list[str]) -> str:
        """The title's words as written, the last one a prefix."""
        return " & ".join([*(f"{word}:C" for word in words[:-1]), f"{words[-1]}:*C"])

    def match(self, qs: QuerySet, expansion: Expansion) -> QuerySet:
        return self._match(qs, self.tsquery(expansion))

    def match_prefix(self, qs: QuerySet, words: list[str]) -> QuerySet:
        return self._match(qs, self.prefix_tsquery(words))

    @staticmethod
    def _match(qs: QuerySet, tsquery: str) -> QuerySet:
        return qs.filter(RawSQL("search_vector @@ to_tsquery('simple', %s)", [tsquery],  # noqa: S611 - parameter
                                output_field=BooleanField()))

    def rank(self, expansion: Expansion) -> RawSQL:
        return RawSQL("ts_rank(search_vector, to_tsquery('simple', %s))", [self.tsquery(expansion)],  # noqa: S611
                      output_field=FloatField())

    def ranks(self, expansion: Expansion | None) -> tuple[list[str], list]:
        """The common table expressions ``rank`` reads (none: the rank is computed from the row's vector)."""
        return [], []

    def phrase_bonus(self, expansion: Expansion) -> RawSQL:
        phrases = " | ".join(f"({self.phrase(phrase)})" for phrase in expansion.phrases())
        return RawSQL("CASE WHEN search_vector @@ to_tsquery('simple', %s) THEN %s ELSE 0.0 END",  # noqa: S611
                      [phrases, PHRASE_BONUS], output_field=FloatField())

    def phrase_match(self, expansion: Expansion) -> RawSQL:
        """Whether a document holds the query as one phrase."""
        phrases = " | ".join(f"({self.phrase(phrase)})" for phrase in expansion.phrases())
        return RawSQL("search_vector @@ to_tsquery('simple', %s)", [phrases],  # noqa: S611 - a parameter
                      output_field=BooleanField())


class SqliteFulltext:
    """Matching and ranking with the FTS5 table: bm25 with the title's terms weighted five times the text's;
    the title's words as written only for autocomplete.

    Query words are folded letters and digits or CJK runs (``core.text.tokens``; a run is matched as the phrase of its
    bigrams), quoted, and travel as parameters."""

    title_order = "title"  # BINARY: code-point order
    address = "search_searchdocument.rowid"

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
        return qs.filter(RawSQL(self._IN_FTS, [self.expression(expansion)], output_field=BooleanField()))  # noqa: S611

    def match_prefix(self, qs: QuerySet, words: list[str]) -> QuerySet:
        expression = " AND ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
        return qs.filter(RawSQL(self._IN_FTS, [f"folded_title : ({expression})"],  # noqa: S611
                                output_field=BooleanField()))

    def rank(self, expansion: Expansion) -> RawSQL:
        """The bm25 of the document, read from the ``fts_rank`` expression of ``ranks``: FTS5 ranks only inside
        a MATCH query, and one such query per row would read the terms' whole lists again for every match."""
        return RawSQL("(SELECT fts_rank.rank FROM fts_rank WHERE fts_rank.id = search_searchdocument.id)", [],
                      output_field=FloatField())

    def ranks(self, expansion: Expansion | None) -> tuple[list[str], list]:
        """The common table expression ``rank`` reads: the bm25 of every match, by one MATCH query (SQLite
        looks it up by id through an automatic index)."""
        if not expansion:
            return [], []
        return (["fts_rank AS MATERIALIZED (SELECT rowid AS id, -bm25(search_searchdocument_fts, 5.0, 1.0, 0.0) "
                 "AS rank FROM search_searchdocument_fts WHERE search_searchdocument_fts MATCH %s)"],
                [self.expression(expansion)])

    def phrase_bonus(self, expansion: Expansion) -> RawSQL:
        phrases = " OR ".join(self.phrase(phrase) for phrase in expansion.phrases())
        return RawSQL(f"CASE WHEN {self._IN_FTS} THEN %s ELSE 0.0 END",  # noqa: S611 - values are parameters
                      [f"{self._TERMS} : ({phrases})", PHRASE_BONUS], output_field=FloatField())

    def phrase_match(self, expansion: Expansion) -> RawSQL:
        """Whether a document holds the query as one phrase."""
        phrases = " OR ".join(self.phrase(phrase) for phrase in expansion.phrases())
        return RawSQL(self._IN_FTS, [f"{self._TERMS} : ({phrases})"], output_field=BooleanField())  # noqa: S611
