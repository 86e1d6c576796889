"""Admin screens: listings, and the project editor's share / kind / status guards and after-save sync."""

from decimal import Decimal

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


def _change_rows(p):
    return [{"id": c.pk, "kind": c.kind, "date": c.date.isoformat(), "currency": c.currency, "amount": str(c.amount),
             "exchange_rate": str(c.exchange_rate), "note": c.note} for c in p.capital_changes.order_by("pk")]


def test_a_registered_project_s_capital_is_the_total_of_its_changes(admin_client):
    korean = investor("Hanil", "KR")
    admin_client.post(reverse("wagtailsnippets_projects_project:add"), form(korean))
    created = Project.objects.get(code="ADM-1")
    edit = reverse("wagtailsnippets_projects_project:edit", args=[created.pk])
    page = admin_client.get(edit).content.decode()
    assert 'name="registered_capital"' in page and "disabled" in page.split('name="registered_capital"')[1][:200]
    share = created.shares.get()
    shares = inline_formset([{"id": share.pk, "investor": korean.pk, "share_pct": "100"}], initial=1)
    rows = _change_rows(created)
    # Typing another registered capital changes nothing: it is the total of the changes.
    response = admin_client.post(edit, form(korean, shares=shares, registered_capital="9",
                                            capital_changes=inline_formset(rows, initial=1)))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.registered_capital == 1_000_000 and created.capital_vnd == 23_000_000_000
    # Correcting the new registration and adding an increase in the editor: the total follows.
    rows[0]["amount"] = "1200000"
    increase = {"kind": "increase", "date": "2023-02-01", "currency": "USD", "amount": "300000",
                "exchange_rate": "24000", "note": ""}
    response = admin_client.post(edit, form(korean, shares=shares,
                                            capital_changes=inline_formset([*rows, increase], initial=1)))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.registered_capital == 1_500_000 and created.capital_usd == 1_500_000
    assert created.capital_vnd == 1_200_000 * 23_000 + 300_000 * 24_000
    # A second new registration is refused and nothing changes.
    second = {**increase, "kind": "new"}
    response = admin_client.post(edit, form(korean, shares=shares, capital_changes=inline_formset(
        [*_change_rows(created), second], initial=2)))
    assert response.status_code == 200 and "one new registration" in response.content.decode()
    assert created.capital_changes.count() == 2


def test_capital_changes_edited_on_their_own_keep_the_project_total(admin_client):
    p = project("CC-1", capital=Decimal("1000000"))
    add = reverse("capital_changes:add")
    change = {"project": p.pk, "date": "2022-03-01", "currency": "USD", "exchange_rate": "23000", "note": ""}
    response = admin_client.post(add, {**change, "kind": "increase", "amount": "250000"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.registered_capital == 1_250_000
    # Below zero: the form says so and nothing is saved.
    response = admin_client.post(add, {**change, "kind": "decrease", "amount": "2000000"})
    assert response.status_code == 200 and "larger than the registered capital" in response.content.decode()
    assert p.capital_changes.count() == 2
    # A second new registration is refused.
    response = admin_client.post(add, {**change, "kind": "new", "amount": "5"})
    assert response.status_code == 200 and "already has its new registration" in response.content.decode()
    # Editing and deleting follow too; the new registration itself cannot be deleted.
    increase = p.capital_changes.get(kind="increase")
    response = admin_client.post(reverse("capital_changes:edit", args=[increase.pk]),
                                 {**change, "kind": "increase", "amount": "100000"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.registered_capital == 1_100_000
    admin_client.post(reverse("capital_changes:delete", args=[increase.pk]))
    p.refresh_from_db()
    assert p.registered_capital == 1_000_000 and not p.capital_changes.filter(kind="increase").exists()
    new = p.capital_changes.get(kind="new")
    response = admin_client.post(reverse("capital_changes:delete", args=[new.pk]), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert p.capital_changes.filter(pk=new.pk).exists()
    # Deleting an increase that a later decrease needs is refused as a whole, with no success message.
    admin_client.post(add, {**change, "kind": "increase", "amount": "500000"})
    admin_client.post(add, {**change, "kind": "decrease", "amount": "1200000"})
    p.refresh_from_db()
    assert p.registered_capital == 300_000
    increase = p.capital_changes.get(kind="increase")
    response = admin_client.post(reverse("capital_changes:delete", args=[increase.pk]), follow=True)
    page = response.content.decode()
    assert "larger than the registered capital" in page and "deleted" not in page.lower()
    p.refresh_from_db()
    assert p.registered_capital == 300_000 and p.capital_changes.filter(pk=increase.pk).exists()
