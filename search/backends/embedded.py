"""The default backend: documents in the project's own database (SQLite or PostgreSQL).

Full text is matched in the database (PostgreSQL ``tsvector`` + GIN, SQLite FTS5) on stemmed terms, Korean,
Japanese and Chinese as overlapping character bigrams (``core.text.terms``): the query expanded with synonyms
(``search.analysis``), every group of it required; the query as a phrase first, then heavier types (zones
before projects), then better matches (see ``relevance``); matches are counted up to ``SEARCH_EXACT_COUNT_LIMIT``
and, past it, only a bounded set of them is ranked (``_ranked_matches``). Facets are GROUP BY counts over one
materialised match, geography is a bounding-box prefilter plus a haversine distance in SQL, autocomplete a prefix
match on the title's words as written, "did you mean" the closest words of the indexed titles (``search.spelling``).
"""

import json
from collections.abc import Iterable
from decimal import Decimal
from itertools import islice

from django.core.exceptions import FullResultSet
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, FloatField, Max, QuerySet, When
from django.db.models.expressions import RawSQL, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Length
from django.utils import timezone

from core.caching import ProcessCache
from core.text import fold, highlight, highlight_first, terms, tokens

from .. import synonyms
from ..analysis import Expansion
from ..models import SearchDocument, SearchText
from ..registry import TYPE_WEIGHTS
from ..spelling import Vocabulary, suggest
from .base import (
    FACET_FIELDS,
    BaseSearchBackend,
    Hit,
    IndexDocument,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
    exact_count_limit,
)
from .fulltext import PHRASE_BONUS, PostgresFulltext, SqliteFulltext, indexed_pairs

_COLUMN = {"type": "doc_type"}
_WRITE_FIELDS = ["title", "folded_title", "url", "kind", "province", "commune", "sector", "status",
                 "available_land_ha", "land_price_usd", "capital_usd", "lon", "lat", "tags", "distances"]
_KEY = ["doc_type", "object_id", "locale"]
_TEXT_FIELDS = ["summary", "body", "folded_title", "title_terms", "text_terms", "locale"]
_JSON_FIELDS = {"tags", "distances"}
#: The PostgreSQL vector: the title's terms weighted A, the terms of all the text B, the title's words as written
#: C (autocomplete only), the pairs of adjacent terms D (``fulltext.indexed_pairs``).
_VECTOR = ("setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
           f"setweight(to_tsvector('simple', %s), 'C') || {PostgresFulltext.pairs_vector}")
#: Times a type's weight, added to the score: within phrase matches and within the others, heavier types first.
TYPE_SCALE = 1000.0
_BATCH = 1000
#: How many matches a broad query ranks for a page in the first ones (``candidates_for``).
RANKED_CANDIDATES = 1000
#: What a hit shows of its document, read with the page (``_PAGE_ROWS``), then its text's summary and body.
_HIT_FIELDS = ["doc_type", "object_id", "locale", "title", "url", "kind", "province", "commune", "sector", "status",
               "available_land_ha", "lon", "lat"]
#: The rows of a statement's ``page``: position, id, score, distance, then what each hit shows (a decimal as text:
#: the raw value of a decimal column is a float on SQLite).
_PAGE_ROWS = ("SELECT '#', '', page.position, page.id, page.score, page.distance, "  # noqa: S608 - field names
              + ", ".join(f"CAST(document.{name} AS TEXT)" if name == "available_land_ha" else f"document.{name}"
                          for name in _HIT_FIELDS)
              + ", text.summary, text.body FROM page JOIN search_searchdocument AS document ON document.id = page.id "
              "LEFT JOIN search_searchtext AS text ON text.document_id = page.id")
#: What the other parts of a statement put in the columns of a hit.
_NO_HIT = ", NULL" * (len(_HIT_FIELDS) + 2)
_LAND_STEP = Decimal(1).scaleb(-SearchDocument._meta.get_field("available_land_ha").decimal_places)
#: ORDER BY of each sort, over the columns of the materialised match; the id makes every order total.
_ORDER = {"relevance": "score DESC, {title}, id",
          "distance": "distance_km ASC NULLS LAST, {title}, id",
          "available_land": "available_land_ha DESC NULLS LAST, score DESC, {title}, id"}


