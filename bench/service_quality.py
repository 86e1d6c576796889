"""Benchmark: the public service-quality figures over 1,000,000 enquiries and 1,000,000 dossiers on PostgreSQL.

Generates the rows (with ratings) with ``INSERT ... SELECT generate_series``, then times
``promotion.quality.topic_figures`` and ``licensing.quality.processing_times`` (the ORM aggregates the
"Service quality" page uses, medians and 90th percentiles included) against the same figures written as one
raw SQL query each, in the same run, and checks that they agree. Target: ratio service / raw ≤ 2 for each.

    DATABASE_URL=postgres://root@127.0.0.1:5432/quality_bench .venv/bin/python bench/service_quality.py [--rows 1000000]

The generated rows (enquiries e-mailed from ``@bench.invalid``, dossier codes ``BQ-…``) are replaced on each
run; ``--keep`` leaves them in place.
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
DATE_FROM, DATE_TO, TODAY = date(2025, 6, 1), date(2026, 5, 31), date(2026, 6, 1)

RAW_TOPICS = """
SELECT e.topic_id, t.name_en, t.name_vi, t.sort_order, t.response_days,
       COUNT(*) AS received,
       COUNT(*) FILTER (WHERE e.first_answered_at IS NOT NULL) AS answered,
       COUNT(*) FILTER (WHERE e.first_answered_at IS NOT NULL
                        AND (e.first_answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= e.due_on) AS on_time,
       COUNT(*) FILTER (WHERE e.first_answered_at IS NULL AND e.due_on < %(today)s
                        AND e.status <> 'closed') AS overdue,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM e.first_answered_at - e.received_at) / 3600.0)
           FILTER (WHERE e.first_answered_at IS NOT NULL) AS median_hours,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM e.first_answered_at - e.received_at) / 3600.0)
           FILTER (WHERE e.first_answered_at IS NOT NULL) AS p90_hours,
       AVG(r.score) AS rating, COUNT(r.id) AS ratings
FROM promotion_enquiry e JOIN promotion_enquirytopic t ON t.id = e.topic_id
     LEFT JOIN promotion_enquiryrating r ON r.enquiry_id = e.id
WHERE e.received_at >= %(start)s AND e.received_at < %(end)s
GROUP BY e.topic_id, t.name_en, t.name_vi, t.sort_order, t.response_days
"""

RAW_PROCEDURES = """
SELECT a.procedure_id, p.code, p.name_en, p.name_vi, p.time_limit, p.time_unit, ag.name_en, ag.name_vi,
       COUNT(*) AS closed,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY a.days_taken) AS median_days,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY a.days_taken) AS p90_days,
       AVG(r.score) AS rating, COUNT(r.id) AS ratings
FROM licensing_application a JOIN licensing_procedure p ON p.id = a.procedure_id
     JOIN licensing_agency ag ON ag.id = a.agency_id
     LEFT JOIN licensing_dossierrating r ON r.application_id = a.id
WHERE a.status IN ('approved', 'refused') AND a.days_taken IS NOT NULL
  AND a.resolved_on >= %(date_from)s AND a.resolved_on <= %(date_to)s
