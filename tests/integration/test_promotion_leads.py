"""The leads pipeline's rules: a lead made from an enquiry, the transitions table with its typed refusals, the
reason a lost lead needs, registration that needs a registered project, and the lead that follows its registry
project when the authority registers it and when it starts operating."""

from datetime import date
from decimal import Decimal

import pytest

from projects.choices import ProjectStatus
from projects.services import change_status
from promotion import pipeline
from promotion.models import ActivityKind, AftercareAccount, Lead, LeadStage, LostReason
from tests.factories import zone_index
from tests.factories_leads import lead, lead_officer, planned_project, registered_project
from tests.factories_projects import make_sectors
from tests.factories_promotion import enquiry, officer
from tests.factories_zones import make_zone


@pytest.fixture
def mai(db):
    return lead_officer("mai")


def stages(item: Lead) -> list[tuple[str, str]]:
    return list(item.stage_history.values_list("from_stage", "to_stage"))


def test_the_transitions_table_allows_the_funnel_and_refuses_the_rest(mai):
    item = lead(mai)
    pipeline.move(item, LeadStage.QUALIFIED, mai)
    pipeline.move(item, LeadStage.SITE_VISIT, mai, note="Visited VSIP III")
    with pytest.raises(pipeline.IllegalMove):
        pipeline.move(item, LeadStage.ENQUIRY, mai)
    with pytest.raises(pipeline.IllegalMove):
        pipeline.move(item, LeadStage.OPERATING, mai)
    with pytest.raises(pipeline.IllegalMove):
        pipeline.move(item, "won", mai)
    pipeline.move(item, LeadStage.COMMITTED, mai)
    item.refresh_from_db()
    assert item.stage == LeadStage.COMMITTED
    assert stages(item) == [("", "enquiry"), ("enquiry", "qualified"), ("qualified", "site_visit"),
                            ("site_visit", "committed")]
    assert item.stage_history.get(to_stage="site_visit").note == "Visited VSIP III"
    assert item.stage_since == item.stage_history.last().at


def test_every_allowed_move_of_the_table_is_allowed_and_no_other(mai):
    for origin in LeadStage:
        for target in LeadStage:
            allowed = target in pipeline.ALLOWED_MOVES[origin]
            if target in (LeadStage.REGISTERED, LeadStage.OPERATING, LeadStage.LOST) or origin == target:
                continue  # their own conditions are tested below
            item = lead(mai)
            Lead.objects.filter(pk=item.pk).update(stage=origin)
            item.refresh_from_db()
            if allowed:
                pipeline.move(item, target, mai)
                assert Lead.objects.get(pk=item.pk).stage == target
            else:
                with pytest.raises(pipeline.IllegalMove):
                    pipeline.move(item, target, mai)
                assert Lead.objects.get(pk=item.pk).stage == origin


def test_a_lost_lead_needs_a_reason_and_may_be_reopened(mai):
    item = lead(mai)
    with pytest.raises(pipeline.LeadError):
        pipeline.move(item, LeadStage.LOST, mai)
    with pytest.raises(pipeline.LeadError):
        pipeline.move(item, LeadStage.LOST, mai, lost_reason=LostReason.OTHER)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.ENQUIRY
    pipeline.move(item, LeadStage.LOST, mai, lost_reason=LostReason.OTHER_COUNTRY, lost_note="Chose Thailand")
    item.refresh_from_db()
    assert (item.stage, item.lost_reason, item.lost_note) == ("lost", "other_country", "Chose Thailand")
    pipeline.move(item, LeadStage.QUALIFIED, mai, note="Came back")
    item.refresh_from_db()
    assert (item.stage, item.lost_reason, item.lost_note) == ("qualified", "", "")


def test_registered_needs_a_linked_project_that_is_registered(mai):
    item = lead(mai, stage=LeadStage.COMMITTED)
    with pytest.raises(pipeline.IllegalMove):
        pipeline.move(item, LeadStage.REGISTERED, mai)
    planned = planned_project()
    pipeline.link_project(item, planned, mai)
    with pytest.raises(pipeline.IllegalMove, match="not registered"):
        pipeline.move(item, LeadStage.REGISTERED, mai)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.COMMITTED
    Lead.objects.filter(pk=item.pk).update(project=None)
    item.refresh_from_db()
    done = registered_project("REG-1")
    Lead.objects.filter(pk=item.pk).update(project=done)  # linked without the service's syncing
    item.refresh_from_db()
    pipeline.move(item, LeadStage.REGISTERED, mai)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.REGISTERED


def test_the_lead_follows_its_project_when_the_registry_registers_it_and_when_it_operates(mai):
    item = lead(mai, stage=LeadStage.SITE_VISIT)
    planned = planned_project()
    pipeline.link_project(item, planned, mai)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.SITE_VISIT  # planned: nothing moves
    registrar = officer("registrar")
    change_status(planned, ProjectStatus.REGISTERED, actor=registrar)
    item.refresh_from_db()
    assert item.stage == LeadStage.REGISTERED
    last = item.stage_history.last()
    assert (last.from_stage, last.to_stage, last.actor) == ("site_visit", "registered", registrar)
    assert planned.code in last.note
    change_status(planned, ProjectStatus.UNDER_CONSTRUCTION)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.REGISTERED
    change_status(planned, ProjectStatus.OPERATING)
    item.refresh_from_db()
    assert item.stage == LeadStage.OPERATING
    assert stages(item)[-2:] == [("site_visit", "registered"), ("registered", "operating")]


