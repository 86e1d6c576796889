"""The data migrations of the rules: zones' eligibility columns become conditions (and back), no rule lost;
licensing's negative operators become "not"."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories_zones import incentive_index, make_policy, rule
from zones.models import EligibilityRule

BEFORE, AFTER = ("zones", "0005_import_lifecycle"), ("zones", "0006_eligibility_rules_in_the_shared_engine")
LICENSING_BEFORE = ("licensing", "0003_one_stop_centre_in_both_languages")
LICENSING_AFTER = ("licensing", "0004_rules_in_the_shared_engine")


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    executor.loader.build_graph()
    return executor.loader.project_state(list(targets)).apps


def migrate_to_latest():
    """Every app at its latest migration again (later migrations than the ones a test goes back and forth
    between must be applied for the tests that run after it)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def conditions(rule_row) -> list[tuple]:
    return sorted((c.field, c.operator, c.value, c.negate) for c in rule_row.conditions.all())


@pytest.mark.django_db(transaction=True)
def test_columns_become_conditions_and_back(home_page):
    index = incentive_index(home_page)
    park = make_policy(index, "industrial-park-incentives", [rule("In a park", ("zone_kind", "in", "industrial_park"))])
    make_policy(index, "big", [
        rule("Electronics", ("sector_code", "prefix", "26,2720"), ("capital_usd", "gte", "250000000")),
        rule("Hoa Lu", ("zone_code", "in", "hoa-lu"), ("difficult_area", "eq", "true"), ("high_tech", "eq", "true"),
             ("employees", "gte", "3000"))])
    before = {r.reason_en: conditions(r) for r in EligibilityRule.objects.all()}
    try:
        old = migrate(BEFORE)
        rows = {row.label: row for row in old.get_model("zones", "EligibilityRule").objects.all()}
        assert set(rows) == {"In a park", "Electronics", "Hoa Lu"}
        assert rows["In a park"].zone_kinds == ["industrial_park"]
        assert (rows["Electronics"].sector_prefixes, rows["Electronics"].min_capital_usd) == ("26,2720", 250000000)
        hoa_lu = rows["Hoa Lu"]
        assert (hoa_lu.zone_codes, hoa_lu.difficult_area, hoa_lu.high_tech, hoa_lu.min_employees) == (
            "hoa-lu", True, True, 3000)
        # A revision saved before the change holds the old columns.
        revision = old.get_model("wagtailcore", "Revision").objects.get(pk=park.latest_revision_id)
        revision.content["rules"] = [{"pk": rows["In a park"].pk, "sort_order": 0, "policy": park.pk,
                                      "label": "In a park", "zone_kinds": ["industrial_park"], "zone_codes": "",
                                      "difficult_area": False, "sector_prefixes": "", "min_capital_usd": None,
                                      "min_employees": None, "high_tech": False}]
        revision.save()
    finally:
        migrate(AFTER)
        migrate_to_latest()
    after = {r.reason_en: conditions(r) for r in EligibilityRule.objects.all()}
    # Every rule and condition is back; the general park policy now excludes difficult areas.
    assert after.keys() == before.keys()
    assert after["In a park"] == sorted([*before["In a park"], ("difficult_area", "eq", "true", True)])
    assert after["Electronics"] == [("capital_usd", "gte", "250000000.00", False),
                                    ("sector_code", "prefix", "26,2720", False)]
    assert after["Hoa Lu"] == before["Hoa Lu"]
    assert {r.reason_vi for r in EligibilityRule.objects.all()} == {"In a park", "Electronics", "Hoa Lu"}
    # The editor opens the latest revision: it has the rule with its conditions.
    from wagtail.models import Revision

    edited = Revision.objects.get(pk=park.latest_revision_id).as_object()
    [edited_rule] = edited.rules.all()
    assert edited_rule.reason_en == "In a park" and conditions(edited_rule) == after["In a park"]


@pytest.mark.django_db(transaction=True)
def test_negative_operators_become_not(db):
    old = migrate(LICENSING_BEFORE)
    agency = old.get_model("licensing", "Agency").objects.create(code="a", name_vi="a", name_en="a",
                                                                 level="province")
    procedure = old.get_model("licensing", "Procedure").objects.create(
        code="P", name_vi="p", name_en="p", agency=agency, time_limit=1, effective_from="2021-01-01")
    applicability = old.get_model("licensing", "ApplicabilityRule").objects.create(
        procedure=procedure, reason_vi="r", reason_en="r")
    condition_model = old.get_model("licensing", "RuleCondition")
    for op, value in (("ne", "I"), ("not_in", "I,II"), ("not_prefix", "26"), ("gt", "5")):
        condition_model.objects.create(rule=applicability, field="sector_code" if op == "not_prefix" else
                                       "environmental_group" if op != "gt" else "employees", operator=op, value=value)
    try:
        new = migrate(LICENSING_AFTER)
        rows = new.get_model("licensing", "RuleCondition").objects.order_by("pk")
        assert [(c.operator, c.value, c.negate) for c in rows] == [
            ("eq", "I", True), ("in", "I,II", True), ("prefix", "26", True), ("gt", "5", False)]
    finally:
        migrate_to_latest()
