"""Benchmark of the embedded search backend on PostgreSQL.

    DATABASE_URL=postgres://root@127.0.0.1:5432/search_bench .venv/bin/python bench/search.py [--docs 100000]

Loads ``--docs`` synthetic documents (zones, policies, procedures, projects; Vietnamese and English) into
the search table, then measures in the same run:

* indexing throughput of ``backend.bulk()`` against a raw multi-row INSERT of the same, already folded rows;
* p50/p95 latency of the backend's searches (text; text + facets; text + radius), with stemming and the
  synonym dictionary on, against the equivalent hand-written full-text SQL of the same expanded query (same
  matches, ranking — phrase, type weight, rank — page and its text, count and facet counts; like the backend,
  one statement over one materialised match, then the page's documents and text). The raw side's tsquery
  strings are built before the timer from the same expansion: the baseline does no work of ours.

* the same for broad text queries (those matching more than ``SEARCH_EXACT_COUNT_LIMIT`` documents, 10,000 by
  default), without and with the facets the search page asks for: the backend counts up to the limit and ranks a
  bounded set of matches; the raw side is the plan it replaced, every match ranked and counted exactly.

Targets: p95 <= 50 ms; backend/raw ratio <= 2 (text, facets, geography); broad queries' p95 <= 0.5x the raw
exact-count SQL. The script empties the search table of the database it runs on before and after: point
DATABASE_URL at a database of its own (it runs the migrations itself). ``--keep`` leaves the documents in place and
``--reuse`` searches them again without loading (and timing the load of) new ones.
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

# bench/ holds a statistics.py of its own: put the project root, not bench/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from core.text import fold, terms  # noqa: E402
from search import synonyms  # noqa: E402
from search.backends.base import IndexDocument, SearchQuery, exact_count_limit  # noqa: E402
from search.backends.embedded import TYPE_SCALE, SearchBackend  # noqa: E402
from search.backends.fulltext import PHRASE_BONUS, PostgresFulltext  # noqa: E402
from search.default_synonyms import create_defaults  # noqa: E402
from search.models import SearchDocument, Synonym  # noqa: E402
from search.registry import TYPE_WEIGHTS  # noqa: E402

PLACES = ["Đồng Xoài", "Chơn Thành", "Bình Long", "Phước Long", "Đồng Phú", "Lộc Ninh", "Hớn Quản", "Bù Đăng",
          "Bù Đốp", "Bù Gia Mập", "Minh Hưng", "Tân Khai", "Nha Bích", "Thành Tâm", "Tân Lập", "Đồng Tâm"]
KINDS = ["industrial_park", "economic_zone", "border_gate_economic_zone", "industrial_cluster",
         "export_processing_zone", "high_tech_park"]
STATUSES = ["operating", "planned", "under_construction", "filling"]
SECTORS = ["Chế biến gỗ", "Dệt may", "Điện tử", "Cơ khí", "Thực phẩm", "Cao su", "Logistics", "Hóa chất"]
WORDS_VI = ("khu công nghiệp đất sạch hạ tầng đường giao thông điện nước xử lý nước thải cảng cạn nhà xưởng "
            "cho thuê ưu đãi thuế thu nhập doanh nghiệp miễn giảm tiền thuê đất thủ tục đầu tư giấy chứng nhận "
            "đăng ký môi trường phòng cháy chữa cháy xây dựng lao động đào tạo").split()
WORDS_EN = ("industrial park serviced land infrastructure road power water wastewater treatment dry port factory "
            "lease incentive corporate income tax exemption reduction land rent procedure investment certificate "
            "registration environment fire safety construction labour training logistics").split()
TYPES = ["zone"] * 5 + ["project"] * 3 + ["procedure", "policy"]
TEXT_QUERIES = ["dong xoai", "chon thanh", "khu cong nghiep", "industrial park", "minh hung", "dat sach",
                "corporate income tax", "dong phu", "xu ly nuoc thai", "loc ninh", "nha xuong", "dry port",
                "factories", "land lease", "CIT", "KCN Dong Xoai", "incentives", "fire safety"]


def synthetic(count: int, seed: int = 7) -> list[IndexDocument]:
    """``count`` documents with realistic names, text, facets, numbers and points inside the province."""
    rng = random.Random(seed)
    documents = []
    for i in range(count):
        language = "vi" if i % 2 else "en"
        place = rng.choice(PLACES)
        words = WORDS_VI if language == "vi" else WORDS_EN
        doc_type = rng.choice(TYPES)
        if language == "vi":
            title = f"{'Khu công nghiệp' if doc_type == 'zone' else 'Dự án'} {place} {rng.randint(1, 999)}"
        else:
            title = f"{fold(place).title()} {'Industrial Park' if doc_type == 'zone' else 'Project'} {i}"
        documents.append(IndexDocument(
            doc_type=doc_type, object_id=str(i), locale=language, title=title, url=f"/{language}/x/{i}/",
            summary=" ".join(rng.choices(words, k=12)), body=" ".join(rng.choices(words, k=40)) + f" {place}",
            kind=rng.choice(KINDS), status=rng.choice(STATUSES), province="Bình Phước", commune=place,
            sector=rng.choice(SECTORS), available_land_ha=Decimal(rng.randint(0, 90000)) / 100,
            land_price_usd=Decimal(rng.randint(3000, 9000)) / 100,
            capital_usd=Decimal(rng.randint(1, 500)) * 1_000_000,
            lon=106.4 + rng.random() * 0.9, lat=11.3 + rng.random() * 0.9,
        ))
    return documents


RAW_COLUMNS = ["doc_type", "object_id", "locale", "title", "folded_title", "url", "kind", "province", "commune",
               "sector", "status", "available_land_ha", "land_price_usd", "capital_usd", "lon", "lat",
               "updated_at", "tags", "distances"]
RAW_VECTOR = ("setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
              "setweight(to_tsvector('simple', %s), 'C')")


def raw_rows(documents: list[IndexDocument]) -> list[tuple]:
    """(document row, text row) pairs a raw insert writes (folded and stemmed outside the timer: the baseline
    does no work of ours)."""
    from django.utils import timezone

    now = timezone.now()
    rows = []
    for d in documents:
        folded_title = fold(d.title)
        title_terms = terms(d.title)
        text_terms = " ".join(p for p in (title_terms, terms(d.summary), terms(d.body)) if p)
        rows.append(((d.doc_type, d.object_id, d.locale, d.title, folded_title, d.url, d.kind, d.province,
                      d.commune, d.sector, d.status, d.available_land_ha, d.land_price_usd, d.capital_usd, d.lon,
                      d.lat, now, "{}", "{}", title_terms, text_terms, folded_title),
                     (d.summary, d.body, folded_title, title_terms, text_terms, d.locale)))
    return rows


def raw_insert(rows: list[tuple], batch: int = 1000) -> None:
    """Multi-row INSERTs of the documents (vector computed by PostgreSQL) and of their text."""
    document = "(" + ", ".join(["%s"] * len(RAW_COLUMNS)) + f", {RAW_VECTOR})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            cursor.execute(f"INSERT INTO search_searchdocument ({', '.join(RAW_COLUMNS)}, search_vector) VALUES "
                           + ", ".join([document] * len(chunk)) + " RETURNING id",
                           [value for row, _text in chunk for value in row])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute("INSERT INTO search_searchtext (document_id, summary, body, folded_title, title_terms, "
                           "text_terms, locale) VALUES " + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk)),
                           [value for pk, (_row, text) in zip(ids, chunk, strict=True) for value in (pk, *text)])


RAW_MATCHES = """WITH matches AS MATERIALIZED (
                   SELECT id, title, doc_type, kind, province, commune, sector, status,
                          ts_rank(search_vector, to_tsquery('simple', %(q)s))
                          + {type_scale} * CASE doc_type {weights} ELSE 1.0 END {phrase} AS score
                   FROM search_searchdocument WHERE search_vector @@ to_tsquery('simple', %(q)s) {extra}),
               page AS (SELECT id, score FROM matches ORDER BY score DESC, title COLLATE "C", id LIMIT 20)
               SELECT '#', '', 0, id, score FROM page
               UNION ALL SELECT '', '', count(*), NULL, NULL FROM matches {facets}"""
RAW_WEIGHTS = " ".join(f"WHEN '{doc_type}' THEN {weight}" for doc_type, weight in TYPE_WEIGHTS.items())
RAW_FACETS = "".join(f" UNION ALL SELECT '{name}', {name}, count(*), NULL, NULL FROM matches WHERE {name} <> '' "
                     f"GROUP BY {name}" for name in ("doc_type", "kind", "province", "commune", "sector", "status"))
RAW_PAGE = """SELECT d.id, d.doc_type, d.object_id, d.title, d.url, d.lon, d.lat, t.summary, t.body
              FROM search_searchdocument d JOIN search_searchtext t ON t.document_id = d.id WHERE d.id = ANY(%s)"""
RAW_GEO = """ AND lon BETWEEN %(w)s AND %(e)s AND lat BETWEEN %(s)s AND %(n)s
              AND 2 * 6371.0088 * asin(sqrt(power(sin(radians(lat - %(lat)s) / 2), 2)
                  + cos(radians(%(lat)s)) * cos(radians(lat)) * power(sin(radians(lon - %(lon)s) / 2), 2))) <= %(r)s"""


RAW_PHRASE = f"+ CASE WHEN search_vector @@ to_tsquery('simple', %(p)s) THEN {PHRASE_BONUS} ELSE 0.0 END"


def expanded(text: str) -> dict:
    """The tsquery strings of ``text`` expanded with the synonym dictionary and stemmed (every group; the
    phrases that rank first, when the query has more than one segment), built before any timer."""
    expansion = synonyms.expand_query(text)
    fulltext = PostgresFulltext()
    phrases = " | ".join(f"({fulltext.phrase(phrase)})" for phrase in expansion.phrases())
    return {"q": fulltext.tsquery(expansion), "p": phrases if expansion.ranks_phrases else None}


def raw_search(kind: str, text: str, point: tuple[float, float], tsqueries: dict) -> None:
    """The hand-written equivalent of the backend's search: one statement over one materialised match for the
    page, the count and the facet counts, then the page's documents with their text."""
    params = dict(tsqueries[text])
    extra = ""
    facets = kind in ("facets", "broad-page")
    if kind == "facets":
        extra = " AND doc_type = 'zone' AND kind = 'industrial_park'"
    if kind == "geo":
        query = SearchQuery(near=point, radius_km=15)
        w, s, e, n = query.radius_bbox()
        params.update(w=w, s=s, e=e, n=n, lon=point[0], lat=point[1], r=15)
        extra = RAW_GEO
    with connection.cursor() as cursor:
        cursor.execute(RAW_MATCHES.format(extra=extra, weights=RAW_WEIGHTS, type_scale=TYPE_SCALE,
                                          phrase=RAW_PHRASE if params["p"] else "",
                                          facets=RAW_FACETS if facets else ""), params)
        ids = [row[3] for row in cursor.fetchall() if row[0] == "#"]
        cursor.execute(RAW_PAGE, [ids])
        cursor.fetchall()


