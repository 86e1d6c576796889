"""Benchmark: the dashboard's statistics service calls against the same aggregates written as one raw SQL query
each, on 100,000 projects and 300,000 capital changes (PostgreSQL through DATABASE_URL; data loaded with COPY),
plus the dashboard page's SQL query count at two data sizes.

    DATABASE_URL=postgres://root@127.0.0.1:5432/h_projects_bench .venv/bin/python bench/statistics.py
    .venv/bin/python bench/statistics.py --projects 20000     # smaller; a throwaway SQLite DB without DATABASE_URL

Targets: each aggregate's service call <= 3x its raw SQL, all of them together <= 2x; the query count is the
same at both sizes. Each ends in a line saying met or MISSED."""

import argparse
import datetime
import logging
import os
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

# This file is named like the standard library's "statistics" module, which Django imports: keep the bench
# folder off the import path so that import finds the real one.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
SMALL = 1_000
TARGET_EACH = 3
TARGET_TOTAL = 2
MIN_SECONDS = 0.5  # a millisecond aggregate is timed this long at least (on each side), noise on a shared machine
MAX_SAMPLES = 200


def setup_django() -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-statistics-')}/bench.sqlite3"
    os.environ.setdefault("CACHE_URL", "locmemcache://bench-statistics")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _create_database(os.environ["DATABASE_URL"])
    import django
    from django.core.management import call_command

    django.setup()
    for name in ("wagtail", "celery", "modelsearch", "search", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.simplefilter("ignore", DeprecationWarning)
    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def _create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def clear() -> None:
    from django.db import connection

    from projects.models import CapitalChange, Project, ProjectInvestor, ProjectStatusChange

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE projects_capitalchange, projects_projectinvestor, projects_projectstatuschange,"
                           " projects_project_plots, projects_project RESTART IDENTITY CASCADE")
    else:
        for model in (CapitalChange, ProjectInvestor, ProjectStatusChange, Project):
            model.objects.all().delete()


def reference():
    from zones.models import AdministrativeUnit, Sector

    sectors = []
    for i, code in enumerate(["10", "13", "14", "16", "22", "25", "26", "27", "28", "31"]):
        sector, _ = Sector.objects.get_or_create(code=code, defaults={"level": "division",
                                                                     "name_vi": f"Ngành {code}",
                                                                     "name_en": f"Sector {code}"})
        sectors.append(sector.pk)
        for j in range(3):
            sub, _ = Sector.objects.get_or_create(code=f"{code}{i}{j}", defaults={
                "level": "class", "name_vi": f"Ngành {code}{i}{j}", "name_en": f"Class {code}{i}{j}"})
            sectors.append(sub.pk)
    communes = [AdministrativeUnit.objects.get_or_create(code=f"bench-{i}", defaults={
        "level": "commune", "name_vi": f"Xã {i}", "name_en": f"Commune {i}"})[0].pk for i in range(40)]
    return sectors, communes, zones()


def zones(count: int = 20) -> list[int]:
    """Published zone pages (plain boxes) the projects are spread over."""
    import shapely

    from portal.models import HomePage
    from zones.models import ZoneIndexPage, ZonePage

    existing = list(ZonePage.objects.filter(code__startswith="bench-").values_list("pk", flat=True))
    if existing:
        return existing
    home = HomePage.objects.filter(locale__language_code="en").first()
    index = ZoneIndexPage(title="Bench zones", slug="bench-zones")
    home.add_child(instance=index)
    ids = []
    for i in range(count):
        zone = ZonePage(title=f"Bench zone {i}", slug=f"bench-zone-{i}", code=f"bench-{i}")
        zone.set_geometry(shapely.box(106.5 + i * 0.02, 11.3, 106.51 + i * 0.02, 11.31), "EPSG:4326")
        index.add_child(instance=zone)
        ids.append(zone.pk)
    return ids


PROJECT_COLUMNS = ["code", "name_vi", "name_en", "kind", "foreign_share_pct", "lead_country", "sector_id",
                   "policy_decision_number", "certificate_number", "status", "registered_on", "terminated_on",
                   "lon", "lat", "commune_id", "zone_id", "currency", "registered_capital", "capital_vnd",
                   "capital_usd", "exchange_rate", "exchange_rate_date", "disbursed_vnd", "disbursed_usd",
                   "planned_employees", "private_notes"]
CHANGE_COLUMNS = ["project_id", "sort_order", "kind", "date", "currency", "amount", "amount_vnd", "amount_usd",
                  "exchange_rate", "note"]