def column(field: str) -> str:
    """The model column of a facet field."""
    return _COLUMN.get(field, field)


def type_weight() -> tuple[str, list]:
    """SQL of the weight of the document's type (TYPE_WEIGHTS, else 1) and its parameters."""
    weights = dict(TYPE_WEIGHTS)
    if not weights:
        return "1.0", []
    cases = " ".join("WHEN %s THEN %s" for _ in weights)
    return f"CASE doc_type {cases} ELSE 1.0 END", [value for item in weights.items() for value in item]


def type_bands() -> list[tuple[list[str], bool]]:
    """The bands a bounded search takes its candidates from, best first: the document types of each type weight,
    heaviest first, as (types, whether the band is every type but the others'). Every score of a band is above
    every score of the next one but for the phrase bonus (``TYPE_SCALE``)."""
    groups: dict[float, list[str]] = {}
    for doc_type, weight in TYPE_WEIGHTS.items():
        groups.setdefault(float(weight), []).append(doc_type)
    bands = [(types, False) for weight, types in sorted(groups.items(), key=lambda item: -item[0]) if weight > 1.0]
    weighted = [doc_type for types, _rest in bands for doc_type in types]
    bands.append((weighted, True))
    bands += [(types, False) for weight, types in sorted(groups.items(), key=lambda item: -item[0]) if weight < 1.0]
    return bands


def band_of() -> tuple[str, list]:
    """SQL of the number of a document's band (``type_bands``) and its parameters."""
    cases, params, rest = [], [], 0
    for number, (types, others) in enumerate(type_bands()):
        if others:
            rest = number
        else:
            cases += [f"WHEN doc_type IN ({', '.join(['%s'] * len(types))}) THEN %s"]
            params += [*types, number]
    return (f"CASE {' '.join(cases)} ELSE %s END" if cases else "%s"), [*params, rest]


def _count_parts(source: str, names: list[str], limit: int) -> tuple[list[str], list]:
    """The parts of a search statement after its ``page``: the page's rows with their hits, the matches counted
    (``edge``) and the count of every value of each facet of ``names`` over the first ``limit`` rows of ``source``,
    which holds the first ``limit + 1`` matches in id order (``edge`` has their last id). Every name comes from
    FACET_FIELDS."""
    within = "((SELECT counted FROM edge) <= %s OR id < (SELECT last FROM edge))"
    parts = [_PAGE_ROWS, f"SELECT '', '', counted, NULL, NULL, NULL{_NO_HIT} FROM edge"]  # noqa: S608
    parts += [f"SELECT '{name}', {column(name)}, COUNT(*), NULL, NULL, NULL{_NO_HIT} FROM {source} "  # noqa: S608
              f"WHERE {column(name)} <> '' AND {within} GROUP BY {column(name)}" for name in names]
    return parts, [limit] * len(names)


def candidates_for(query: SearchQuery, limit: int) -> int:
    """How many of its matches a broad query ranks: ``RANKED_CANDIDATES`` for the pages within them, ``limit``
    for the pages past them; the pages ranked from one set do not overlap."""
    return min(limit, RANKED_CANDIDATES if query.offset + query.page_size <= RANKED_CANDIDATES else limit)


def relevance(fulltext, expansion: Expansion, phrase_bonus: bool = True) -> RawSQL:
    """The score, ordered by three things in turn: whether the query is there as one phrase (its words or
    their synonyms, ``Expansion.phrases``; ``PHRASE_BONUS``), the weight of the document's type (``TYPE_SCALE``
    each: zones, then policies, procedures and sectors, then projects and pages), then how well the text
    matches (the title's terms count five times the text's). The full-text rank stays far below ``TYPE_SCALE``.

    Without ``phrase_bonus``, the score before the bonus, which is added last: the caller that knows whether a
    document holds the phrase adds it."""
    rank = fulltext.rank(expansion)
    weight_sql, weight_params = type_weight()
    sql, params = f"({rank.sql}) + %s * {weight_sql}", [*rank.params, TYPE_SCALE, *weight_params]
    if expansion.ranks_phrases and phrase_bonus:
        bonus = fulltext.phrase_bonus(expansion)
        sql, params = f"{sql} + ({bonus.sql})", [*params, *bonus.params]
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 - values are parameters