def backend_search(backend: SearchBackend, kind: str, text: str, point: tuple[float, float]) -> int:
    if kind in ("text", "broad"):
        query = SearchQuery(text=text, facets=())
    elif kind == "broad-page":
        query = SearchQuery(text=text)
    elif kind == "facets":
        query = SearchQuery(text=text, filters={"type": ("zone",), "kind": ("industrial_park",)})
    else:
        query = SearchQuery(text=text, near=point, radius_km=15, facets=())
    return backend.search(query).total


def empty() -> None:
    """Empty the search tables. On PostgreSQL with TRUNCATE: after a DELETE the raw load's 100,000 dead rows
    would stay in the table the searches scan (twice its size until a VACUUM FULL), which is a state of this
    script's making, not of a search index."""
    if connection.vendor != "postgresql":
        SearchDocument.objects.all().delete()
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchdocument, search_searchtext")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="timed searches per scenario and side")
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the documents in place afterwards")
    parser.add_argument("--reuse", action="store_true",
                        help="search the documents a --keep run left, when there are --docs of them")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print(f"warning: running on {connection.vendor}; the targets are for PostgreSQL (set DATABASE_URL)")
    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    create_defaults(Synonym)
    backend = SearchBackend({})
    tsqueries = {text: expanded(text) for text in TEXT_QUERIES}
    documents = synthetic(args.docs)
    rows = raw_rows(documents)

    reuse = args.reuse and SearchDocument.objects.count() == args.docs
    if not reuse:
        empty()
        started = time.perf_counter()
        raw_insert(rows)
        raw_seconds = time.perf_counter() - started
        empty()
        started = time.perf_counter()
        backend.bulk(documents)
        backend_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        for table in ("search_searchdocument", "search_searchtext"):
            cursor.execute(f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else f"ANALYZE {table}")
    print(f"documents: {args.docs}  ({connection.vendor}); stemming on, {Synonym.objects.filter(enabled=True).count()}"
          f" synonym entries; e.g. 'corporate income tax' -> {tsqueries['corporate income tax']['q']}")
    if reuse:
        print("indexing  not measured: the documents of an earlier run were searched again (--reuse)")
    else:
        print(f"indexing  backend.bulk: {args.docs / backend_seconds:10.0f} docs/s   raw INSERT: "
              f"{args.docs / raw_seconds:10.0f} docs/s   ratio (time) {backend_seconds / raw_seconds:.2f}")
    limit = exact_count_limit()
    broad = [text for text in TEXT_QUERIES if backend.search(SearchQuery(text=text, facets=())).total_is_exact is False]
    print(f"exact count limit {limit}; broad queries (more matches than that): {', '.join(broad) or 'none'}")

    rng = random.Random(11)
    worst_ratio, worst_p95, worst_broad = 0.0, 0.0, 0.0
    for kind in ("text", "facets", "geo", "broad", "broad-page"):
        if kind.startswith("broad") and not broad:
            continue
        timings = {"backend": [], "raw": []}
        matches = []
        for i in range(args.queries + 10):
            text = rng.choice(broad if kind.startswith("broad") else TEXT_QUERIES)
            point = (106.5 + rng.random() * 0.7, 11.4 + rng.random() * 0.7)
            runs = [("backend", lambda k=kind, t=text, p=point: backend_search(backend, k, t, p)),
                    ("raw", lambda k=kind, t=text, p=point: raw_search(k, t, p, tsqueries))]
            if i % 2:
                runs.reverse()
            for side, run in runs:
                started = time.perf_counter()
                total = run()
                if i >= 10:  # the first ten warm the caches
                    timings[side].append((time.perf_counter() - started) * 1000)
                    if side == "backend":
                        matches.append(total)
        b50, b95 = percentile(timings["backend"], 50), percentile(timings["backend"], 95)
        r50, r95 = percentile(timings["raw"], 50), percentile(timings["raw"], 95)
        ratio = b50 / r50
        if kind.startswith("broad"):
            worst_broad = max(worst_broad, b95 / r95)
        else:
            worst_ratio, worst_p95 = max(worst_ratio, ratio, b95 / r95), max(worst_p95, b95)
        label = {"text": "text", "facets": "text + facets", "geo": "text + 15 km radius", "broad": "broad text",
                 "broad-page": "broad text + facets"}[kind]
        print(f"{label:22s} backend p50 {b50:7.2f} ms  p95 {b95:7.2f} ms   raw SQL p50 {r50:7.2f} ms  "
              f"p95 {r95:7.2f} ms   ratio p50 {ratio:.2f}  p95 {b95 / r95:.2f}   "
              f"matches/query median {percentile(matches, 50)}")
    print(f"targets: p95 <= 50 ms -> {'met' if worst_p95 <= 50 else 'MISSED'} (worst {worst_p95:.2f} ms); "
          f"ratio <= 2 -> {'met' if worst_ratio <= 2 else 'MISSED'} (worst {worst_ratio:.2f})")
    if broad:
        print(f"target: broad text p95 <= 0.5x the exact-count raw SQL -> {'met' if worst_broad <= 0.5 else 'MISSED'}"
              f" (worst {worst_broad:.2f}x)")
    if not args.keep:
        empty()


if __name__ == "__main__":
    main()
