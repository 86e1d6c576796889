"""No dead end for a new investor: a signed-up investor declares a planned project (from the kept profile or a
short form), records its investment registration at once and saves the plan to it; the planned project stays
out of the registry's statistics until the authority registers it, and then counts once, with its applications.
Only the owner sees or changes it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from licensing import services
from licensing.models import Application, SavedPathway
from projects.choices import ProjectStatus
from projects.models import Investor, InvestorMembership, Project
from projects.services import Filters, Period, save_project, summary
from projects.statistics import project_rows
from tests.factories_licensing import investor_with_project, load_catalogue, user

pytestmark = pytest.mark.django_db

PROFILE = {"submitted": "1", "foreign_ownership_pct": "100", "zone_kind": "industrial_park", "sector_code": "",
           "capital_usd": "20000000", "employees": "400", "land_area_m2": "30000", "difficult_area": "no",
           "high_tech": "no", "needs_construction": "yes", "environmental_group": ""}


def new_investor(username: str, country: str = "KR"):
    """A signed-up investor with no project, as the sign-up leaves them."""
    account = user(username)
    company = Investor.objects.create(name_vi=f"{username} Co", name_en=f"{username} Co", country=country,
                                      kind="foreign_enterprise")
    InvestorMembership.objects.create(investor=company, user=account, role="owner")
    return account


EVER = Period.custom(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))


def registry_count() -> int:
    """The projects the registry's statistics count."""
    return summary(EVER, Filters())["projects"]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_new_investor_declares_a_planned_project_and_records_its_registration_at_once(client, language):
    load_catalogue()
    client.force_login(new_investor(f"new-{language}"))
    assert list(client.get(f"/{language}/licensing/my/applications/new/").context["form"]
                .fields["project"].queryset) == []
    page = client.get(f"/{language}/licensing/my/projects/new/")
    assert page.status_code == 200
    assert ("Declare a planned project" if language == "en" else "Khai báo dự án dự kiến") in page.content.decode()

    response = client.post(f"/{language}/licensing/my/projects/new/", {
        "name": "Solar glass plant", "capital_usd": "5000000", "land_area_m2": "20000", "foreign_share_pct": "60"})
    planned = Project.objects.get(name_en="Solar glass plant")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/licensing/my/applications/new/?project={planned.pk}"
    assert (planned.status, planned.capital_usd, planned.foreign_share_pct) == (
        ProjectStatus.PLANNED, Decimal("5000000.00"), Decimal("60.00"))

    form = client.get(response["Location"]).context["form"]
    assert list(form.fields["project"].queryset) == [planned] and form.initial["project"] == str(planned.pk)
    recorded = client.post(response["Location"], {"project": planned.pk, "procedure": "DT-03",
                                                  "submitted_on": datetime.date.today().isoformat()})
    application = Application.objects.get(project=planned)
    assert recorded["Location"] == f"/{language}/licensing/my/applications/{application.pk}/"
    assert application.procedure.code == "DT-03"
    # A planned project is not in the registry's figures, nor on the public site.
    assert registry_count() == 0
    assert client.get(f"/{language}/projects/{planned.pk}/").status_code == 404


def test_the_form_is_filled_in_from_the_kept_profile(client):
    client.force_login(new_investor("kept"))
    client.get("/en/licensing/plan/", PROFILE)  # a submitted profile is kept
    initial = client.get("/en/licensing/my/projects/new/").context["form"].initial
    assert (initial["capital_usd"], initial["land_area_m2"], initial["foreign_share_pct"]) == (
        "20000000", "30000", "100")


@pytest.mark.parametrize(("language", "button"), [("en", "Save this plan to my project"),
                                                  ("vi", "Lưu kế hoạch này vào dự án của tôi")])
