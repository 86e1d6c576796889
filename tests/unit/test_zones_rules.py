"""Eligibility rules as data: every condition can match and fail; all conditions of a rule must hold."""

from decimal import Decimal

import pytest

from zones.fields import split_codes
from zones.models import EligibilityFacts, EligibilityRule
from zones.models.incentives import normalise_sector_code

BASE = EligibilityFacts(zone_kind="industrial_park", zone_code="minh-hung-3", difficult_area=False,
                        sector_code="2610", capital_usd=Decimal("1000000"), employees=200, high_tech=False)


def facts(**changes):
    values = {name: getattr(BASE, name) for name in BASE.__dataclass_fields__}
    values.update(changes)
    return EligibilityFacts(**values)


@pytest.mark.smoke
@pytest.mark.parametrize(("rule", "matching", "failing"), [
    ({"zone_kinds": ["industrial_park", "export_processing_zone"]}, {}, {"zone_kind": "economic_zone"}),
    ({"zone_kinds": ["industrial_park"]}, {}, {"zone_kind": ""}),
    ({"zone_codes": "hoa-lu, MINH-HUNG-3"}, {}, {"zone_code": "dong-xoai-1"}),
    ({"difficult_area": True}, {"difficult_area": True}, {}),
    ({"sector_prefixes": "26, 2720"}, {}, {"sector_code": "1010"}),
    ({"sector_prefixes": "C26"}, {"sector_code": "C2610"}, {"sector_code": ""}),
    ({"min_capital_usd": Decimal("1000000")}, {}, {"capital_usd": Decimal("999999.99")}),
    ({"min_employees": 200}, {}, {"employees": 199}),
    ({"high_tech": True}, {"high_tech": True}, {}),
])
def test_each_condition_matches_and_fails(rule, matching, failing):
    eligibility = EligibilityRule(label="rule", **rule)
    ok, reasons = eligibility.evaluate(facts(**matching))
    assert ok and len(reasons) == 1
    ok, _ = eligibility.evaluate(facts(**{**matching, **failing}) if failing else facts())
    assert not ok


def test_all_conditions_of_a_rule_must_hold():
    rule = EligibilityRule(label="electronics, big", sector_prefixes="26", min_capital_usd=Decimal("250000000"))
    assert rule.evaluate(facts(capital_usd=Decimal("300000000")))[0]
    assert not rule.evaluate(facts(capital_usd=Decimal("300000000"), sector_code="1010"))[0]
    assert not rule.evaluate(facts())[0]
    _, reasons = rule.evaluate(facts())
    assert any("26" in reason for reason in reasons) and any("250,000,000" in reason for reason in reasons)


def test_rule_without_conditions_applies_to_every_project():
    ok, reasons = EligibilityRule(label="everyone").evaluate(facts())
    assert ok and reasons


def test_difficult_area_reason_names_the_commune():
    rule = EligibilityRule(label="difficult", difficult_area=True)
    _, reasons = rule.evaluate(facts(difficult_area=True, difficult_reasons=("Loc Thanh commune",)))
    assert "Loc Thanh commune" in reasons[0]


def test_location_and_project_checks_are_separate():
    rule = EligibilityRule(label="x", zone_kinds=["industrial_park"], high_tech=True)
    assert [ok for ok, _ in rule.location_checks(facts())] == [True]
    assert [ok for ok, _ in rule.project_checks(facts())] == [False]


def test_sector_prefix_validation():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        EligibilityRule(label="x", sector_prefixes="26, twenty").clean()
    EligibilityRule(label="x", sector_prefixes="C, 26, C2610").clean()


def test_code_helpers():
    assert split_codes(" 26; 2720 ,c ") == ["26", "2720", "C"]
    assert normalise_sector_code("c2610") == "2610" and normalise_sector_code("C") == "C"
