"""The profiles the rule engines are checked on, and what each gets: incentive policies (slugs) and procedures
(codes). ``tests/data/rules/record.py`` saved what the code before the shared rule engine gave;
``tests/integration/test_rules_equivalence.py`` recomputes it and compares."""

import itertools
from datetime import date
from decimal import Decimal

from core.profile import ProjectProfile

INCENTIVE_DATES = (date(2026, 1, 5), date(2020, 6, 1))
PROCEDURE_DATES = (date(2026, 1, 5), date(2024, 6, 3))

# Where a project can be: nowhere in particular, a kind of zone only, a demo zone (its kind and communes
# resolved from the database), a commune, or a zone with a different kind stated.
LOCATIONS = [
    {},
    *({"zone_kind": kind} for kind in ("industrial_park", "economic_zone", "border_gate_economic_zone",
                                       "export_processing_zone", "high_tech_park", "industrial_cluster")),
    {"zone": "minh-hung-3"}, {"zone": "bac-dong-phu"}, {"zone": "nam-dong-phu"}, {"zone": "hoa-lu"},
    {"zone": "hoa-lu", "zone_kind": "industrial_park"},
    {"commune": "2025-loc-thanh"}, {"commune": "2025-minh-hung"},
]

# Profiles named in the tests and the benchmark.
NAMED = [
    {"foreign_ownership_pct": "100", "zone_kind": "industrial_park", "zone": "minh-hung-3", "land_area_m2": "30000",
     "capital_usd": "20000000", "environmental_group": "II"},
    {"land_area_m2": "20000", "capital_usd": "2000000", "environmental_group": "I"},
    {"foreign_ownership_pct": "100", "zone_kind": "industrial_park", "environmental_group": "II"},
    {"foreign_ownership_pct": "30", "land_area_m2": "5000", "needs_construction": False},
    {"zone_kind": "industrial_park", "land_area_m2": "30000"},
    {"foreign_ownership_pct": "60", "zone_kind": "industrial_park", "land_area_m2": "10000"},
    {"zone_kind": "industrial_park", "sector_code": "2610", "capital_usd": "300000000"},
    {"employees": 3000}, {"employees": 3000, "sector_code": "C"}, {"zone": "hoa-lu", "sector_code": "5210"},
    {"zone": "hoa-lu", "sector_code": "C1010"}, {"high_tech": True, "zone": "bac-dong-phu"},
]


def incentive_specs() -> list[dict]:
    """Profiles over what incentive rules read: location, difficult area, sector, capital, employees, high tech."""
    specs = []
    for location, difficult, sector, capital, employees, high_tech in itertools.product(
            LOCATIONS, (False, True), ("", "2610", "2720", "C", "5210", "1010"), ("0", "100000000", "300000000"),
            (0, 3000), (False, True)):
        specs.append({**location, "difficult_area": difficult, "sector_code": sector, "capital_usd": capital,
                      "employees": employees, "high_tech": high_tech})
    return specs + NAMED


def procedure_specs() -> list[dict]:
    """Profiles over what procedure rules read: location, ownership, land, capital, environment, construction,
    sector."""
    specs = []
    for location, foreign, land, capital, group, construction, sector in itertools.product(
            ({}, {"zone_kind": "industrial_park"}, {"zone": "hoa-lu"}), ("0", "30", "50", "51", "100"),
            ("0", "20000", "500000"), ("0", "100000000"), ("", "I", "II", "III", "IV"), (True, False), ("", "2610")):
        specs.append({**location, "foreign_ownership_pct": foreign, "land_area_m2": land, "capital_usd": capital,
                      "environmental_group": group, "needs_construction": construction, "sector_code": sector})
    return specs + NAMED


def key(spec: dict) -> str:
    """A stable name of a profile spec."""
    return ";".join(f"{name}={spec[name]}" for name in sorted(spec))


def profile_of(spec: dict, ids: dict) -> ProjectProfile:
    """The profile a spec describes, its zone and commune codes resolved to ids (``ids()``)."""
    values = dict(spec)
    zone_code = values.pop("zone", None)
    commune_code = values.pop("commune", None)
    if zone_code:
        values["zone_id"] = ids["zones"][zone_code]
    if commune_code:
        values["commune_id"] = ids["communes"][commune_code]
    for name in ("foreign_ownership_pct", "capital_usd", "land_area_m2"):
        if name in values:
            values[name] = Decimal(values[name])
    return ProjectProfile(**values)


def ids() -> dict:
    """The demo's English zone pages and administrative units, id by code."""
    from zones.models import AdministrativeUnit, ZonePage

    return {"zones": dict(ZonePage.objects.filter(locale__language_code="en").values_list("code", "pk")),
            "communes": dict(AdministrativeUnit.objects.values_list("code", "pk"))}


def compute() -> dict:
    """Every case: ``{"incentives": {date: {key: slugs}}, "procedures": {date: {key: codes}}}``."""
    from wagtail.models import Locale

    from licensing import catalogue, pathway
    from zones.services import applicable_incentives

    english, known = Locale.objects.get(language_code="en"), ids()
    result: dict = {"incentives": {}, "procedures": {}}
    for on in INCENTIVE_DATES:
        result["incentives"][on.isoformat()] = {
            key(spec): sorted(match.policy.slug
                              for match in applicable_incentives(profile_of(spec, known), on, english))
            for spec in incentive_specs()}
    for on in PROCEDURE_DATES:
        result["procedures"][on.isoformat()] = {
            key(spec): sorted(pathway.applicable(catalogue.current(), profile_of(spec, known), on))
            for spec in procedure_specs()}
    return result
