"""Benchmark: the licensing pathway over a large catalogue.

2,000 procedure versions, 5,000 applicability rules (1–6 conditions in one or two AND groups, OR between
them, each group scoped to a few sector prefixes) and a random prerequisite DAG; the catalogue is loaded
once into memory, then ``pathway.build`` runs for many random profiles. Target: at most 10 ms per
profile (ratio = measured / 10 ms, ≤ 1 passes).

    .venv/bin/python bench/pathway.py [--procedures 2000] [--rules 5000] [--profiles 500]

Uses a throwaway SQLite database unless DATABASE_URL is set (then it writes into that database).
"""

import sys
from pathlib import Path

# bench/statistics.py (another benchmark) would shadow the standard library's module for this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from decimal import Decimal  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 10.0


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-pathway-')}/bench.sqlite3"
    os.environ.setdefault("CACHE_URL", "locmemcache://bench-pathway")
    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)


def build_catalogue(rng: random.Random, procedures: int, rules: int) -> None:
    from django.db import transaction

    from licensing.models import (
        Agency,
        ApplicabilityRule,
        Procedure,
        ProcedureFee,
        ProcedurePrerequisite,
        RuleCondition,
    )

    prefix = "BENCH-"
    Procedure.objects.filter(code__startswith=prefix).delete()
    with transaction.atomic():
        agencies = [Agency.objects.get_or_create(code=f"bench-{n}", defaults={
            "name_vi": f"Cơ quan {n}", "name_en": f"Agency {n}", "level": "province"})[0] for n in range(20)]
        rows = Procedure.objects.bulk_create([
            Procedure(code=f"{prefix}{n:05d}", name_vi=f"Thủ tục {n}", name_en=f"Procedure {n}",
                      agency=rng.choice(agencies), time_limit=rng.randint(3, 45),
                      time_unit=rng.choice(["working", "working", "calendar"]), effective_from=date(2021, 1, 1),
                      applies_to_all=rng.random() < 0.005) for n in range(procedures)])
        ProcedureFee.objects.bulk_create([ProcedureFee(procedure=p, amount=Decimal(rng.randint(0, 50)) * 10000)
                                          for p in rows])
        edges = set()
        for index, procedure in enumerate(rows[1:], start=1):
            for _n in range(rng.randint(0, 3)):
                edges.add((procedure.pk, rows[rng.randrange(max(0, index - 200), index)].pk))
        ProcedurePrerequisite.objects.bulk_create(
            [ProcedurePrerequisite(procedure_id=a, requires_id=b) for a, b in edges])
        rule_rows = ApplicabilityRule.objects.bulk_create([
            ApplicabilityRule(procedure=rng.choice(rows), reason_vi="Lý do", reason_en=f"Reason {n}")
            for n in range(rules)])
        conditions = []
        for rule in rule_rows:
            # Like real rules, each group names the sectors it concerns (VSIC group prefixes), plus 0–2 more
            # conditions; a rule has one or two groups.
            for group in range(1, rng.randint(1, 2) + 1):
                prefixes = ",".join(f"{rng.randint(100, 339)}" for _n in range(rng.randint(1, 3)))
                conditions.append(RuleCondition(rule=rule, group=group, field="sector_code", operator="prefix",
                                                value=prefixes))
                for _n in range(rng.randint(0, 2)):
                    conditions.append(RuleCondition(rule=rule, group=group, **_condition(rng)))
        RuleCondition.objects.bulk_create(conditions)