def test_a_project_operating_straight_away_moves_the_lead_through_registered(mai):
    item = lead(mai, stage=LeadStage.COMMITTED)
    project = registered_project("REG-2")
    pipeline.link_project(item, project, mai)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.REGISTERED  # linking a registered project syncs
    change_status(project, ProjectStatus.OPERATING)
    item.refresh_from_db()
    assert item.stage == LeadStage.OPERATING


@pytest.mark.parametrize(("codenames", "named"), [
    (("view_lead", "change_lead", "add_lead", "view_aftercareissue", "change_aftercareissue"), True),
    (("view_lead", "change_lead", "add_lead"), False)], ids=["works-aftercare", "leads-only"])
def test_the_leads_owner_becomes_the_account_officer_when_the_project_operates(db, codenames, named):
    owner = lead_officer("owner", *codenames)
    item = lead(owner, stage=LeadStage.COMMITTED, owner=owner)
    project = registered_project("REG-3")
    pipeline.link_project(item, project, owner)
    assert not AftercareAccount.objects.exists()  # registered is not yet aftercare
    change_status(project, ProjectStatus.OPERATING)
    account = AftercareAccount.objects.filter(project=project).first()
    assert (account.officer if account else None) == (owner if named else None)


def test_a_named_account_officer_stays_when_the_lead_reaches_operating(db):
    owner = lead_officer("owner2", "view_lead", "change_lead", "add_lead", "change_aftercareissue")
    keeper = lead_officer("keeper", "change_aftercareissue")
    item = lead(owner, stage=LeadStage.COMMITTED, owner=owner)
    project = registered_project("REG-4")
    change_status(project, ProjectStatus.OPERATING)
    AftercareAccount.objects.create(project=project, officer=keeper)
    pipeline.link_project(item, project, owner)
    assert AftercareAccount.objects.get(project=project).officer == keeper


def test_a_project_of_no_lead_or_a_terminated_plan_moves_nothing(mai):
    item = lead(mai, stage=LeadStage.COMMITTED)
    other = planned_project("Other plant")
    change_status(other, ProjectStatus.REGISTERED)
    planned = planned_project("Dropped plant")
    pipeline.link_project(item, planned, mai)
    change_status(planned, ProjectStatus.TERMINATED)
    item.refresh_from_db()
    assert item.stage == LeadStage.COMMITTED
    assert len(stages(item)) == 1


def test_one_lead_per_project(mai):
    project = planned_project()
    pipeline.link_project(lead(mai), project, mai)
    with pytest.raises(pipeline.LeadError, match="already linked"):
        pipeline.link_project(lead(mai, investor_name="Other"), project, mai)


def test_lead_from_enquiry_reads_the_enquiry_and_its_profile(mai, home_page):
    sectors = make_sectors()
    zone = make_zone(zone_index(home_page), "vsip-iii", "VSIP III")
    item = enquiry(name="Kim Min-jun", organisation="Hanbit Electronics", country="KR", zone_code="VSIP-III",
                   profile={"capital_usd": "20000000", "employees": "400", "land_area_m2": "5",
                            "land_unit": "ha", "sector_code": "2610", "foreign_ownership_pct": "100"})
    made = pipeline.lead_from_enquiry(item, mai)
    assert (made.investor_name, made.organisation, made.country) == ("Kim Min-jun", "Hanbit Electronics", "KR")
    assert (made.capital_usd, made.jobs, made.land_ha) == (Decimal("20000000"), 400, Decimal("5.00"))
    assert made.sector == sectors["2610"]
    assert list(made.zones_considered.all()) == [zone]
    assert (made.stage, made.owner, made.enquiry) == (LeadStage.ENQUIRY, mai, item)
    assert stages(made) == [("", "enquiry")]
    assert pipeline.lead_from_enquiry(item, mai) == made  # one lead per enquiry
    assert Lead.objects.count() == 1


def test_lead_from_an_enquiry_without_a_profile_and_with_land_in_square_metres(mai):
    bare = pipeline.lead_from_enquiry(enquiry(country=""), mai)
    assert (bare.capital_usd, bare.jobs, bare.land_ha, bare.sector, bare.country) == (0, 0, 0, None, "")
    metres = pipeline.lead_from_enquiry(enquiry(profile={"land_area_m2": "25000", "land_unit": "m2"}), mai)
    assert metres.land_ha == Decimal("2.50")


def test_only_officers_who_may_change_leads_change_them(db, mai):
    reader = lead_officer("binh", "view_lead")
    item = lead(mai)
    with pytest.raises(pipeline.LeadError):
        pipeline.move(item, LeadStage.QUALIFIED, reader)
    with pytest.raises(pipeline.LeadError):
        pipeline.log_activity(item, reader, kind=ActivityKind.CALL, summary="Called")
    with pytest.raises(pipeline.LeadError):
        pipeline.lead_from_enquiry(enquiry(), reader)
    assert Lead.objects.get(pk=item.pk).stage == LeadStage.ENQUIRY and not item.activities.exists()


def test_activities_and_next_action(mai):
    item = lead(mai)
    pipeline.log_activity(item, mai, kind=ActivityKind.MEETING, summary="Met the CFO in Seoul")
    with pytest.raises(pipeline.LeadError):
        pipeline.log_activity(item, mai, kind="party", summary="x")
    with pytest.raises(pipeline.LeadError):
        pipeline.set_next_action(item, mai, "Send the land offer", None)
    pipeline.set_next_action(item, mai, "Send the land offer", date(2026, 2, 1))
    item.refresh_from_db()
    assert (item.next_action, item.next_action_on) == ("Send the land offer", date(2026, 2, 1))
    assert list(Lead.objects.overdue(date(2026, 2, 2))) == [item]
    assert not Lead.objects.overdue(date(2026, 2, 1)).exists()
    assert item.activities.get().kind == ActivityKind.MEETING