def generate(n_projects: int, n_changes: int, start: int, sectors, communes, zone_ids, seed: int = 7):
    """Rows for ``n_projects`` projects (ids from ``start``) and ``n_changes`` capital changes in total."""
    rng = random.Random(seed + start)
    projects, changes = [], []
    countries = ["KR", "CN", "TW", "JP", "SG", "HK", "US"]
    day0 = datetime.date(2005, 1, 1)
    for i in range(n_projects):
        pid = start + i
        fdi = rng.random() < 0.4
        registered = day0 + datetime.timedelta(days=rng.randint(0, 6900))
        rate = 23000
        if fdi:
            usd = rng.randint(1, 5000) * 10_000
            vnd = usd * rate
            currency, amount = "USD", usd
        else:
            vnd = rng.randint(1, 3000) * 100_000_000
            usd = round(vnd / rate, 2)
            currency, amount = "VND", vnd
        terminated = registered + datetime.timedelta(days=rng.randint(300, 3000)) if rng.random() < 0.05 else None
        projects.append([f"B-{pid:07d}", f"Dự án {pid}", f"Project {pid}", "fdi" if fdi else "domestic",
                         100 if fdi else 0, rng.choice(countries) if fdi else "VN", rng.choice(sectors), "", "",
                         "terminated" if terminated else "operating", registered, terminated,
                         106.5 + rng.random(), 11.3 + rng.random(), rng.choice(communes),
                         rng.choice(zone_ids) if rng.random() < 0.7 else None, currency, amount, vnd, usd,
                         rate, registered, vnd // 2, usd / 2, rng.randint(10, 2000), "private"])
        changes.append([pid, 0, "new", registered, currency, amount, vnd, usd, rate, ""])
    extra = n_changes - n_projects
    for k in range(extra):
        i = rng.randrange(n_projects)
        p = projects[i]
        kind = rng.choice(["increase", "increase", "decrease", "contribution"])
        date = p[10] + datetime.timedelta(days=rng.randint(30, 900))
        usd = rng.randint(1, 200) * 10_000
        changes.append([start + i, k + 1, kind, date, "USD", usd, usd * 23000, usd, 23000, ""])
    return projects, changes


def load(n_projects: int, n_changes: int, start: int, sectors, communes, zone_ids) -> None:
    from django.db import connection

    from projects.models import CapitalChange, Project

    projects, changes = generate(n_projects, n_changes, start, sectors, communes, zone_ids)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY projects_project (id, {', '.join(PROJECT_COLUMNS)}) FROM STDIN") as copy:
                for pid, row in enumerate(projects, start=start):
                    copy.write_row([pid, *row])
            with raw.copy(f"COPY projects_capitalchange ({', '.join(CHANGE_COLUMNS)}) FROM STDIN") as copy:
                for row in changes:
                    copy.write_row(row)
            cursor.execute("SELECT setval(pg_get_serial_sequence('projects_project', 'id'), "
                           "(SELECT MAX(id) FROM projects_project))")
            cursor.execute("ANALYZE projects_project")
            cursor.execute("ANALYZE projects_capitalchange")
    else:
        Project.objects.bulk_create([Project(id=pid, **dict(zip(PROJECT_COLUMNS, row, strict=True)))
                                     for pid, row in enumerate(projects, start=start)], batch_size=2000)
        CapitalChange.objects.bulk_create([CapitalChange(**dict(zip(CHANGE_COLUMNS, row, strict=True)))
                                           for row in changes], batch_size=5000)


SIGNED = "CASE WHEN c.kind = 'decrease' THEN -1 * c.{col} ELSE c.{col} END"


def raw_queries(period, previous, as_of, limit=10):
    """The dashboard's aggregates as hand-written SQL: (name, sql, params)."""
    from core.i18n import locale_code

    lo, hi = min(period.start, previous.start), max(period.end, previous.end)
    parts, params = [], []
    for p in (period, previous):
        for kind_sql, kind_params in (("", []), (" AND p.kind = %s", ["domestic"]), (" AND p.kind = %s", ["fdi"])):
            new = f"c.kind = 'new' AND c.date BETWEEN %s AND %s{kind_sql}"
            adj = f"c.kind IN ('increase', 'decrease', 'contribution') AND c.date BETWEEN %s AND %s{kind_sql}"
            parts += [f"COUNT(*) FILTER (WHERE {new})", f"SUM(c.amount_vnd) FILTER (WHERE {new})",
                      f"SUM(c.amount_usd) FILTER (WHERE {new})",
                      f"SUM({SIGNED.format(col='amount_vnd')}) FILTER (WHERE {adj})",
                      f"SUM({SIGNED.format(col='amount_usd')}) FILTER (WHERE {adj})"]
            params += [p.start, p.end, *kind_params] * 3 + [p.start, p.end, *kind_params] * 2
        parts.append("COUNT(*) FILTER (WHERE c.kind IN ('increase', 'decrease', 'contribution') "
                     "AND c.date BETWEEN %s AND %s)")
        params += [p.start, p.end]
    summary_sql = (f"SELECT {', '.join(parts)} FROM projects_capitalchange c JOIN projects_project p "
                   "ON p.id = c.project_id WHERE c.date >= %s AND c.date <= %s")
    group = ("SELECT {key}{names}, COUNT(*) FILTER (WHERE c.kind = 'new'), SUM({usd}) AS usd, SUM({vnd}), "
             "AVG(p.lon), AVG(p.lat) FROM projects_capitalchange c JOIN projects_project p ON p.id = c.project_id "
             "{join} WHERE c.date BETWEEN %s AND %s AND {key} IS NOT NULL GROUP BY {key}{names} "
             "ORDER BY usd DESC, {key} {limit}")
    usd, vnd = SIGNED.format(col="amount_usd"), SIGNED.format(col="amount_vnd")
    return [
        ("summary", summary_sql, params + [lo, hi]),
        ("disbursed", "SELECT SUM(disbursed_vnd), SUM(disbursed_usd) FROM projects_project "
                      "WHERE registered_on BETWEEN %s AND %s", [period.start, period.end]),
        ("cumulative FDI", f"SELECT COUNT(*) FILTER (WHERE c.kind = 'new'), SUM({usd}), SUM({vnd}) "
                           "FROM projects_capitalchange c JOIN projects_project p ON p.id = c.project_id "
                           "WHERE p.kind = 'fdi' AND p.registered_on <= %s AND (p.terminated_on IS NULL OR "
                           "p.terminated_on > %s) AND c.date <= %s", [as_of, as_of, as_of]),
        ("by country", group.format(key="p.lead_country", names="", usd=usd, vnd=vnd, join="",
                                    limit=f"LIMIT {limit}"),
         [period.start, period.end]),
        ("by sector", group.format(key="SUBSTR(s.code, 1, 2)", names="", usd=usd, vnd=vnd,
                                   join="LEFT JOIN zones_sector s ON s.id = p.sector_id", limit=f"LIMIT {limit}"),
         [period.start, period.end]),
        ("by zone", group.format(key="z.code", names=", wp.title", usd=usd, vnd=vnd, limit="",
                                 join="LEFT JOIN zones_zonepage z ON z.page_ptr_id = p.zone_id "
                                      "LEFT JOIN wagtailcore_page wp ON wp.id = z.page_ptr_id"),
         [period.start, period.end]),
        ("by commune", group.format(key="p.commune_id", names=", u.name_vi, u.name_en", usd=usd, vnd=vnd, limit="",
                                    join="LEFT JOIN zones_administrativeunit u ON u.id = p.commune_id"),
         [period.start, period.end]),
        ("series", "SELECT DATE_TRUNC('year', c.date) AS b, COUNT(*) FILTER (WHERE c.kind = 'new' AND p.kind = "
                   "'domestic'), COUNT(*) FILTER (WHERE c.kind = 'new' AND p.kind = 'fdi'), SUM(c.amount_vnd) "
                   "FILTER (WHERE c.kind = 'new' AND p.kind = 'domestic'), SUM(c.amount_usd) FILTER (WHERE "
                   f"c.kind = 'new' AND p.kind = 'fdi'), SUM({usd}) FILTER (WHERE c.kind <> 'new') FROM "
                   "projects_capitalchange c JOIN projects_project p ON p.id = c.project_id WHERE c.date BETWEEN "
                   "%s AND %s GROUP BY b ORDER BY b", [period.start, period.end]),
        # The same figure as the service's: every column it reads (the sector's and commune's names in the
        # language and its fallback, the zone's title in the language), registered projects only (not planned).
        ("table", "SELECT p.id, p.code, p.name_vi, p.name_en, p.kind, p.status, p.registered_on, "
                  "p.certificate_number, s.code, s.name_en, s.name_vi, z.code, wp.title, u.name_en, u.name_vi, "
                  "p.lead_country, p.foreign_share_pct, p.currency, p.registered_capital, p.capital_vnd, "
                  "p.capital_usd, p.disbursed_vnd, p.disbursed_usd, p.land_area_m2, p.planned_employees, p.lon, "
                  "p.lat, COALESCE((SELECT t.title FROM wagtailcore_page t JOIN wagtailcore_locale l ON "
                  "l.id = t.locale_id WHERE t.live AND l.language_code = %s AND t.translation_key = "
                  "wp.translation_key), wp.title) FROM projects_project p "
                  "LEFT JOIN zones_sector s ON s.id = p.sector_id LEFT JOIN zones_zonepage z ON z.page_ptr_id = "
                  "p.zone_id LEFT JOIN wagtailcore_page wp ON wp.id = z.page_ptr_id LEFT JOIN "
                  "zones_administrativeunit u ON u.id = p.commune_id WHERE p.status <> 'planned' AND "
                  "p.registered_on BETWEEN %s AND %s ORDER BY p.registered_on DESC, p.code LIMIT 50",
         [locale_code(), period.start, period.end]),
    ]


def service_calls(period, as_of):
    from projects.statistics import Filters, cumulative_fdi, disbursed, project_rows, ranking, series, summary

    f = Filters()
    return [
        ("summary", lambda: summary(period, f)),
        ("disbursed", lambda: disbursed(period, f)),
        ("cumulative FDI", lambda: cumulative_fdi(as_of, f)),
        ("by country", lambda: ranking("country", period, f, limit=10)),
        ("by sector", lambda: ranking("sector", period, f, limit=10)),
        ("by zone", lambda: ranking("zone", period, f, limit=None)),
        ("by commune", lambda: ranking("commune", period, f, limit=None)),
        ("series", lambda: series(period, f, "year")),
        ("table", lambda: list(project_rows(period, f, limit=50))),
    ]


def best_of_pair(first, second, repeat: int) -> tuple[float, float]:
    """The best seconds of ``first`` and of ``second``, called in turn (so that both meet the same load) at least
    ``repeat`` times each, and more for quick ones until each side has run MIN_SECONDS (MAX_SAMPLES at most)."""
    times = ([], [])
    while len(times[0]) < repeat or (sum(times[0]) < MIN_SECONDS and sum(times[1]) < MIN_SECONDS
                                     and len(times[0]) < MAX_SAMPLES):
        for fn, samples in zip((first, second), times, strict=True):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
    return min(times[0]), min(times[1])


def page_queries() -> int:
    """SQL queries of one full render of the dashboard: warm, with the page cache off and its shared content
    dropped first."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from projects.page_cache import REGISTRY

    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get("/en/projects/dashboard/")
        REGISTRY.bump()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/en/projects/dashboard/")
    assert response.status_code == 200, response.status_code
    return len(ctx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = setup_django()
    from django.db import connection

    from portal import demo
    from projects.statistics import Period

    demo.ensure_home_pages()
    print(f"database: {connection.vendor} ({url.rsplit('@', 1)[-1]})")
    clear()
    sectors, communes, zone_ids = reference()
    small = min(SMALL, args.projects)
    load(small, small * args.changes // args.projects, 1, sectors, communes, zone_ids)
    small_queries = page_queries()
    t0 = time.perf_counter()
    load(args.projects - small, args.changes - small * args.changes // args.projects, small + 1, sectors, communes,
         zone_ids)
    print(f"loaded {args.projects:,} projects and {args.changes:,} capital changes in "
          f"{time.perf_counter() - t0:.1f} s")
    large_queries = page_queries()

    period = Period.term("2020-2025")
    as_of = datetime.date(2025, 12, 31)
    raw = {name: (sql, params) for name, sql, params in raw_queries(period, period.previous(), as_of)}
    print(f"{'aggregate':<16}{'service ms':>12}{'raw SQL ms':>12}{'ratio':>8}")
    total_service = total_raw = 0.0
    verdicts = []
    for name, call in service_calls(period, as_of):
        sql, params = raw[name]
        if connection.vendor != "postgresql":
            sql = sql.replace("DATE_TRUNC('year', c.date)", "strftime('%%Y', c.date)")
        call()

        def run_raw(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        run_raw()
        s, r = best_of_pair(call, run_raw, args.repeat)
        total_service += s
        total_raw += r
        print(f"{name:<16}{s * 1000:>12.1f}{r * 1000:>12.1f}{s / r:>8.2f}")
        verdicts.append((f"{name} <= {TARGET_EACH}x raw SQL", f"{s / r:.2f}", s / r <= TARGET_EACH))
    print(f"{'TOTAL':<16}{total_service * 1000:>12.1f}{total_raw * 1000:>12.1f}{total_service / total_raw:>8.2f}"
          f"   (target <= {TARGET_TOTAL})")
    verdicts.append((f"all together <= {TARGET_TOTAL}x raw SQL", f"{total_service / total_raw:.2f}",
                     total_service / total_raw <= TARGET_TOTAL))
    print(f"dashboard page SQL queries: {small_queries} with {small:,} projects, {large_queries} with "
          f"{args.projects:,} projects ({'constant' if small_queries == large_queries else 'GROWS'})")
    verdicts.append(("dashboard page SQL queries constant", f"{small_queries} -> {large_queries}",
                     small_queries == large_queries))
    for target, figure, ok in verdicts:
        print(f"target {target}: {figure} {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
