"""Every profile of ``tests/rules_cases.py`` gets from the shared rule engine exactly the incentive policies
and procedures it got before (``tests/data/rules/expected.json``, recorded on the code before it), except
the changes listed here with their reason."""

import json
from pathlib import Path

import pytest

from tests import rules_cases
from tests.factories_licensing import load_catalogue
from zones import demo as zones_demo
from zones.models import EligibilityRule

pytestmark = pytest.mark.django_db
EXPECTED = Path(__file__).resolve().parents[1] / "data" / "rules" / "expected.json"

GENERAL, DIFFICULT = "industrial-park-incentives", "difficult-areas-and-economic-zones"
#: Intended differences. The general industrial-park tax incentive and the difficult-area one exclude each
#: other (Decree 31/2021/NĐ-CP: a project takes the more favourable of the incentives it qualifies for, and the
#: general policy's summary says "outside an area with difficult conditions"); before, the rule editor could
#: not say "not in a difficult area", so a project in a park in a difficult commune got both. Now the general
#: policy's rule has "not: located in a commune with difficult socio-economic conditions", so wherever both
#: applied, only the difficult-area policy does.
CHANGES = {"incentives": lambda slugs: [s for s in slugs if s != GENERAL] if DIFFICULT in slugs else slugs}


@pytest.fixture
def demo(home_page):
    zones_demo.load()
    load_catalogue()


def test_every_profile_gets_what_it_got_before_but_the_exclusive_policies(demo):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    actual = rules_cases.compute()
    changed = 0
    for kind, days in expected.items():
        adjust = CHANGES.get(kind, lambda values: values)
        for day, cases in days.items():
            assert set(actual[kind][day]) == set(cases)
            for name, before in cases.items():
                assert actual[kind][day][name] == adjust(before), (kind, day, name)
                changed += adjust(before) != before
    # The intended change happened (profiles in the Bac / Nam Dong Phu parks or Loc Thanh, or saying
    # "difficult area"), and nowhere do both policies apply any more.
    assert changed > 100
    assert not [name for cases in actual["incentives"].values() for name, slugs in cases.items()
                if GENERAL in slugs and DIFFICULT in slugs]
    # The Vietnamese policies (copied for translation) carry the same rules and conditions.
    by_language = {language: sorted((rule.policy.slug, rule.sort_order, rule.reason_en, rule.reason_vi,
                                     tuple(sorted((c.group, c.field, c.operator, c.value, c.negate)
                                                  for c in rule.conditions.all())))
                                    for rule in EligibilityRule.objects.filter(policy__locale__language_code=language))
                   for language in ("en", "vi")}
    assert by_language["en"] == by_language["vi"] and len(by_language["en"]) == 8