GROUP BY a.procedure_id, p.code, p.name_en, p.name_vi, p.time_limit, p.time_unit, ag.name_en, ag.name_vi
"""






def clear(cursor) -> None:
    cursor.execute("DELETE FROM promotion_enquiryrating WHERE enquiry_id IN "
                   "(SELECT id FROM promotion_enquiry WHERE email LIKE '%@bench.invalid')")
    cursor.execute("DELETE FROM licensing_dossierrating WHERE application_id IN "
                   "(SELECT id FROM licensing_application WHERE dossier_code LIKE 'BQ-%')")
    cursor.execute("DELETE FROM promotion_enquiry WHERE email LIKE '%@bench.invalid'")
    cursor.execute("DELETE FROM licensing_application WHERE dossier_code LIKE 'BQ-%'")


def generate(rows: int, project: int) -> float:
    """``rows`` enquiries over two years (most answered, some late, some open; a fifth rated) and ``rows``
    dossiers (most resolved, a quarter rated)."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        clear(cursor)
        cursor.execute("""
            WITH topics AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(response_days ORDER BY id) AS days
                            FROM promotion_enquirytopic),
            base AS (
                SELECT n, 1 + floor(random() * array_length(topics.ids, 1))::int AS k,
                       timestamptz '2024-06-01 01:00+00' + random() * interval '730 days' AS received,
                       random() AS r, random() AS wait
                FROM generate_series(1, %s) AS n, topics)
            INSERT INTO promotion_enquiry (topic_id, page_url, page_title, zone_code, plot_code, profile, name,
                organisation, email, phone, country, language, message, status, received_at, due_on,
                first_answered_at, token)
            SELECT topics.ids[k], '', '', '', '', '{}', 'Bench ' || n, '', 'e' || n || '@bench.invalid', '', '',
                   'en', 'Bench question', CASE WHEN r < 0.9 THEN 'answered' WHEN r < 0.93 THEN 'closed'
                                                ELSE 'received' END,
                   received, (received AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + topics.days[k] * 7 / 5,
                   CASE WHEN r < 0.9 THEN received + wait * wait * interval '12 days' END,
                   md5(n::text || random()::text)
            FROM base, topics
        """, [rows])
        cursor.execute("""
            INSERT INTO promotion_enquiryrating (enquiry_id, score, comment, created_at, updated_at)
            SELECT id, 1 + mod(id / 5, 5), '', first_answered_at, first_answered_at FROM promotion_enquiry
            WHERE email LIKE '%@bench.invalid' AND first_answered_at IS NOT NULL AND mod(id, 5) = 0
        """)
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
                status, submitted_on, received_on, due_date, paused_working_days, resolved_on, days_taken,
                result_number, result_file, created_at, updated_at)
            SELECT %s, procs.ids[k], procs.agencies[k], 'BQ-' || n, md5(n::text || random()::text),
                   CASE WHEN r < 0.85 THEN 'approved' WHEN r < 0.9 THEN 'refused' WHEN r < 0.95 THEN 'in_process'
                        ELSE 'withdrawn' END,
                   received, received, received + (procs.limits[k] * 7 / 5), 0,
                   CASE WHEN r < 0.9 THEN received + floor(procs.limits[k] * (0.5 + late * late * 1.5) * 7 / 5)::int
                   END,
                   CASE WHEN r < 0.9 THEN floor(procs.limits[k] * (0.5 + late * late * 1.5))::int END,
                   '', '', now(), now()
            FROM base, procs
        """, [rows, project])
        cursor.execute("""
            INSERT INTO licensing_dossierrating (application_id, score, comment, created_at, updated_at)
            SELECT id, 1 + mod(id / 4, 5), '', now(), now() FROM licensing_application
            WHERE dossier_code LIKE 'BQ-%' AND status IN ('approved', 'refused') AND mod(id, 4) = 0
        """)
        cursor.execute("ANALYZE promotion_enquiry")
        cursor.execute("ANALYZE promotion_enquiryrating")
        cursor.execute("ANALYZE licensing_application")
        cursor.execute("ANALYZE licensing_dossierrating")
    return time.perf_counter() - started




def rounded(value):
    return None if value is None else round(float(value), 1)


def compare(name: str, service, raw, key: str, fields: dict[str, str], repeat: int) -> bool:
    """Time ``service`` against ``raw`` (the same figures, names included), check they agree on every row,
    print the timings; True when the target is met."""
    service(), raw()  # warm both (plans, caches)
    raw_seconds, raw_rows = timed(raw, repeat)
    service_seconds, service_rows = timed(service, repeat)
    by_key = {row[key]: row for row in service_rows}
    assert set(by_key) == {row[key] for row in raw_rows}, name
    for row in raw_rows:
        mine = by_key[row[key]]
        for service_field, raw_field in fields.items():
            expected = row[raw_field] if isinstance(row[raw_field], int) else rounded(row[raw_field])
            assert mine[service_field] == expected, (name, row[key], service_field, mine[service_field], expected)
    ratio = service_seconds / raw_seconds
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"{name}: {len(service_rows)} rows; the service and the raw query agree on every figure")
    print(f"  raw SQL:  median {raw_seconds * 1000:.0f} ms over {repeat} runs")
    print(f"  service:  median {service_seconds * 1000:.0f} ms over {repeat} runs")
    print(f"  ratio service / raw: {ratio:.2f} (target ≤ {TARGET_RATIO:.0f}: {verdict})")
    return ratio <= TARGET_RATIO


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated rows")
    args = parser.parse_args()
    setup_django("quality_bench")
    from django.db import connection, transaction
    from django.utils import translation

    from licensing import quality as licensing_quality
    from promotion import quality
    from promotion.quality import _start_of

    translation.activate("en")
    seconds = generate(args.rows, bench_project("BENCH-QUALITY"))
    print(f"generated {args.rows:,} enquiries and {args.rows:,} dossiers (with ratings) in {seconds:.1f} s")

    def fetch(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column.name for column in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    end = _start_of(DATE_TO.fromordinal(DATE_TO.toordinal() + 1))
    topics_met = compare(
        "enquiries per topic", lambda: quality.topic_figures(DATE_FROM, DATE_TO, today=TODAY),
        lambda: fetch(RAW_TOPICS, {"today": TODAY, "start": _start_of(DATE_FROM), "end": end}), "topic_id",
        {"received": "received", "answered": "answered", "on_time": "on_time", "overdue": "overdue",
         "median_hours": "median_hours", "p90_hours": "p90_hours", "rating": "rating", "ratings": "ratings"},
        args.repeat)
    procedures_met = compare(
        "processing times per procedure", lambda: licensing_quality.processing_times(DATE_FROM, DATE_TO),
        lambda: fetch(RAW_PROCEDURES, {"date_from": DATE_FROM, "date_to": DATE_TO}), "procedure_id",
        {"closed": "closed", "median_days": "median_days", "p90_days": "p90_days", "rating": "rating",
         "ratings": "ratings"}, args.repeat)
    for row in quality.topic_figures(DATE_FROM, DATE_TO, today=TODAY)[:3]:
        print(f"  topic {row['name']}: {row['received']:,} received, {row['on_time_share']}% on time, "
              f"median {row['median_hours']} h, p90 {row['p90_hours']} h, rating {row['rating']} ({row['ratings']:,})")
    for row in licensing_quality.processing_times(DATE_FROM, DATE_TO)[:3]:
        print(f"  procedure {row['code']}: statutory {row['time_limit']} {row['time_unit']} days; "
              f"in practice {row['median_days']} {row['time_unit']} days, and {row['p90_days']} for one in ten "
              f"({row['closed']:,} resolved)")
    print(f"targets: topic_figures {'met' if topics_met else 'MISSED'}, "
          f"processing_times {'met' if procedures_met else 'MISSED'}")
    if not args.keep:
        with transaction.atomic(), connection.cursor() as cursor:
            clear(cursor)


if __name__ == "__main__":
    main()