def test_saving_the_plan_makes_a_planned_project_whose_page_shows_the_plans_procedures(client, language, button):
    load_catalogue()
    client.force_login(new_investor(f"saver-{language}"))
    plan = f"/{language}/licensing/plan/"
    html = client.get(plan, PROFILE).content.decode()
    assert button in html and 'name="csrfmiddlewaretoken"' in html

    response = client.post(f"{plan}?submitted=1&" + "&".join(f"{k}={v}" for k, v in PROFILE.items()),
                           {"project": ""})
    planned = Project.objects.get(status=ProjectStatus.PLANNED)
    assert response["Location"] == f"/{language}/licensing/my/projects/{planned.pk}/"
    saved = SavedPathway.objects.get(project=planned)
    assert saved.profile["capital_usd"] == "20000000" and planned.capital_usd == Decimal("20000000.00")

    page = client.get(response["Location"])
    codes = [item["procedure"].code for item in page.context["progress"]]
    assert "DT-03" in codes and set(codes) == set(saved.procedures.values_list("code", flat=True))
    assert f'href="/{language}/licensing/plan/?project={planned.pk}"' in page.content.decode()
    # Saved again: the same project keeps the new plan, no second project.
    client.post(f"{plan}?" + "&".join(f"{k}={v}" for k, v in PROFILE.items()), {"project": planned.pk})
    assert Project.objects.count() == 1 and planned.saved_pathways.count() == 2


def test_registering_the_planned_project_keeps_its_applications_and_counts_it_once(client):
    load_catalogue()
    account = new_investor("registered")
    planned = services.declare_project(account, name="Cable factory", capital_usd=Decimal("3000000"))
    application = services.record_application(account, planned, "DT-03", datetime.date(2026, 3, 2))
    assert registry_count() == 0 and planned.capital_changes.count() == 0
    # The authority edits it without registering it: still outside the registry's figures and tables.
    planned.exchange_rate = Decimal("25000")
    planned.save()
    save_project(planned, status=ProjectStatus.PLANNED)
    assert registry_count() == 0 and planned.capital_changes.count() == 0
    assert not project_rows(EVER).exists()
    save_project(planned, status=ProjectStatus.REGISTERED)  # the authority's editor saves through this

    planned.refresh_from_db()
    assert planned.status == ProjectStatus.REGISTERED and Project.objects.count() == 1
    assert list(planned.applications.all()) == [application]
    assert registry_count() == 1 and [row["id"] for row in project_rows(EVER)] == [planned.pk]
    assert planned.capital_changes.get().amount_usd == Decimal("3000000.00")
    assert list(planned.status_history.values_list("from_status", "to_status"))[-1] == (
        ProjectStatus.PLANNED, ProjectStatus.REGISTERED)


def test_only_the_owner_sees_and_changes_a_planned_project(client):
    load_catalogue()
    owner = new_investor("owner")
    planned = services.declare_project(owner, name="Owner's plant")
    client.force_login(user("intruder-staff"))  # signed in, acting for no investor
    assert client.get(reverse("licensing:project_new")).status_code == 403
    assert client.post("/en/licensing/plan/?" + "&".join(f"{k}={v}" for k, v in PROFILE.items()),
                       {"project": ""}).status_code == 403

    other, _company, _project = investor_with_project("intruder")
    client.force_login(other)
    assert client.get(reverse("licensing:my_project", args=[planned.pk])).status_code == 404
    client.post("/en/licensing/plan/?" + "&".join(f"{k}={v}" for k, v in PROFILE.items()),
                {"project": planned.pk})
    assert not planned.saved_pathways.exists()
    client.post(reverse("licensing:application_new"), {"project": planned.pk, "procedure": "DT-03",
                                                       "submitted_on": "2026-03-02"})
    assert not planned.applications.exists()

    client.logout()
    assert client.get(reverse("licensing:project_new"))["Location"].startswith(reverse("licensing:signin"))
    client.force_login(owner)
    assert client.get(reverse("licensing:my_project", args=[planned.pk])).status_code == 200