def _condition(rng: random.Random) -> dict:
    choice = rng.randrange(7)
    if choice == 0:
        return {"field": "foreign_ownership_pct", "operator": "gt", "value": str(rng.choice([0, 50, 90]))}
    if choice == 1:
        return {"field": "sector_code", "operator": "prefix", "value": ",".join(
            f"{rng.randint(10, 33)}" for _n in range(rng.randint(1, 3)))}
    if choice == 2:
        return {"field": "capital_usd", "operator": "gte", "value": str(rng.choice([1, 10, 50, 100]) * 1_000_000)}
    if choice == 3:
        return {"field": "land_area_m2", "operator": "gte", "value": str(rng.choice([1, 5, 50]) * 10_000)}
    if choice == 4:
        return {"field": "zone_kind", "operator": "in", "value": rng.choice(
            ["industrial_park", "industrial_park,economic_zone", "border_gate_economic_zone"])}
    if choice == 5:
        return {"field": "environmental_group", "operator": "eq", "value": rng.choice(["I", "II", "III"])}
    return {"field": "needs_construction", "operator": "eq", "value": rng.choice(["true", "false"])}


def random_profile(rng: random.Random):
    from core.profile import ProjectProfile

    inside = rng.random() < 0.7
    return ProjectProfile(
        foreign_ownership_pct=Decimal(rng.choice([0, 30, 51, 100])),
        sector_code=f"{rng.randint(10, 33)}{rng.randint(0, 99):02d}",
        capital_usd=Decimal(rng.randint(1, 200) * 1_000_000), land_area_m2=Decimal(rng.randint(1, 100) * 5_000),
        zone_id=1 if inside else None, zone_kind=rng.choice(["industrial_park", "economic_zone"]) if inside else "",
        environmental_group=rng.choice(["", "I", "II", "III"]), needs_construction=rng.random() < 0.8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--profiles", type=int, default=500)
    args = parser.parse_args()
    setup_django()
    from licensing import calendar, catalogue, pathway

    rng = random.Random(42)
    started = time.perf_counter()
    build_catalogue(rng, args.procedures, args.rules)
    print(f"catalogue written: {args.procedures} procedures, {args.rules} rules "
          f"({time.perf_counter() - started:.1f} s)")
    catalogue.invalidate()
    calendar.clear_cache()
    started = time.perf_counter()
    loaded = catalogue.current()
    working_calendar = calendar.calendar()
    working_calendar.add_working_days(date(2026, 1, 5), 1000)  # warm the calendar's day list
    print(f"catalogue loaded into memory once: {(time.perf_counter() - started) * 1000:.0f} ms, "
          f"{sum(len(v) for v in loaded.by_code.values())} versions")
    profiles = [random_profile(rng) for _n in range(args.profiles)]
    timings, sizes = [], []
    cpu_started = time.process_time()
    for profile in profiles:
        started = time.perf_counter()
        result = pathway.build(profile, date(2026, 1, 5))
        timings.append((time.perf_counter() - started) * 1000)
        sizes.append(len(result.steps))
    cpu_ms = (time.process_time() - cpu_started) * 1000 / len(profiles)
    # Cross-check the indexed rule evaluation against evaluating every rule of every procedure.
    from core.rules import profile_values

    in_force = loaded.in_force(date(2026, 1, 5))
    for profile in profiles[:50]:
        values = profile_values(profile)
        naive = {code for code, entry in in_force.items()
                 if entry.applies_to_all or any(rule.applies(values) for rule in entry.rules)}
        assert naive == {step.code for step in pathway.build(profile, date(2026, 1, 5)).steps}
    print("indexed rule evaluation matches evaluating every rule (50 profiles)")
    mean, p95 = statistics.mean(timings), sorted(timings)[int(len(timings) * 0.95) - 1]
    print(f"profiles: {len(profiles)}, procedures per pathway: mean {statistics.mean(sizes):.0f}, "
          f"max {max(sizes)}")
    print(f"pathway per profile: mean {mean:.2f} ms, median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")
    print(f"CPU time per profile: {cpu_ms:.2f} ms (wall time includes waiting for a shared CPU)")
    verdict = "met" if mean <= TARGET_MS else "MISSED"
    print(f"ratio mean / target {TARGET_MS:.0f} ms: {mean / TARGET_MS:.2f} ({verdict})")


if __name__ == "__main__":
    main()
