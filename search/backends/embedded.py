"""The default backend: documents in the project's own database (SQLite or PostgreSQL).

Full text is matched in the database (PostgreSQL ``tsvector`` + GIN, SQLite FTS5), facets are GROUP BY
counts over one materialised match, geography is a bounding-box prefilter plus a haversine distance in
SQL, autocomplete a prefix match on the folded title.
"""

import json
from collections.abc import Iterable
from itertools import islice

from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Case, FloatField, QuerySet, When
from django.db.models.expressions import RawSQL, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Length
from django.utils import timezone

from core.text import fold, highlight, tokens

from ..models import SearchDocument, SearchText
from ..registry import TYPE_WEIGHTS
from .base import (
    FACET_FIELDS,
    BaseSearchBackend,
    Hit,
    IndexDocument,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)

_COLUMN = {"type": "doc_type"}
_WRITE_FIELDS = ["title", "folded_title", "url", "kind", "province", "commune", "sector", "status",
                 "available_land_ha", "land_price_usd", "capital_usd", "lon", "lat", "tags", "distances"]
_KEY = ["doc_type", "object_id", "locale"]
_TEXT_FIELDS = ["summary", "body", "folded_title", "folded_body"]
_JSON_FIELDS = {"tags", "distances"}
#: The PostgreSQL vector: the folded title weighted A, all the folded text B.
_VECTOR = "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
_BATCH = 1000
#: What a hit shows of its document.
_HIT_FIELDS = ["doc_type", "object_id", "locale", "title", "url", "kind", "province", "commune", "sector", "status",
               "available_land_ha", "lon", "lat"]
#: ORDER BY of each sort, over the columns of the materialised match; the id makes every order total.
_ORDER = {"relevance": "score DESC, {title}, id",
          "distance": "distance_km ASC NULLS LAST, {title}, id",
          "available_land": "available_land_ha DESC NULLS LAST, score DESC, {title}, id"}


def column(field: str) -> str:
    """The model column of a facet field."""
    return _COLUMN.get(field, field)


class PostgresFulltext:
    """Matching and ranking with the generated ``search_vector`` column."""

    #: Titles compare in code-point order, as Elasticsearch's keyword sort and SQLite compare them (and fast:
    #: equally ranked matches are many, and a locale's collation makes every comparison of them costly).
    title_order = 'title COLLATE "C"'

    @staticmethod
    def tsquery(words: list[str], prefix_last: bool = False, title_only: bool = False) -> str:
        weight = "A" if title_only else ""
        parts = [f"{word}:{weight}" if weight else word for word in words]
        if prefix_last:
            parts[-1] = f"{words[-1]}:*{weight}"
        return " & ".join(parts)

    def match(self, qs: QuerySet, words: list[str], **kwargs) -> QuerySet:
        query = self.tsquery(words, **kwargs)
        return qs.filter(RawSQL("search_vector @@ to_tsquery('simple', %s)", [query],  # noqa: S611 - parameter
                                output_field=BooleanField()))

    def rank(self, words: list[str]) -> RawSQL:
        return RawSQL("ts_rank(search_vector, to_tsquery('simple', %s))", [self.tsquery(words)],  # noqa: S611
                      output_field=FloatField())


class SqliteFulltext:
    """Matching and ranking with the FTS5 table (bm25, title weighted five times the text)."""

    title_order = "title"  # BINARY: code-point order

    @staticmethod
    def expression(words: list[str], prefix_last: bool = False, title_only: bool = False) -> str:
        parts = [f'"{word}"' for word in words]
        if prefix_last:
            parts[-1] += "*"
        expression = " AND ".join(parts)
        return f"folded_title : ({expression})" if title_only else expression

    def match(self, qs: QuerySet, words: list[str], **kwargs) -> QuerySet:
        sql = ("search_searchdocument.id IN (SELECT rowid FROM search_searchdocument_fts "
               "WHERE search_searchdocument_fts MATCH %s)")
        # The user's words only ever travel as parameters.
        return qs.filter(RawSQL(sql, [self.expression(words, **kwargs)], output_field=BooleanField()))  # noqa: S611

    def rank(self, words: list[str]) -> RawSQL:
        sql = ("(SELECT -bm25(search_searchdocument_fts, 5.0, 1.0) FROM search_searchdocument_fts "
               "WHERE search_searchdocument_fts MATCH %s AND rowid = search_searchdocument.id)")
        return RawSQL(sql, [self.expression(words)], output_field=FloatField())  # noqa: S611


