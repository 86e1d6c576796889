"""The rule engine on a profile with unanswered questions: applies / does not apply / may apply with the
questions that decide, why a rule does not apply, a rule in words, the ways of answering that matter, and
the profile form that fills in what is unknown (old query strings included)."""

from decimal import Decimal

import pytest

from core.profile import ProjectProfile, ProjectProfileForm
from core.rules import APPLIES, DOES_NOT_APPLY, MAY_APPLY, compile_rule, completions, profile_values


def rule(*conditions):
    """A rule of ``(group, field, operator, value[, negate])`` conditions."""
    return compile_rule(1, "reason", "lý do", [(c[0], c[1], c[2], c[3], len(c) > 4 and c[4]) for c in conditions])


IRC_IN_ZONE = rule((1, "is_foreign_controlled", "eq", "true"), (1, "inside_zone", "eq", "true"))
POLICY_IN_ZONE = rule((1, "inside_zone", "eq", "true"), (1, "land_area_m2", "gte", "500000"),
                      (2, "inside_zone", "eq", "true"), (2, "capital_usd", "gte", "100000000"))
GROUP_II = rule((1, "environmental_group", "eq", "II"))
FDI_IN_PARK = ProjectProfile(foreign_ownership_pct=Decimal("100"), zone_kind="industrial_park",
                             land_area_m2=Decimal("30000"), capital_usd=Decimal("20000000"))


def test_a_known_profile_gets_the_two_valued_answer():
    values = profile_values(FDI_IN_PARK)
    assert IRC_IN_ZONE.verdict(values).state == APPLIES
    verdict = POLICY_IN_ZONE.verdict(values)
    assert verdict.state == DOES_NOT_APPLY and verdict.questions == ()
    assert verdict.reasons == ["land below 500,000 m²", "capital below 100,000,000 USD"]


def test_an_unknown_field_makes_a_rule_that_depends_on_it_undecided():
    values = profile_values(FDI_IN_PARK)
    verdict = GROUP_II.verdict(values, {"environmental_group"})
    assert verdict.state == MAY_APPLY and verdict.may_apply and not verdict.applies
    assert verdict.questions == ("environmental_group",)
    assert verdict.reasons == ["environmental group: Group II"]
    # An empty group is a "no" only when the investor answered the question.
    assert GROUP_II.verdict(values).state == DOES_NOT_APPLY


def test_a_known_failing_condition_decides_whatever_is_unknown():
    outside = profile_values(ProjectProfile(foreign_ownership_pct=Decimal("100")))
    verdict = IRC_IN_ZONE.verdict(outside, {"inside_zone", "zone_kind", "zone_code", "capital_usd"})
    assert verdict.state == MAY_APPLY and verdict.questions == ("inside_zone",)
    domestic = profile_values(ProjectProfile(zone_kind="industrial_park"))
    assert IRC_IN_ZONE.verdict(domestic, {"capital_usd"}).state == DOES_NOT_APPLY
    # One group fails on a known field, the other waits for the capital: the capital decides.
    verdict = POLICY_IN_ZONE.verdict(profile_values(FDI_IN_PARK), {"capital_usd"})
    assert verdict.state == MAY_APPLY and verdict.questions == ("capital_usd",)
    # A group that holds on known fields decides even when another group's field is unknown.
    big = profile_values(ProjectProfile(zone_kind="industrial_park", land_area_m2=Decimal("600000")))
    assert POLICY_IN_ZONE.verdict(big, {"capital_usd"}).state == APPLIES


def test_why_not_names_only_known_conditions():
    values = profile_values(FDI_IN_PARK)
    assert POLICY_IN_ZONE.why_not(values, {"capital_usd"}) == ["land below 500,000 m²"]


def test_a_rule_in_words():
    assert POLICY_IN_ZONE.describe() == ("located in a zone and land of at least 500,000 m²; or located in a zone "
                                         "and capital of at least 100,000,000 USD")
    assert rule().describe() == "applies to every project"


