"""Admin screens: listings, and the project editor's share / kind / status guards and after-save sync."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from projects.models import CapitalChange, Project
from tests.factories_projects import investor, make_sectors, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user, home_page):
    make_sectors()
    client.force_login(admin_user)
    return client


def form(inv, share="100", kind="fdi", status="registered", shares=None, **extra):
    data = {"name_vi": "Nhà máy", "name_en": "Plant", "code": "ADM-1", "kind": kind, "sector": "",
            "shares": shares or inline_formset([{"investor": inv.pk, "share_pct": share}]),
            "capital_changes": inline_formset([]), "currency": "USD", "registered_capital": "1000000",
            "exchange_rate": "23000", "exchange_rate_date": "2022-01-05", "disbursed_vnd": "0",
            "disbursed_usd": "0", "status": status, "registered_on": "2022-01-05", "policy_decision_number": "",
            "policy_approved_on": "", "certificate_number": "", "certificate_date": "",
            "construction_started_on": "", "operating_since": "", "suspended_on": "", "terminated_on": "",
            "lon": "", "lat": "", "commune": "", "land_area_m2": "", "planned_employees": "10",
            "private_notes": ""}
    data.update(extra)
    return nested_form_data(data)


def test_listings_render(admin_client):
    project("L-1")
    for name in ("wagtailsnippets_projects_project:list", "wagtailsnippets_projects_investor:list",
                 "wagtailsnippets_projects_investormembership:list",
                 "capital_changes:index", "projects_import:upload"):
        response = admin_client.get(reverse(name))
        assert response.status_code == 200, name
    assert "L-1" in admin_client.get(reverse("wagtailsnippets_projects_project:list") + "?q=L-1").content.decode()


def test_admin_create_validates_shares_and_syncs(admin_client):
    korean = investor("Hanil", "KR")
    url = reverse("wagtailsnippets_projects_project:add")
    response = admin_client.post(url, form(korean, share="90"))
    assert response.status_code == 200 and not Project.objects.exists()
    assert "not 100%" in response.content.decode()
    response = admin_client.post(url, form(korean, kind="domestic"))
    assert not Project.objects.exists()
    response = admin_client.post(url, form(korean))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Project.objects.get(code="ADM-1")
    assert created.kind == "fdi" and created.lead_country == "KR" and created.capital_vnd == 23_000_000_000
    assert CapitalChange.objects.filter(project=created, kind="new").count() == 1
    assert created.status_history.count() == 1
    # An illegal status move is refused by the editor.
    edit = reverse("wagtailsnippets_projects_project:edit", args=[created.pk])
    created.status = "terminated"
    created.save()
    share = created.shares.get()
    shares = inline_formset([{"id": share.pk, "investor": korean.pk, "share_pct": "100"}], initial=1)
    response = admin_client.post(edit, form(korean, status="operating", shares=shares))
    assert response.status_code == 200 and "cannot move" in response.content.decode()
    assert Project.objects.get(pk=created.pk).status == "terminated"
    # A legal edit goes through and the history follows.
    created.status = "registered"
    created.save()
    response = admin_client.post(edit, form(korean, status="operating", shares=shares))
    assert response.status_code == 302
    assert created.status_history.order_by("-pk").first().to_status == "operating"
