"""Benchmark: agency performance over 1,000,000 applications on PostgreSQL.

Generates the applications with one ``INSERT ... SELECT generate_series`` statement, then times
``licensing.services.performance`` (the ORM aggregate the public page uses) against the same aggregate
written as one raw SQL query, in the same run. Target: ratio service / raw ≤ 2.

    DATABASE_URL=postgres://root@127.0.0.1:5432/invest .venv/bin/python bench/agency_performance.py [--rows 1000000]

The generated rows (dossier codes ``BENCH-…``) are replaced on each run; ``--keep`` leaves them in place.
"""

import sys
from pathlib import Path

# bench/statistics.py (another benchmark) would shadow the standard library's module for this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import statistics  # noqa: E402, F401 - the standard module, cached before bench/ goes back on the path
import time  # noqa: E402
from datetime import date  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.postgres import bench_project, setup_django, timed  # noqa: E402

TARGET_RATIO = 2.0
TODAY = date(2026, 6, 1)
RAW_SQL = """
SELECT a.agency_id, ag.name_en, ag.name_vi,
       COUNT(*) AS received,
       COUNT(*) FILTER (WHERE a.status IN ('approved', 'refused')) AS resolved,
       COUNT(*) FILTER (WHERE a.status IN ('approved', 'refused') AND a.resolved_on <= a.due_date) AS on_time,
       COUNT(*) FILTER (WHERE a.status IN ('approved', 'refused') AND a.resolved_on > a.due_date) AS late,
       COUNT(*) FILTER (WHERE a.status IN ('submitted', 'received', 'in_process', 'sent_back', 'resubmitted')
                        AND a.due_date < %s AND a.status <> 'sent_back') AS overdue,
       AVG(a.resolved_on - a.received_on) FILTER (WHERE a.status IN ('approved', 'refused')) AS average_days
FROM licensing_application a JOIN licensing_agency ag ON ag.id = a.agency_id
WHERE a.received_on IS NOT NULL
GROUP BY a.agency_id, ag.name_en, ag.name_vi
ORDER BY a.agency_id, ag.name_en, ag.name_vi
"""






def generate(rows: int, project: int) -> float:
    """Insert ``rows`` applications spread over two years, most resolved, some late, some still open."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM licensing_application WHERE dossier_code LIKE 'BENCH-%%'")
        cursor.execute("""
            WITH procs AS (
                SELECT array_agg(id ORDER BY id) AS ids, array_agg(agency_id ORDER BY id) AS agencies,
                       array_agg(time_limit ORDER BY id) AS limits FROM licensing_procedure
                WHERE effective_to IS NULL),
            base AS (
                SELECT n, 1 + floor(random() * array_length(procs.ids, 1))::int AS k,
                       date '2024-06-01' + floor(random() * 720)::int AS received, random() AS r, random() AS late
                FROM generate_series(1, %s) AS n, procs)
            INSERT INTO licensing_application (project_id, procedure_id, agency_id, dossier_code, tracking_token,
                status, submitted_on, received_on, due_date, paused_working_days, resolved_on, result_number,
                result_file, created_at, updated_at)
            SELECT %s, procs.ids[k], procs.agencies[k], 'BENCH-' || n, md5(n::text || random()::text),
                   CASE WHEN r < 0.85 THEN 'approved' WHEN r < 0.9 THEN 'refused' WHEN r < 0.95 THEN 'in_process'
                        ELSE 'sent_back' END,
                   received, received, received + (procs.limits[k] * 7 / 5),
                   0,
                   CASE WHEN r < 0.9 THEN received + (procs.limits[k] * 7 / 5)
                        + CASE WHEN late < 0.15 THEN 1 + floor(late * 100)::int ELSE -floor(late * 3)::int END
                   END,
                   '', '', now(), now()
            FROM base, procs
        """, [rows, project])
        cursor.execute("ANALYZE licensing_application")
    return time.perf_counter() - started




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated rows")
    args = parser.parse_args()
    setup_django("invest")
    from django.db import connection, transaction

    from licensing import services

    seconds = generate(args.rows, bench_project("BENCH-PERF"))
    print(f"generated {args.rows:,} applications in {seconds:.1f} s")

    def service():
        return services.performance("agency", today=TODAY)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [TODAY])
            return cursor.fetchall()

    service(), raw()  # warm both (plans, caches)
    raw_seconds, raw_rows = timed(raw, args.repeat)
    service_seconds, service_rows = timed(service, args.repeat)
    bench_rows = {row["agency_id"]: row for row in service_rows}
    for agency_id, _en, _vi, received, resolved, on_time, late, overdue, _avg in raw_rows:
        row = bench_rows[agency_id]
        assert (row["received"], row["resolved"], row["on_time"], row["late"], row["overdue"]) == \
            (received, resolved, on_time, late, overdue), (row, agency_id)
    print(f"agencies: {len(service_rows)}; the service and the raw query agree on every count")
    print(f"raw SQL aggregate:    median {raw_seconds * 1000:.0f} ms over {args.repeat} runs")
    print(f"performance service:  median {service_seconds * 1000:.0f} ms over {args.repeat} runs")
    ratio = service_seconds / raw_seconds
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"ratio service / raw: {ratio:.2f} (target ≤ {TARGET_RATIO:.0f}: {verdict})")
    if not args.keep:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM licensing_application WHERE dossier_code LIKE 'BENCH-%%'")


if __name__ == "__main__":
    main()