def weighted(rank: RawSQL) -> RawSQL:
    """``rank`` times the weight of the document's type (TYPE_WEIGHTS)."""
    weights = dict(TYPE_WEIGHTS)
    if not weights:
        return rank
    cases = " ".join("WHEN %s THEN %s" for _ in weights)
    params = [value for doc_type, weight in weights.items() for value in (doc_type, weight)]
    return RawSQL(f"({rank.sql}) * CASE doc_type {cases} ELSE 1.0 END",  # noqa: S611 - values are parameters
                  [*rank.params, *params], output_field=FloatField())


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
        params += [text.folded_title, text.folded_body]
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
        folded_body = " ".join(fold(part) for part in (document.title, document.summary, document.body) if part)
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
                          folded_body=folded_body)
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

    def clear(self) -> None:
        try:
            SearchDocument.objects.all().delete()
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Replace everything in one transaction: searches see the old index until the new one is complete."""
        try:
            with transaction.atomic():
                SearchDocument.objects.all().delete()
                return self.bulk(documents)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    # Reading
    def filtered(self, query: SearchQuery) -> tuple[QuerySet, list[str]]:
        """The queryset of every match of ``query`` (text, filters, ranges, geography) and its words."""
        qs = SearchDocument.objects.all()
        if query.locale:
            qs = qs.filter(locale=query.locale)
        words = tokens(query.text)
        if words:
            qs = self.fulltext.match(qs, words)
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
        return qs, words

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            return self._search(query)
        except DatabaseError as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, query: SearchQuery) -> SearchResults:
        qs, words = self.filtered(query)
        total, facets, page = self._matches(qs, words, query)
        rows = (SearchDocument.objects.select_related("text")
                .only(*_HIT_FIELDS, "text__summary", "text__body").in_bulk(list(page)))
        hits = [self._hit(rows[pk], score, distance, words, query) for pk, (score, distance) in page.items()
                if pk in rows]
        return SearchResults(hits=hits, total=total, facets=facets, page=query.page, page_size=query.page_size)

    def _matches(self, qs: QuerySet, words: list[str], query: SearchQuery
                 ) -> tuple[int, dict[str, list[tuple[str, int]]], dict[int, tuple[float, float | None]]]:
        """One statement over one materialised match: the number of matches, the counts of every facet value
        and the requested page as {id: (score, distance)} in order.

        The full-text match (and its ranking) is evaluated once, where a count, a facet query and a page
        query would each evaluate it again.
        """
        qs = qs.annotate(score=weighted(self.fulltext.rank(words)) if words else Value(0.0, output_field=FloatField()))
        keys = ["id", "score", "title", "available_land_ha"]
        if query.near:
            qs = qs.annotate(distance_km=distance_km(*query.near))
            keys.append("distance_km")
        names = [name for name in query.facets if name in FACET_FIELDS]
        columns = list(dict.fromkeys(column(name) for name in names))
        inner_sql, params = qs.values(*keys, *[c for c in columns if c not in keys]).query.sql_with_params()
        distance = "distance_km" if query.near else "CAST(NULL AS DOUBLE PRECISION)"
        order = _ORDER[query.sort].format(title=self.fulltext.title_order)
        # Every name below comes from FACET_FIELDS or _ORDER, never from the request; values are parameters.
        # The page comes first: its columns give the types the NULLs of the other rows take.
        parts = ["SELECT '#', '', position, id, score, distance FROM page",
                 "SELECT '', '', COUNT(*), NULL, NULL, NULL FROM matches"]
        parts += [f"SELECT '{name}', {column(name)}, COUNT(*), NULL, NULL, NULL FROM matches "  # noqa: S608
                  f"WHERE {column(name)} <> '' GROUP BY {column(name)}" for name in names]
        sql = (f"WITH matches AS MATERIALIZED ({inner_sql}), "  # noqa: S608
               f"page AS (SELECT id, score, {distance} AS distance, ROW_NUMBER() OVER (ORDER BY {order}) AS position "
               f"FROM (SELECT * FROM matches ORDER BY {order} LIMIT %s OFFSET %s) AS top) "
               + " UNION ALL ".join(parts))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, query.page_size, query.offset])
            rows = cursor.fetchall()
        total, page = 0, []
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        for name, value, count, pk, score, dist in rows:
            if name == "#":
                page.append((count, pk, score, dist))
            elif name == "":
                total = count
            else:
                counts[name].append((value, count))
        for name in counts:
            counts[name].sort(key=lambda item: (-item[1], item[0]))
        return total, counts, {pk: (float(score or 0.0), dist) for _position, pk, score, dist in sorted(page)}

    def _hit(self, row: SearchDocument, score: float, distance: float | None, words: list[str],
             query: SearchQuery) -> Hit:
        stored = getattr(row, "text", None)
        summary, body = (stored.summary, stored.body) if stored else ("", "")
        text = summary or body
        if words and query.highlight and body and not any(w in summary.lower() for w in words):
            text = body
        return Hit(
            doc_type=row.doc_type, object_id=row.object_id, title=row.title, url=row.url, locale=row.locale,
            snippet=highlight(text, words if query.highlight else []), score=score,
            location=(row.lon, row.lat) if row.lon is not None and row.lat is not None else None,
            distance_km=distance, kind=row.kind, province=row.province,
            commune=row.commune, sector=row.sector, status=row.status, available_land_ha=row.available_land_ha,
        )

    def autocomplete(self, prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
        words = tokens(prefix)
        if not words:
            return []
        qs = SearchDocument.objects.all()
        if locale:
            qs = qs.filter(locale=locale)
        try:
            qs = self.fulltext.match(qs, words, prefix_last=True, title_only=True)
            starts = Case(When(folded_title__startswith=" ".join(words), then=Value(0)), default=Value(1))
            rows = list(qs.annotate(starts=starts, length=Length("title"))
                        .order_by("starts", "length", "title").values_list("title", "url", "doc_type")[:limit * 3])
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

    def ping(self) -> tuple[bool, str]:
        try:
            SearchDocument.objects.exists()
            self.fulltext  # noqa: B018 - raises when the database has no full-text support
        except (DatabaseError, SearchUnavailable) as exc:
            return False, f"{type(exc).__name__}: {exc}"
        return True, f"embedded ({connection.vendor})"