def _titles_vocabulary(dictionary_version: int) -> Vocabulary:
    """The words of every indexed title and of the synonym dictionary."""
    titles = SearchDocument.objects.values_list("title", flat=True).iterator(chunk_size=5000)
    return Vocabulary.build(titles, synonyms.dictionary().words())


#: Rebuilt after any write to the index (and for each version of the synonym dictionary).
_vocabulary: ProcessCache[Vocabulary] = ProcessCache("search:vocabulary:version", _titles_vocabulary, max_entries=2)


HAVERSINE_SQL = ("2 * 6371.0088 * ASIN(SQRT(POWER(SIN(RADIANS(lat - %s) / 2), 2) + COS(RADIANS(%s)) "
                 "* COS(RADIANS(lat)) * POWER(SIN(RADIANS(lon - %s) / 2), 2)))")


def distance_km(lon: float, lat: float) -> RawSQL:
    """Haversine distance in km from (lon, lat) to each document, in SQL (Django registers these math
    functions on SQLite too). One raw expression keeps query compilation cheap."""
    return RawSQL(HAVERSINE_SQL, [float(lat), float(lat), float(lon)], output_field=FloatField())  # noqa: S611


def _upsert_orm(batch: list[tuple[SearchDocument, SearchText]]) -> None:
    """Insert or update documents and their text with the ORM (SQLite's triggers keep FTS5 in step)."""
    rows = [row for row, _text in batch]
    # On conflict the existing row is updated and its id returned (SQLite >= 3.35).
    SearchDocument.objects.bulk_create(rows, update_conflicts=True, unique_fields=_KEY,
                                       update_fields=[*_WRITE_FIELDS, "updated_at"])
    for row, text in batch:
        text.document_id = row.pk
    SearchText.objects.bulk_create([text for _row, text in batch], update_conflicts=True,
                                   unique_fields=["document"], update_fields=_TEXT_FIELDS)


def _upsert_postgres(batch: list[tuple[SearchDocument, SearchText]]) -> None:
    """Insert or update documents and their text in one statement per table; PostgreSQL computes each
    ``tsvector`` from the folded text it receives as parameters (an ORM expression per row would cost
    more to compile than the insert itself)."""
    quote = connection.ops.quote_name
    fields = [*_KEY, *_WRITE_FIELDS, "updated_at"]
    values = "(" + ", ".join("%s::jsonb" if name in _JSON_FIELDS else "%s" for name in fields) + f", {_VECTOR})"
    updates = ", ".join(f"{quote(name)} = EXCLUDED.{quote(name)}"
                        for name in [*_WRITE_FIELDS, "updated_at", "search_vector"])
    # Identifiers come from the model's field names (quoted); every value is a parameter.
    documents = (f"INSERT INTO {quote(SearchDocument._meta.db_table)} "  # noqa: S608
                 f"({', '.join(quote(name) for name in fields)}, search_vector) "
                 f"VALUES {', '.join([values] * len(batch))} "
                 f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updates} RETURNING id")
    params = []
    for row, text in batch:
        params += [json.dumps(getattr(row, name)) if name in _JSON_FIELDS else getattr(row, name) for name in fields]
        params += [text.title_terms, text.text_terms, text.folded_title,
                   indexed_pairs(text.title_terms, text.text_terms)]
    text_fields = ["document_id", *_TEXT_FIELDS]
    texts = (f"INSERT INTO {quote(SearchText._meta.db_table)} ({', '.join(text_fields)}) "  # noqa: S608
             f"VALUES {', '.join(['(' + ', '.join(['%s'] * len(text_fields)) + ')'] * len(batch))} "
             f"ON CONFLICT (document_id) DO UPDATE SET "
             f"{', '.join(f'{name} = EXCLUDED.{name}' for name in _TEXT_FIELDS)}")
    with connection.cursor() as cursor:
        cursor.execute(documents, params)
        ids = [pk for (pk,) in cursor.fetchall()]
        cursor.execute(texts, [value for pk, (_row, text) in zip(ids, batch, strict=True)
                               for value in (pk, *(getattr(text, name) for name in _TEXT_FIELDS))])


