"""The shared rule engine: each operator matches and fails, AND inside a group, OR between groups, negation,
reasons in words, the single VSIC prefix rule and the sector index."""

from decimal import Decimal

import pytest

from core.profile import ProjectProfile
from core.rules import (
    RuleIndex,
    compile_condition,
    compile_rule,
    normalise_sector_code,
    profile_values,
    sector_matches,
    sector_prefixes,
)

BASE = ProjectProfile(zone_kind="industrial_park", zone_code="minh-hung-3", sector_code="2610",
                      capital_usd=Decimal("1000000"), employees=200, foreign_ownership_pct=Decimal("60"))


def values(**changes):
    return profile_values(ProjectProfile(**{**BASE.__dict__, **changes}))


def rule(*conditions):
    """A rule of ``(field, operator, value[, negate[, group]])`` conditions."""
    return compile_rule(1, "reason", "lý do", [(c[4] if len(c) > 4 else 1, c[0], c[1], c[2], len(c) > 3 and c[3])
                                               for c in conditions])


@pytest.mark.smoke
@pytest.mark.parametrize(("condition", "failing"), [
    (("zone_kind", "in", "industrial_park,export_processing_zone"), {"zone_kind": "economic_zone"}),
    (("zone_kind", "eq", "industrial_park"), {"zone_kind": ""}),
    (("zone_code", "in", "hoa-lu, MINH-HUNG-3"), {"zone_code": "dong-xoai-1"}),
    (("difficult_area", "eq", "false"), {"difficult_area": True}),
    (("sector_code", "prefix", "26, 2720"), {"sector_code": "1010"}),
    (("sector_code", "prefix", "C26"), {"sector_code": ""}),
    (("capital_usd", "gte", "1000000"), {"capital_usd": Decimal("999999.99")}),
    (("capital_usd", "lt", "1000001"), {"capital_usd": Decimal("1000001")}),
    (("employees", "gt", "199"), {"employees": 199}),
    (("employees", "lte", "200"), {"employees": 201}),
    (("is_foreign_controlled", "eq", "yes"), {"foreign_ownership_pct": Decimal("50")}),
    (("high_tech", "eq", "false"), {"high_tech": True}),
    (("environmental_group", "in", "II,III"), {"environmental_group": "I"}),
])
def test_each_operator_matches_and_fails(condition, failing):
    assert rule(condition).applies(values(**({"environmental_group": "II"} if "environmental" in condition[0]
                                             else {})))
    assert not rule(condition).applies(values(**failing))
    # Negated, it is the opposite.
    assert not rule((*condition, True)).applies(values(**({"environmental_group": "II"}
                                                        if "environmental" in condition[0] else {})))
    assert rule((*condition, True)).applies(values(**failing))


def test_and_inside_a_group_or_between_groups():
    both = rule(("sector_code", "prefix", "26"), ("capital_usd", "gte", "250000000"))
    assert both.applies(values(capital_usd=Decimal("300000000")))
    assert not both.applies(values(capital_usd=Decimal("300000000"), sector_code="1010"))
    assert not both.applies(values())
    either = rule(("environmental_group", "eq", "I", False, 1), ("capital_usd", "gte", "100000000", False, 2))
    assert either.applies(values(environmental_group="I"))
    assert either.applies(values(capital_usd=Decimal("150000000")))
    assert not either.applies(values())


def test_a_rule_without_conditions_applies_to_every_project():
    result = rule().evaluate(values())
    assert result.applies and result.reasons == ["applies to every project"]


def test_reasons_in_words_name_zones_values_and_notes():
    general = rule(("zone_kind", "in", "industrial_park,export_processing_zone"),
                   ("difficult_area", "eq", "true", True))
    result = general.evaluate(values())
    assert result.applies
    assert result.reasons == ["located in a zone of kind: Industrial park, Export processing zone",
                              "located outside communes with difficult socio-economic conditions"]
    named = rule(("zone_code", "in", "hoa-lu"), ("difficult_area", "eq", "true"))
    result = named.evaluate(values(zone_code="hoa-lu", difficult_area=True),
                            value_labels={"zone_code": {"hoa-lu": "Hoa Lu Border-Gate Economic Zone"}},
                            notes={"difficult_area": "Loc Thanh commune"})
    assert result.applies and result.reasons == [
        "located in one of the zones: Hoa Lu Border-Gate Economic Zone",
        "located in a commune with difficult socio-economic conditions (Loc Thanh commune)"]
    big = rule(("capital_usd", "gte", "250000000"), ("land_area_m2", "gt", "0"))
    assert big.evaluate(values()).reasons == ["capital of at least 250,000,000 USD",
                                              "Land area (m²) greater than 0"]
    assert not big.evaluate(values()).applies


def test_known_fields_only_split_conditions_met_from_those_still_to_meet():
    mixed = rule(("zone_kind", "in", "industrial_park"), ("high_tech", "eq", "true"))
    met, remaining = mixed.evaluate_known(values(), {"zone_kind"})
    assert met == ["located in a zone of kind: Industrial park"] and remaining == ["a high-tech project"]
    assert mixed.evaluate_known(values(zone_kind="economic_zone"), {"zone_kind"}) is None


def test_the_vietnamese_reason():
    from django.utils import translation

    with translation.override("vi"):
        assert rule().reason == "lý do"
        assert rule(("high_tech", "eq", "true")).evaluate(values()).reasons == ["dự án công nghệ cao"]


@pytest.mark.parametrize(("field", "op", "value"), [
    ("nope", "eq", "1"), ("capital_usd", "eq", "lots"), ("zone_kind", "gt", "a"), ("high_tech", "eq", "maybe"),
    ("environmental_group", "in", " , "), ("zone_kind", "prefix", "ind"), ("sector_code", "prefix", "26, twenty"),
])
def test_bad_conditions_are_refused(field, op, value):
    with pytest.raises(ValueError):
        compile_condition(field, op, value)


def test_the_single_sector_prefix_rule():
    assert normalise_sector_code("c2610") == "2610" and normalise_sector_code("C") == "C"
    assert sector_matches("C2610", ["26"]) and sector_matches("2610", ["C26"]) and sector_matches("2610", ["2610"])
    assert not sector_matches("2610", ["27"]) and not sector_matches("", ["26"])
    assert sector_prefixes("C2610") == ["2", "26", "261", "2610"]


def test_the_sector_index_finds_the_same_rules_as_evaluating_each():
    rules = [("A", rule(("sector_code", "prefix", "26"), ("inside_zone", "eq", "true"))),
             ("B", rule(("sector_code", "prefix", "1"))),
             ("C", rule(("sector_code", "prefix", "26", True))),
             ("D", rule(("employees", "gte", "100")))]
    index = RuleIndex(rules)
    for sector in ("", "2610", "1010", "2720"):
        found = {owner for owner, _rule in index.matches(values(sector_code=sector))}
        assert found == {owner for owner, each in rules if each.applies(values(sector_code=sector))}, sector