def test_completions_cover_every_outcome_and_keep_linked_fields_together():
    values = profile_values(ProjectProfile())
    unknown = {"foreign_ownership_pct", "is_foreign_controlled", "has_foreign_capital", "inside_zone", "zone_kind",
               "zone_code", "environmental_group"}
    conditions = [c for r in (IRC_IN_ZONE, GROUP_II) for group in r.groups for c in group]
    answers = list(completions(values, unknown, conditions))
    assert {a["environmental_group"] for a in answers} == {"I", "II", "III", "IV"}
    assert {(a["is_foreign_controlled"], a["inside_zone"]) for a in answers} == {
        (True, True), (True, False), (False, True), (False, False)}
    for answer in answers:
        assert answer["is_foreign_controlled"] == (answer["foreign_ownership_pct"] > 50)
        assert answer["inside_zone"] == bool(answer["zone_kind"])
    assert {IRC_IN_ZONE.applies(a) for a in answers} == {True, False}
    # Too many ways to answer: the caller falls back to the bounds.
    assert completions(values, unknown, conditions, limit=3) is None
    # A threshold is tried on both sides.
    capital = list(completions(values, {"capital_usd"}, [c for g in POLICY_IN_ZONE.groups for c in g]))
    assert {a["capital_usd"] >= 100000000 for a in capital} == {True, False}


def test_the_form_names_the_questions_left_unanswered():
    form = ProjectProfileForm({"foreign_ownership_pct": "100", "zone_kind": "industrial_park", "land_area_m2": "",
                               "high_tech": "no", "needs_construction": "yes", "environmental_group": ""})
    assert form.is_valid(), form.errors
    profile = form.profile()
    assert {"environmental_group", "land_area_m2", "capital_usd", "employees", "sector_code",
            "difficult_area"} == set(profile.unknown)
    assert profile.needs_construction is True and profile.high_tech is False
    assert "is_foreign_controlled" not in profile.unknown and "inside_zone" not in profile.unknown


@pytest.mark.parametrize(("data", "unknown", "expected"), [
    ({}, {"foreign_ownership_pct", "is_foreign_controlled", "has_foreign_capital", "inside_zone", "zone_kind",
          "zone_code"}, {}),
    ({"zone_kind": "outside", "foreign_ownership_pct": "0"}, set(), {"zone_kind": "", "inside_zone": False}),
    ({"zone_id": "3"}, set(), {"inside_zone": True}),
    ({"high_tech": "on"}, set(), {"high_tech": True}),  # an old link from the checkbox form
    ({"high_tech": "true", "needs_construction": "no"}, set(), {"high_tech": True, "needs_construction": False}),
    ({"high_tech": ""}, {"high_tech"}, {}),
])
def test_old_and_new_answers(data, unknown, expected):
    form = ProjectProfileForm(data)
    assert form.is_valid(), form.errors
    profile = form.profile()
    assert unknown <= set(profile.unknown)
    assert not (set(expected) & set(profile.unknown))
    values = profile_values(profile)
    for name, value in expected.items():
        assert values[name] == value, name


def test_a_three_way_answer_it_cannot_read_is_refused():
    form = ProjectProfileForm({"high_tech": "perhaps"})
    assert not form.is_valid() and "high_tech" in form.errors


def test_standing_picks_the_group_closest_to_holding_and_splits_its_conditions():
    values = profile_values(FDI_IN_PARK)
    high_tech_or_big = rule((1, "zone_kind", "in", "economic_zone"), (1, "capital_usd", "gte", "1000"),
                            (2, "zone_kind", "in", "industrial_park"), (2, "high_tech", "eq", "true"),
                            (3, "zone_kind", "in", "industrial_park"), (3, "employees", "gte", "3000"))
    standing = high_tech_or_big.standing(values, {"high_tech"})
    assert standing.state == MAY_APPLY  # group 2: only the unanswered question stands in the way
    assert [c.field for c in standing.met] == ["zone_kind"] and [c.field for c in standing.open] == ["high_tech"]
    standing = high_tech_or_big.standing(values)  # high tech answered "no": every group misses one condition
    assert standing.state == DOES_NOT_APPLY and [c.field for c in standing.unmet] == ["zone_kind"]
    # Where the place is given, groups for another kind of zone do not count, even when they would hold.
    in_economic_zone = rule((1, "zone_kind", "in", "economic_zone"), (1, "capital_usd", "gte", "1000"))
    assert in_economic_zone.standing(values).state == DOES_NOT_APPLY
    assert in_economic_zone.standing(values, where={"zone_kind"}) is None
