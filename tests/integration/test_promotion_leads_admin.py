"""The leads pipeline in the admin: who may read and who may change, the forms that move a lead, log an activity,
set the next action, edit it and link its registry project; the enquiry's "Make this a lead" button; the board
dashboard's items; and the demo leads."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from projects.models import Project
from promotion import demo_leads, pipeline
from promotion.models import Lead, LeadActivity, LeadStage
from promotion.wagtail_hooks import leads_work
from tests.factories_leads import lead, lead_officer, planned_project
from tests.factories_promotion import enquiry, officer


def refused(response) -> bool:
    """The admin answers a missing permission by sending the user to its home page with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def mai(db):
    return lead_officer("mai")


@pytest.fixture
def item(mai):
    return lead(mai, investor_name="Hanbit Electronics")


def test_without_view_lead_nothing_opens(client, item):
    client.force_login(officer("tam", "view_enquiry", "change_enquiry"))
    for url in (reverse("promotion_leads:list"), reverse("promotion_leads:detail", args=[item.pk]),
                reverse("promotion_leads:report"), reverse("promotion_leads:export", args=["csv"]),
                reverse("promotion_leads:export_figures", args=["xlsx"])):
        assert refused(client.get(url)), url
    client.logout()
    response = client.get(reverse("promotion_leads:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_reader_sees_the_lead_without_forms_and_cannot_change_it(client, item):
    reader = lead_officer("binh", "view_lead")
    client.force_login(reader)
    page = client.get(reverse("promotion_leads:detail", args=[item.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hanbit Electronics" in text
    assert 'data-testid="lead-forms"' not in text and 'data-testid="edit-link"' not in text
    assert "csrfmiddlewaretoken" not in text.split('data-testid="history"')[1]
    assert refused(client.post(reverse("promotion_leads:move", args=[item.pk]), {"stage": "qualified"}))
    assert refused(client.post(reverse("promotion_leads:activity", args=[item.pk]),
                               {"kind": "call", "date": "2026-01-05", "summary": "Called"}))
    assert refused(client.post(reverse("promotion_leads:next_action", args=[item.pk]),
                               {"next_action": "Call", "next_action_on": "2026-01-05"}))
    assert refused(client.get(reverse("promotion_leads:edit", args=[item.pk])))
    assert refused(client.post(reverse("promotion_leads:from_enquiry", args=[enquiry().pk])))
    assert refused(client.get(reverse("promotion_leads:add")))
    item.refresh_from_db()
    assert item.stage == LeadStage.ENQUIRY and not item.next_action and not LeadActivity.objects.exists()
    assert Lead.objects.count() == 1


def test_an_officer_moves_logs_plans_and_edits(client, mai, item):
    client.force_login(mai)
    detail = reverse("promotion_leads:detail", args=[item.pk])
    assert 'data-testid="lead-forms"' in client.get(detail).content.decode()
    assert client.post(reverse("promotion_leads:move", args=[item.pk]), {"stage": "qualified", "note": "Real"})[
        "Location"] == detail
    response = client.post(reverse("promotion_leads:move", args=[item.pk]), {"stage": "lost"}, follow=True)
    assert "Say why the lead was lost." in response.content.decode()
    client.post(reverse("promotion_leads:activity", args=[item.pk]),
                {"kind": "meeting", "date": "2026-01-05", "summary": "Met in Seoul"})
    client.post(reverse("promotion_leads:next_action", args=[item.pk]),
                {"next_action": "Send the lease", "next_action_on": "2026-01-20"})
    response = client.post(reverse("promotion_leads:edit", args=[item.pk]), {
        "investor_name": "Hanbit Precision", "country": "KR", "capital_usd": "2500000", "jobs": "300",
        "land_ha": "4", "likelihood": "60", "owner": mai.pk})
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert (item.stage, item.investor_name, item.likelihood, item.jobs) == ("qualified", "Hanbit Precision", 60, 300)
    assert (item.next_action, item.next_action_on) == ("Send the lease", date(2026, 1, 20))
    assert item.activities.get().summary == "Met in Seoul"
    assert item.stage_history.last().note == "Real"
    text = client.get(detail).content.decode()
    assert "Met in Seoul" in text and "Send the lease" in text


def test_a_country_that_is_no_iso_code_is_refused(client, mai, item):
    client.force_login(mai)
    response = client.post(reverse("promotion_leads:edit", args=[item.pk]), {
        "investor_name": "X", "country": "XX", "capital_usd": "1", "jobs": "1", "land_ha": "1", "likelihood": "10"})
    assert response.status_code == 200
    assert Lead.objects.get(pk=item.pk).country == "KR"


def test_find_and_link_the_registry_project(client, mai, item):
    project = planned_project("Hanbit components plant")
    client.force_login(mai)
    text = client.get(reverse("promotion_leads:detail", args=[item.pk]), {"project_q": "components"}).content.decode()
    assert project.code in text
    client.post(reverse("promotion_leads:link", args=[item.pk]), {"project": project.pk})
    item.refresh_from_db()
    assert item.project == project and item.stage == LeadStage.ENQUIRY
    client.post(reverse("promotion_leads:unlink", args=[item.pk]))
    assert Lead.objects.get(pk=item.pk).project is None


def test_make_an_enquiry_a_lead_from_its_page(client, mai):
    worker = lead_officer("hoa", "view_enquiry", "change_enquiry", "view_lead", "add_lead", "change_lead")
    asked = enquiry(name="Sato Haruki", organisation="Sakura Foods", country="JP",
                    profile={"capital_usd": "8000000", "employees": "250"})
    client.force_login(worker)
    page = client.get(reverse("promotion_admin:detail", args=[asked.pk])).content.decode()
    assert 'data-testid="make-lead"' in page
    response = client.post(reverse("promotion_leads:from_enquiry", args=[asked.pk]))
    made = Lead.objects.get(enquiry=asked)
    assert response["Location"] == reverse("promotion_leads:detail", args=[made.pk])
    assert (made.investor_name, made.jobs, made.owner) == ("Sato Haruki", 250, worker)
    page = client.get(reverse("promotion_admin:detail", args=[asked.pk])).content.decode()
    assert 'data-testid="make-lead"' not in page and 'data-testid="lead-link"' in page
    again = client.post(reverse("promotion_leads:from_enquiry", args=[asked.pk]))
    assert again["Location"] == reverse("promotion_leads:detail", args=[made.pk]) and Lead.objects.count() == 1
    clerk = lead_officer("lan", "view_enquiry")
    client.force_login(clerk)
    assert "Make this a lead" not in client.get(reverse("promotion_admin:detail", args=[asked.pk])).content.decode()


def test_list_filters(client, mai, item):
    other = lead(mai, investor_name="Sakura Foods", country="JP")
    pipeline.move(other, LeadStage.QUALIFIED, mai)
    pipeline.set_next_action(item, mai, "Call back", timezone.localdate() - timedelta(days=1))
    client.force_login(mai)
    url = reverse("promotion_leads:list")
    qualified = client.get(url, {"stage": "qualified"}).content.decode()
    assert "Sakura Foods" in qualified and "Hanbit Electronics" not in qualified
    overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert "Hanbit Electronics" in overdue and "Sakura Foods" not in overdue
    japan = client.get(url, {"country": "JP"}).content.decode()
    assert "Sakura Foods" in japan and "Hanbit Electronics" not in japan


def test_board_work_items(rf: RequestFactory, mai, item):
    request = rf.get("/admin/")
    request.user = officer("tam", "view_enquiry")
    assert leads_work(request) == []
    second = lead(mai, investor_name="Second")
    pipeline.move(second, LeadStage.QUALIFIED, mai)
    pipeline.set_next_action(second, mai, "Call", timezone.localdate() - timedelta(days=2))
    request.user = lead_officer("binh", "view_lead")
    items = {entry["label"]: entry for entry in leads_work(request)}
    assert [str(label) for label in items] == ["Next actions overdue", "Enquiry", "Qualified", "Site visit",
                                                "Committed"]
    assert items["Enquiry"]["count"] == 1 and items["Qualified"]["count"] == 1 and items["Committed"]["count"] == 0
    assert items["Qualified"]["url"] == reverse("promotion_leads:list") + "?stage=qualified"
    overdue = items["Next actions overdue"]
    assert (overdue["count"], overdue["tone"], str(overdue["group"])) == (1, "critical", "Leads")
    assert all(isinstance(entry["order"], int) for entry in items.values())


def test_demo_leads_load_once(db, mai):
    assert demo_leads.load() == len(demo_leads.LEADS)
    assert demo_leads.load() == 0
    assert Lead.objects.count() == len(demo_leads.LEADS)
    assert set(Lead.objects.values_list("stage", flat=True)) >= {"enquiry", "qualified", "site_visit",
                                                                 "committed", "lost"}
    assert all(lead_.notes.startswith(demo_leads.MARKER) for lead_ in Lead.objects.all())
    lost = Lead.objects.get(stage="lost")
    assert lost.lost_reason == "costs"
    assert LeadActivity.objects.exists()


def test_the_report_speaks_vietnamese(client, mai, item):
    profile = UserProfile.get_for_user(mai)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(mai)
    text = client.get(reverse("promotion_leads:report")).content.decode()
    assert "Tỷ lệ chuyển đổi giữa các giai đoạn" in text and "Yêu cầu → Đã xác minh" in text
    assert "1 dự án tiềm năng, tổng vốn" in text


def test_demo_leads_link_registry_projects_without_changing_them(demo_registry, mai):
    before = list(Project.objects.order_by("pk").values_list("pk", "status", "capital_usd"))
    demo_leads.load()
    linked = Lead.objects.filter(project__isnull=False)
    assert linked.exists() and all(lead_.stage in ("registered", "operating") for lead_ in linked)
    assert list(Project.objects.order_by("pk").values_list("pk", "status", "capital_usd")) == before
