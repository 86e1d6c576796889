"""Catalogue rules, prerequisite cycles, versions and the pathway on the demo catalogue."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.profile import ProjectProfile, ProjectProfileForm
from licensing import catalogue, pathway
from licensing.models import ApplicabilityRule, Procedure, ProcedurePrerequisite, RuleCondition
from tests.factories_licensing import load_catalogue

pytestmark = pytest.mark.django_db
START = date(2026, 1, 5)
FDI_IN_PARK = ProjectProfile(foreign_ownership_pct=Decimal("100"), zone_kind="industrial_park", zone_id=1,
                             land_area_m2=Decimal("30000"), capital_usd=Decimal("20000000"), environmental_group="II")
DOMESTIC_OUTSIDE = ProjectProfile(land_area_m2=Decimal("20000"), capital_usd=Decimal("2000000"),
                                  environmental_group="I")


@pytest.fixture
def demo_catalogue():
    load_catalogue()


@pytest.mark.smoke
def test_fdi_in_a_park_pathway(demo_catalogue):
    result = pathway.build(FDI_IN_PARK, START)
    codes = [step.code for step in result.steps]
    assert "DT-03" in codes and "DT-04" not in codes  # IRC from the zone board, not the department
    assert "DT-02" not in codes  # under the policy-approval thresholds
    assert "XD-02" not in codes and "XD-03" in codes  # exempt from the construction permit inside a park
    assert codes.index("DT-03") < codes.index("DN-01") < codes.index("PC-01")
    # Stage 1 is the IRC alone; the ERC and the EIA run in parallel after it.
    assert [s.code for s in result.stages[0]] == ["DT-03"]
    assert {s.code for s in result.stages[1]} == {"DN-01", "MT-02"}
    irc = result.steps[0]
    assert irc.ends == date(2026, 1, 20)  # 15 calendar days
    assert "foreign" in irc.reasons[0].text
    assert result.critical_path == ["DT-03", "MT-02", "MT-04", "XD-03"]
    assert result.completion == max(step.ends for step in result.steps)
    assert result.working_days > 0
    assert result.total_fees == {"VND": Decimal("50250000.00")}


@pytest.mark.parametrize("profile", [
    FDI_IN_PARK, DOMESTIC_OUTSIDE,
    ProjectProfile(foreign_ownership_pct=Decimal("100"), zone_kind="industrial_park", environmental_group="II"),
    ProjectProfile(foreign_ownership_pct=Decimal("30"), land_area_m2=Decimal("5000"), needs_construction=False),
    # Domestic, in a park, on land: the land lease (DD-02) ends on the completion day off the listed path.
    ProjectProfile(zone_kind="industrial_park", land_area_m2=Decimal("30000")),
])
def test_every_step_without_slack_is_critical(demo_catalogue, profile):
    result = pathway.build(profile, START)
    for step in result.steps:
        dependents = [other for other in result.steps if step.code in other.requires]
        no_slack = step.ends == result.completion or any(
            other.critical and other.starts == step.ends for other in dependents)
        assert step.critical == no_slack, step.code
    assert all(step.critical for step in result.steps if step.code in result.critical_path)


def test_domestic_variant_skips_the_irc(demo_catalogue):
    result = pathway.build(DOMESTIC_OUTSIDE, START)
    codes = {step.code for step in result.steps}
    assert not codes & {"DT-03", "DT-04"}
    assert {"DT-01", "DN-01", "DD-01", "DD-02", "MT-01", "MT-03", "XD-01", "PC-01", "XD-02"} <= codes
    # The ERC's own prerequisite (the IRC) does not apply: it waits for what the IRC would have waited for.
    erc = next(step for step in result.steps if step.code == "DN-01")
    assert erc.requires == ["DT-01"]
    permit = next(step for step in result.steps if step.code == "XD-02")
    # Its own prerequisites that apply, plus DT-01 reached through the provincial environmental permit.
    assert set(permit.requires) == {"PC-01", "DD-02", "MT-03", "DT-01"}
    assert permit.starts == max(s.ends for s in result.steps if s.code in permit.requires)
    # Steps that end on the completion day are critical even off the one path listed as the critical path.
    last = [step for step in result.steps if step.ends == result.completion]
    assert last and all(step.critical for step in last)


def test_names_and_reasons_in_both_languages(demo_catalogue):
    result = pathway.build(FDI_IN_PARK, START)
    with translation.override("vi"):
        assert result.steps[0].procedure.name.startswith("Cấp Giấy chứng nhận đăng ký đầu tư")
        assert "vốn nước ngoài" in result.steps[0].reasons[0].text
    with translation.override("en"):
        assert result.steps[0].procedure.name.startswith("Investment registration certificate")


def test_a_law_change_is_a_new_version(demo_catalogue):
    before = pathway.build(FDI_IN_PARK, date(2025, 1, 6))
    after = pathway.build(FDI_IN_PARK, date(2025, 6, 2))
    erc_before = next(s for s in before.steps if s.code == "DN-01").procedure
    erc_after = next(s for s in after.steps if s.code == "DN-01").procedure
    assert erc_before.id != erc_after.id
    assert erc_before.agency_en == "Department of Planning and Investment"
    assert erc_after.agency_en == "Department of Finance"
    overlapping = Procedure(code="DN-01", name_vi="x", name_en="x", agency_id=erc_after.agency_id, time_limit=3,
                            effective_from=date(2025, 5, 1))
    with pytest.raises(ValidationError, match="Another version"):
        overlapping.clean()


def test_a_prerequisite_cycle_is_refused_naming_it(demo_catalogue):
    irc = Procedure.objects.get(code="DT-03")
    construction_notice = Procedure.objects.get(code="XD-03")
    # XD-03 requires (through MT-03 and MT-01) DT-03: DT-03 -> XD-03 closes a cycle.
    with pytest.raises(ValidationError) as excinfo:
        ProcedurePrerequisite.objects.create(procedure=irc, requires=construction_notice)
    message = " ".join(excinfo.value.messages)
    assert "cycle: DT-03 → XD-03 → " in message and message.endswith("→ DT-03.")
    assert not ProcedurePrerequisite.objects.filter(procedure=irc, requires=construction_notice).exists()
    with pytest.raises(ValidationError, match="DT-03 → DT-03"):
        ProcedurePrerequisite.objects.create(procedure=irc, requires=irc)


def test_rules_are_data_and_changes_reach_the_cached_catalogue(demo_catalogue):
    before = {s.code for s in pathway.build(FDI_IN_PARK, START).steps}
    assert "DT-02" not in before
    rule = ApplicabilityRule.objects.create(procedure=Procedure.objects.get(code="DT-02"),
                                            reason_vi="Ngành điện tử", reason_en="Electronics (test rule)")
    RuleCondition.objects.create(rule=rule, group=1, field="sector_code", operator="prefix", value="26,27")
    RuleCondition.objects.create(rule=rule, group=1, field="inside_zone", operator="eq", value="true")
    electronics = ProjectProfile(**{**FDI_IN_PARK.__dict__, "sector_code": "2610"})
    steps = {s.code: s for s in pathway.build(electronics, START).steps}
    assert "DT-02" in steps and steps["DT-02"].reasons[0].text_en == "Electronics (test rule)"
    # The IRC now waits for the policy approval.
    assert steps["DT-03"].requires == ["DT-02"]
    assert "DT-02" not in {s.code for s in pathway.build(FDI_IN_PARK, START).steps}


def test_a_negated_condition_reaches_the_pathway(demo_catalogue):
    """"Not" on a stored condition: the IRC inside a zone, for a project that is not foreign-controlled."""
    rule = ApplicabilityRule.objects.get(procedure__code="DT-03")
    rule.conditions.filter(field="is_foreign_controlled").update(negate=True)
    domestic = ProjectProfile(**{**FDI_IN_PARK.__dict__, "foreign_ownership_pct": Decimal("10")})
    assert "DT-03" in {s.code for s in pathway.build(domestic, START).steps}
    assert "DT-03" not in {s.code for s in pathway.build(FDI_IN_PARK, START).steps}


def test_bad_conditions_are_refused():
    condition = RuleCondition(field="capital_usd", operator="gt", value="abc")
    with pytest.raises(ValidationError, match="not a number"):
        condition.clean()


def test_catalogue_loads_in_constant_queries(demo_catalogue, django_assert_max_num_queries):
    catalogue.invalidate()
    with django_assert_max_num_queries(6):
        catalogue.current()
    with django_assert_max_num_queries(1):
        pathway.build(FDI_IN_PARK, START)


def test_profile_form_feeds_the_pathway(demo_catalogue):
    form = ProjectProfileForm({"foreign_ownership_pct": "60", "zone_kind": "industrial_park", "zone_id": "3",
                               "land_area_m2": "10000", "needs_construction": "on"})
    assert form.is_valid(), form.errors
    assert "DT-03" in {s.code for s in pathway.build(form.profile(), START).steps}


def test_demo_loader_is_idempotent(home_page):
    from licensing import demo
    from licensing.models import Application, CalendarException

    demo.load()
    counts = (Procedure.objects.count(), ApplicabilityRule.objects.count(), Application.objects.count(),
              CalendarException.objects.count(), ProcedurePrerequisite.objects.count())
    demo.load()
    assert counts == (Procedure.objects.count(), ApplicabilityRule.objects.count(), Application.objects.count(),
                      CalendarException.objects.count(), ProcedurePrerequisite.objects.count())
    assert counts[0] >= 12 and counts[2] == 400
    assert Procedure.objects.exclude(name_vi="").exclude(name_en="").count() == counts[0]


def test_the_admin_edits_a_rule_with_the_shared_panels(demo_catalogue, client, admin_user):
    """The applicability rule editor (the same rule and condition panels as the incentive rules) saves a
    negated condition in its own group, and the pathway follows it."""
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(admin_user)
    data = nested_form_data({
        "procedure": Procedure.objects.get(code="DT-02").pk, "active": "on",
        "reason_vi": "Không phải dự án nhóm IV", "reason_en": "Not a group IV project (test rule)",
        "conditions": inline_formset([
            {"group": "1", "field": "environmental_group", "operator": "eq", "value": "IV", "negate": "on"},
            {"group": "1", "field": "environmental_group", "operator": "in", "value": "I,II,III"},
            {"group": "2", "field": "high_tech", "operator": "eq", "value": "yes"}]),
    })
    response = client.post(reverse("wagtailsnippets_licensing_applicabilityrule:add"), data)
    assert response.status_code == 302, response.text[-2000:]
    rule = ApplicabilityRule.objects.get(reason_en="Not a group IV project (test rule)")
    assert sorted((c.group, c.negate) for c in rule.conditions.all()) == [(1, False), (1, True), (2, False)]
    group_one = ProjectProfile(environmental_group="III")
    assert "DT-02" in {s.code for s in pathway.build(group_one, START).steps}
    assert "DT-02" in {s.code for s in pathway.build(ProjectProfile(high_tech=True), START).steps}
    assert "DT-02" not in {s.code for s in pathway.build(ProjectProfile(environmental_group="IV"), START).steps}