class SearchBackend(BaseSearchBackend):
    """Search in the project's own database; nothing else to run."""

    @property
    def fulltext(self):
        if connection.vendor == "postgresql":
            return PostgresFulltext()
        if connection.vendor == "sqlite":
            return SqliteFulltext()
        raise SearchUnavailable(f"no full-text support for {connection.vendor}")

    # Writing
    def _rows(self, document: IndexDocument) -> tuple[SearchDocument, SearchText]:
        folded_title = fold(document.title)[:255]
        title_terms = terms(document.title)
        text_terms = " ".join(part for part in (title_terms, terms(document.summary), terms(document.body)) if part)
        row = SearchDocument(
            doc_type=document.doc_type, object_id=str(document.object_id), locale=document.locale,
            title=document.title[:255], folded_title=folded_title, url=document.url,
            kind=document.kind, province=document.province, commune=document.commune, sector=document.sector,
            status=document.status, available_land_ha=document.available_land_ha,
            land_price_usd=document.land_price_usd, capital_usd=document.capital_usd,
            lon=document.lon, lat=document.lat, tags=dict.fromkeys(document.tags, True),
            distances={code: float(km) for code, km in document.distances.items()}, updated_at=timezone.now(),
        )
        text = SearchText(summary=document.summary, body=document.body, folded_title=folded_title,
                          title_terms=title_terms, text_terms=text_terms, locale=document.locale)
        return row, text

    def bulk(self, documents: Iterable[IndexDocument]) -> int:
        written = 0
        iterator = iter(documents)
        write = _upsert_postgres if connection.vendor == "postgresql" else _upsert_orm
        try:
            while batch := [self._rows(doc) for doc in islice(iterator, _BATCH)]:
                with transaction.atomic():
                    write(batch)
                written += len(batch)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc
        _vocabulary.invalidate()
        return written

    def replace(self, doc_type: str, object_id: str, documents: list[IndexDocument]) -> None:
        try:
            with transaction.atomic():
                keep = [doc.locale for doc in documents]
                SearchDocument.objects.filter(doc_type=doc_type, object_id=str(object_id)).exclude(
                    locale__in=keep).delete()
                self.bulk(documents)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def delete(self, doc_type: str, object_id: str) -> None:
        try:
            SearchDocument.objects.filter(doc_type=doc_type, object_id=str(object_id)).delete()
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc
        _vocabulary.invalidate()

    def clear(self) -> None:
        try:
            SearchDocument.objects.all().delete()
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc
        _vocabulary.invalidate()

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Replace everything in one transaction: searches see the old index until the new one is complete."""
        try:
            with transaction.atomic():
                SearchDocument.objects.all().delete()
                return self.bulk(documents)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    # Reading
    def _filter(self, query: SearchQuery, expansion: Expansion, first: Iterable = ()) -> QuerySet:
        """The matches of ``query``, checked against the conditions ``first`` (cheap ones, such as a band's
        types) before the text."""
        qs = SearchDocument.objects.filter(*first)
        fulltext = self.fulltext
        if query.locale and not (expansion and fulltext.ranks_in_advance):  # else the match is of the locale only
            qs = qs.filter(locale=query.locale)
        if expansion:
            qs = fulltext.match(qs, expansion)
        for field, values in query.filters.items():
            if values:
                qs = qs.filter(**{f"{column(field)}__in": list(values)})
        for field, (low, high) in query.ranges.items():
            if low is not None:
                qs = qs.filter(**{f"{field}__gte": low})
            if high is not None:
                qs = qs.filter(**{f"{field}__lte": high})
        for group in query.tags:
            qs = qs.filter(tags__has_any_keys=list(group))
        for number, (code, km) in enumerate(query.max_distances.items()):
            qs = qs.alias(**{f"road_km_{number}": KeyTransform(code, "distances")}).filter(
                **{f"road_km_{number}__lte": float(km)})
        if query.bbox:
            west, south, east, north = query.bbox
            qs = qs.filter(lon__gte=west, lon__lte=east, lat__gte=south, lat__lte=north)
        box = query.radius_bbox()
        if box:
            west, south, east, north = box
            qs = qs.filter(lon__gte=west, lon__lte=east, lat__gte=south, lat__lte=north)
            qs = qs.alias(distance=distance_km(*query.near)).filter(distance__lte=query.radius_km)
        return qs

    def _where(self, query: SearchQuery, expansion: Expansion) -> tuple[str, list]:
        """The WHERE condition of ``_filter`` as SQL and its parameters (``1 = 1`` when nothing is filtered)."""
        qs = self._filter(query, expansion)
        try:
            return qs.query.get_compiler(connection=connection).compile(qs.query.where)
        except FullResultSet:
            return "1 = 1", []

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            return self._search(query)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, query: SearchQuery) -> SearchResults:
        expansion = synonyms.expand_query(query.text)
        limit = exact_count_limit()
        if query.sort == "relevance" and not (expansion and self.fulltext.ranks_in_advance):
            counted, facets, page = self._ranked_matches(expansion, query, limit)
        else:  # every match ranked in advance: one pass over them ranks and counts them all when they are few
            qs = self._filter(query, expansion)
            counted, facets, page = self._matches(qs, expansion, query, limit)
            if counted > limit and query.sort == "relevance":
                counted, facets, page = self._ranked_matches(expansion, query, limit)
        exact = counted <= limit
        if not exact and query.sort != "relevance" and query.offset < limit:
            page = self._sorted_page(qs, expansion, query)
        elif not exact and query.offset >= limit:
            page = {}
        marked = expansion.highlight_terms() if query.highlight else set()
        hits = [self._hit(fields, score, distance, marked) for score, distance, fields in page.values()]
        suggestion = ""
        if counted == 0 and expansion:
            suggestion = suggest(query.text, _vocabulary.get(synonyms.version()))
        return SearchResults(hits=hits, total=min(counted, limit), facets=facets, page=query.page,
                             page_size=query.page_size, suggestion=suggestion, total_is_exact=exact,
                             facets_estimated=not exact)

    def _scored(self, qs: QuerySet, expansion: Expansion, query: SearchQuery) -> tuple[QuerySet, list[str]]:
        """``qs`` with each match's score (and distance from the point searched near), and the keys a page is
        ordered by."""
        qs = qs.annotate(score=relevance(self.fulltext, expansion) if expansion
                         else Value(0.0, output_field=FloatField()))
        keys = ["id", "score", "title", "available_land_ha"]
        if query.near:
            qs = qs.annotate(distance_km=distance_km(*query.near))
            keys.append("distance_km")
        return qs, keys

    def _page_sql(self, source: str, query: SearchQuery, guard: str = "") -> str:
        """A ``page`` CTE: the requested page of the rows of ``source`` in the sort's order, numbered."""
        distance = "distance_km" if query.near else "CAST(NULL AS DOUBLE PRECISION)"
        order = _ORDER[query.sort].format(title=self.fulltext.title_order)
        # Every name comes from _ORDER, never from the request; LIMIT and OFFSET are parameters.
        return (f"page AS (SELECT id, score, {distance} AS distance, "  # noqa: S608
                f"ROW_NUMBER() OVER (ORDER BY {order}) AS position "
                f"FROM (SELECT * FROM {source} {guard} ORDER BY {order} LIMIT %s OFFSET %s) AS top)")

    @staticmethod
    def _read_page(rows) -> dict[int, tuple[float, float | None, tuple]]:
        """{id: (score, distance, the hit's fields)} of the page's rows (position, id, score, distance, *fields)."""
        return {pk: (float(score or 0.0), dist, fields) for _position, pk, score, dist, *fields in sorted(rows)}

    def _matches(self, qs: QuerySet, expansion: Expansion, query: SearchQuery, limit: int
                 ) -> tuple[int, dict[str, list[tuple[str, int]]], dict[int, tuple[float, float | None]]]:
        """One statement over the first ``limit + 1`` matches (in id order, materialised once): how many there
        are (up to ``limit + 1``), the counts of every facet value over the first ``limit`` of them, and, when
        they are all the matches, the requested page as {id: (score, distance)} in order.

        The scan stops after ``limit + 1`` matches: a broad query neither ranks nor counts the rest. When no
        more than ``limit`` match, this is every match, ranked and counted exactly, as before.
        """
        qs, keys = self._scored(qs, expansion, query)
        names = [name for name in query.facets if name in FACET_FIELDS]
        columns = list(dict.fromkeys(column(name) for name in names))
        inner_sql, params = qs.values(*keys, *[c for c in columns if c not in keys]).query.sql_with_params()
        # Every name below comes from FACET_FIELDS or _ORDER, never from the request; values are parameters.
        # The page comes first: its columns give the types the NULLs of the other rows take.
        parts, part_params = _count_parts("matches", names, limit)
        ctes, cte_params = self.fulltext.ranks(expansion, query.locale)
        sql = ("WITH " + "".join(f"{cte}, " for cte in ctes)  # noqa: S608
               + f"matches AS MATERIALIZED (SELECT * FROM ({inner_sql}) AS found ORDER BY id LIMIT %s), "  # noqa: S608
               "edge AS MATERIALIZED (SELECT MAX(id) AS last, COUNT(*) AS counted FROM matches), "
               + self._page_sql("matches", query, "WHERE (SELECT counted FROM edge) <= %s") + " "
               + " UNION ALL ".join(parts))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*cte_params, *params, limit + 1, limit, query.page_size, query.offset, *part_params])
            return self._read_rows(cursor.fetchall(), names)

    def _read_rows(self, rows, names: list[str]
                   ) -> tuple[int, dict[str, list[tuple[str, int]]], dict[int, tuple[float, float | None]]]:
        """The count, the facet counts and the page of the rows of a ``_matches`` statement."""
        total, page = 0, []
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        for name, value, count, pk, score, dist, *fields in rows:
            if name == "#":
                page.append((count, pk, score, dist, *fields))
            elif name == "":
                total = count
            else:
                counts[name].append((value, count))
        for name in counts:
            counts[name].sort(key=lambda item: (-item[1], item[0]))
        return total, counts, self._read_page(page)

    def _ranked_matches(self, expansion: Expansion, query: SearchQuery, limit: int
                        ) -> tuple[int, dict[str, list[tuple[str, int]]], dict[int, tuple[float, float | None]]]:
        """By relevance, one bounded pass (like Elasticsearch's ``track_total_hits``): how many match (counted up
        to ``limit + 1``), the counts of every facet value over the first ``limit`` matches, and the requested
        page of the candidates, ranked, as {id: (score, distance)} in order.

        The pass reads the matches in id order, without ranking them, and stops after ``limit + 1``. When no more
        match, they are the candidates: every match, ranked and counted exactly. Otherwise a broad query ranks
        only ``candidates_for(query, limit)`` of them, the first in the order the score starts with: the query's
        phrase first (when it ranks one), then the bands (``type_bands``: zones, then policies and procedures …),
        then id. A band is read past the last id counted when fewer than that many of it and of the better bands
        were counted, so a heavier type is never cut off by lighter ones stored before it. Its hits are the best
        of the candidates, in the order of a full ranking. Of the candidates, only those whose phrase and band are no
        worse than those of the page's last one are ranked: every other one scores below it.
        """
        names = [name for name in query.facets if name in FACET_FIELDS]
        columns = list(dict.fromkeys(column(name) for name in names))
        ranked = candidates_for(query, limit)
        where, where_params = self._where(query, expansion)
        phrased = self.fulltext.phrase_match(expansion) if expansion.ranks_phrases else RawSQL("%s", [False])  # noqa: S611
        # The filter is compiled once and shared by the first pass and every band; the names below are the
        # model's columns, every value a parameter.
        facet_columns = "".join(f", {c}" for c in columns if c != "id")
        select = (f"SELECT id, {self.fulltext.address} AS address, {{band}} AS band, "  # noqa: S608
                  f"({phrased.sql}) AS phrased{facet_columns} FROM search_searchdocument WHERE ")

        band_sql, band_params = band_of()
        first_sql = select.format(band=f"({band_sql})") + where
        first_params = [*band_params, *phrased.params, *where_params]
        # NULL (nothing to read past) unless more than ``limit`` match.
        past = "search_searchdocument.id > (SELECT last FROM edge WHERE counted > %s)"
        branches, args = [], []
        for number, (types, others) in enumerate(type_bands()):
            marks = ", ".join(["%s"] * len(types))
            band = (f"NOT (doc_type IN ({marks})) AND " if types else "") if others else f"doc_type IN ({marks}) AND "
            sql = select.format(band="%s") + f"{past} AND {band}({where})"  # noqa: S608 - values are parameters
            # Only as many as the counted matches of this band and the better ones leave to the candidates.
            branches.append(f"SELECT * FROM ({sql} ORDER BY id LIMIT (SELECT CASE WHEN COUNT(*) < %s "  # noqa: S608
                            f"THEN %s - COUNT(*) ELSE 0 END FROM hits WHERE band <= %s)) AS tier_{number}")
            args += [number, *phrased.params, limit, *types, *where_params, ranked, ranked, number]
        # The matches are ordered as the score starts (phrase, band): only those up to the phrase and band of the
        # last one the page needs (``cut``) can be on the page, and only they are candidates (every match, or the
        # bounded set). They are read again by the address of their row (no index lookup) and scored; the phrase
        # bonus is added from what the first pass found (``phrased``) rather than by matching the phrases again.
        found = ("(SELECT id, address, band, phrased FROM hits UNION ALL SELECT id, address, band, phrased FROM more) "
                 "AS found")
        score = relevance(self.fulltext, expansion, phrase_bonus=False) if expansion else RawSQL("%s", [0.0])  # noqa: S611
        bonus = " + (CASE WHEN phrased THEN %s ELSE 0.0 END)" if expansion.ranks_phrases else ""
        distance = distance_km(*query.near) if query.near else None
        keys = "title, available_land_ha" + (", distance_km" if distance else "")
        rated_sql = (f"SELECT id, {self.fulltext.address} AS address, ({score.sql}) AS score, "  # noqa: S608
                     "title, available_land_ha" + (f", ({distance.sql}) AS distance_km" if distance else "")
                     + f" FROM search_searchdocument WHERE {self.fulltext.rows_at('candidates')}")
        rated_params = [*score.params, *(distance.params if distance else [])]
        scored_sql = (f"SELECT id, score{bonus} AS score, {keys} FROM rated "  # noqa: S608
                      "JOIN candidates ON candidates.address = rated.address")
        scored_params = [PHRASE_BONUS] if expansion.ranks_phrases else []
        ctes, cte_params = self.fulltext.ranks(expansion, query.locale)
        # Every name below comes from FACET_FIELDS or _ORDER, never from the request; values are parameters.
        parts, part_params = _count_parts("hits", names, limit)
        sql = ("WITH " + "".join(f"{cte}, " for cte in ctes)  # noqa: S608
               + f"hits AS MATERIALIZED ({first_sql} ORDER BY id LIMIT %s), "  # noqa: S608
               "edge AS MATERIALIZED (SELECT MAX(id) AS last, COUNT(*) AS counted FROM hits), "
               f"more AS MATERIALIZED (SELECT * FROM ({' UNION ALL '.join(branches)} LIMIT %s) AS found "
               "WHERE (SELECT counted FROM edge) > %s), "
               f"cut AS MATERIALIZED (SELECT phrased, band FROM {found} ORDER BY phrased DESC, band "
               "LIMIT 1 OFFSET %s), "
               f"candidates AS MATERIALIZED (SELECT address, phrased FROM {found} WHERE NOT EXISTS (SELECT 1 FROM cut) "
               "OR phrased > (SELECT phrased FROM cut) OR (phrased = (SELECT phrased FROM cut) "
               "AND band <= (SELECT band FROM cut)) ORDER BY phrased DESC, band, id "
               "LIMIT (SELECT CASE WHEN counted > %s THEN %s ELSE counted END FROM edge)), "
               f"rated AS MATERIALIZED ({rated_sql}), scored AS MATERIALIZED ({scored_sql}), "
               + self._page_sql("scored", query) + " " + " UNION ALL ".join(parts))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*cte_params, *first_params, limit + 1, *args, ranked, limit,
                                 query.offset + query.page_size - 1, limit, ranked, *rated_params, *scored_params,
                                 query.page_size, query.offset, *part_params])
            return self._read_rows(cursor.fetchall(), names)

    def _sorted_page(self, qs: QuerySet, expansion: Expansion, query: SearchQuery
                     ) -> dict[int, tuple[float, float | None]]:
        """The requested page by distance or available land when more documents match than are counted: every
        match is ordered (nothing bounds these sorts), without counting them."""
        qs, keys = self._scored(qs, expansion, query)
        inner_sql, params = qs.values(*keys).query.sql_with_params()
        ctes, cte_params = self.fulltext.ranks(expansion, query.locale)
        sql = ("WITH " + "".join(f"{cte}, " for cte in ctes)  # noqa: S608
               + f"matches AS ({inner_sql}), {self._page_sql('matches', query)} {_PAGE_ROWS}")  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*cte_params, *params, query.page_size, query.offset])
            return self._read_page([row[2:] for row in cursor.fetchall()])

    def _hit(self, fields: tuple, score: float, distance: float | None, marked: set[str]) -> Hit:
        """The hit of a page's row: its document's ``_HIT_FIELDS``, then its text's summary and body."""
        (doc_type, object_id, locale, title, url, kind, province, commune, sector, status, land, lon, lat,
         summary, body) = fields
        snippet = highlight_first((summary, body), marked) if marked else highlight(summary or body, marked)
        return Hit(
            doc_type=doc_type, object_id=object_id, title=title, url=url, locale=locale, snippet=snippet, score=score,
            location=(lon, lat) if lon is not None and lat is not None else None, distance_km=distance,
            kind=kind, province=province, commune=commune, sector=sector, status=status,
            available_land_ha=None if land is None else Decimal(land).quantize(_LAND_STEP),
        )

    def autocomplete(self, prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
        typed = tokens(prefix)
        if not typed:
            return []
        qs = SearchDocument.objects.all()
        if locale:
            qs = qs.filter(locale=locale)
        try:
            qs = self.fulltext.match_prefix(qs, typed)
            starts = Case(When(folded_title__startswith=" ".join(typed), then=Value(0)), default=Value(1))
            weight = Case(*(When(doc_type=doc_type, then=Value(value)) for doc_type, value in TYPE_WEIGHTS.items()),
                          default=Value(1.0), output_field=FloatField())
            rows = list(qs.annotate(weight=weight, starts=starts, length=Length("title"))
                        .order_by("-weight", "starts", "length", "title")
                        .values_list("title", "url", "doc_type")[:limit * 3])
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc
        seen, suggestions = set(), []
        for title, url, doc_type in rows:
            if title in seen:
                continue
            seen.add(title)
            suggestions.append(Suggestion(title=title, url=url, doc_type=doc_type))
        return suggestions[:limit]

    def count(self) -> int:
        try:
            return SearchDocument.objects.count()
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def last_updated(self):
        try:
            return SearchDocument.objects.aggregate(at=Max("updated_at"))["at"]
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def ping(self) -> tuple[bool, str]:
        try:
            SearchDocument.objects.exists()
            self.fulltext  # noqa: B018 - raises when the database has no full-text support
        except (DatabaseError, SearchUnavailable) as exc:
            return False, f"{type(exc).__name__}: {exc}"
        return True, f"embedded ({connection.vendor})"
