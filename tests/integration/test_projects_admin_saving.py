"""The project editor saves through one service: an edit in the Wagtail admin moves the status with its
history row, leases the plots chosen and frees the ones released, and the search index follows (signals ->
on_commit -> a real Celery worker -> the embedded backend). Each test lets the worker settle before it acts:
a reindexing task left over from the setup would otherwise read the new figures and hide a missing signal."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from projects.models import Project
from projects.services import lease_plots
from search.backends.base import SearchQuery
from search.services import search
from tests.factories import zone_index
from tests.factories_projects import project
from tests.factories_zones import make_plots, make_zone
from tests.waiting import wait_until
from zones.choices import PlotStatus
from zones.models import Plot


def edit_form(p: Project, *, status: str, plots: list[Plot]) -> dict:
    """The editor's fields as they stand for ``p``, with another status and plots."""
    share = p.shares.get()
    changes = [{"id": c.pk, "kind": c.kind, "date": c.date.isoformat(), "currency": c.currency,
                "amount": str(c.amount), "exchange_rate": str(c.exchange_rate), "note": c.note}
               for c in p.capital_changes.order_by("pk")]
    data = {"name_vi": p.name_vi, "name_en": p.name_en, "code": p.code, "kind": p.kind, "sector": "",
            "shares": inline_formset([{"id": share.pk, "investor": share.investor_id, "share_pct": "100"}],
                                     initial=1),
            "capital_changes": inline_formset(changes, initial=len(changes)), "currency": p.currency,
            "registered_capital": str(p.registered_capital), "exchange_rate": str(p.exchange_rate),
            "exchange_rate_date": p.exchange_rate_date.isoformat(), "disbursed_vnd": "0", "disbursed_usd": "0",
            "status": status, "registered_on": p.registered_on.isoformat(), "policy_decision_number": "",
            "policy_approved_on": "", "certificate_number": "", "certificate_date": "",
            "construction_started_on": "2024-02-01", "operating_since": "", "suspended_on": "",
            "terminated_on": "", "lon": "", "lat": "", "commune": "", "land_area_m2": "",
            "planned_employees": "10", "private_notes": ""}
    form = nested_form_data(data)
    form["plots"] = [plot.pk for plot in plots]
    return form


def zone_available_ha(zone) -> float | None:
    """The zone's available land as its English search document says."""
    hits = [hit for hit in search(SearchQuery(filters={"type": ("zone",)}, locale="en")).hits
            if hit.object_id == str(zone.pk)]
    return float(hits[0].available_land_ha) if hits and hits[0].available_land_ha is not None else None


def project_status(p: Project) -> str | None:
    """The project's status as its English search document says."""
    hits = [hit for hit in search(SearchQuery(filters={"type": ("project",)}, locale="en")).hits
            if hit.object_id == str(p.pk)]
    return hits[0].status if hits else None


@pytest.mark.smoke
def test_an_admin_edit_moves_the_status_leases_and_frees_plots_and_reindexes(worker_settled, home_page, client,
                                                                            admin_user):
    zone = make_zone(zone_index(home_page), "edit-park")
    first, second, third = make_plots(zone, 3, side_m=100)  # 1 ha each
    p = project("ADM-PL-1", shares=None)
    lease_plots(p, [first])
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(2.0, abs=0.01), timeout=40,
               message="the zone's index document counting one plot leased")
    wait_until(lambda: project_status(p) == "registered", timeout=40, message="the project's index document")
    worker_settled()

    client.force_login(admin_user)
    url = reverse("wagtailsnippets_projects_project:edit", args=[p.pk])
    response = client.post(url, edit_form(p, status="under_construction", plots=[second, third]))
    assert response.status_code == 302, response.content.decode()[:3000]

    statuses = dict(Plot.objects.filter(zone=zone).values_list("code", "status"))
    assert statuses == {first.code: PlotStatus.AVAILABLE, second.code: PlotStatus.LEASED,
                        third.code: PlotStatus.LEASED}
    assert set(p.plots.values_list("code", flat=True)) == {second.code, third.code}
    row = p.status_history.order_by("-pk").first()
    assert (row.from_status, row.to_status, row.actor, str(row.date)) == (
        "registered", "under_construction", admin_user, "2024-02-01")
    assert p.status_history.count() == 2
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(1.0, abs=0.01), timeout=40,
               message="the zone's index document counting the plots leased in the admin")
    wait_until(lambda: project_status(p) == "under_construction", timeout=40,
               message="the project's index document showing its new status")


def test_terminating_a_project_in_the_admin_frees_its_plots(worker_settled, home_page, client, admin_user):
    zone = make_zone(zone_index(home_page), "end-park")
    plots = make_plots(zone, 2, side_m=100)
    p = project("ADM-PL-2")
    lease_plots(p, plots)
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(0.0, abs=0.01), timeout=40,
               message="the zone's index document with every plot leased")
    worker_settled()

    client.force_login(admin_user)
    form = edit_form(p, status="terminated", plots=plots)
    form["terminated_on"] = "2024-06-30"
    response = client.post(reverse("wagtailsnippets_projects_project:edit", args=[p.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]

    assert set(Plot.objects.filter(zone=zone).values_list("status", flat=True)) == {PlotStatus.AVAILABLE}
    row = p.status_history.order_by("-pk").first()
    assert (row.to_status, str(row.date)) == ("terminated", "2024-06-30")
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(2.0, abs=0.01), timeout=40,
               message="the zone's index document with the terminated project's plots free again")


def test_the_editor_refuses_a_plot_another_project_holds(home_page, client, admin_user):
    zone = make_zone(zone_index(home_page), "taken-park")
    (plot,) = make_plots(zone, 1)
    holder, other = project("ADM-PL-3"), project("ADM-PL-4")
    lease_plots(holder, [plot])

    client.force_login(admin_user)
    response = client.post(reverse("wagtailsnippets_projects_project:edit", args=[other.pk]),
                           edit_form(other, status="registered", plots=[plot]))
    assert response.status_code == 200
    assert "leased to another project" in response.content.decode()
    assert list(holder.plots.all()) == [plot] and not other.plots.exists()


def test_lease_plots_reaches_the_zone_s_search_document(worker_settled, home_page):
    """The service alone (no admin): freeing a project's plots in bulk still reindexes its zone."""
    zone = make_zone(zone_index(home_page), "bulk-park")
    plots = make_plots(zone, 2, side_m=100)
    p = project("SV-PL-1")
    lease_plots(p, plots)
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(0.0, abs=0.01), timeout=40,
               message="the zone's index document with both plots leased")
    worker_settled()
    lease_plots(p, [])
    wait_until(lambda: zone_available_ha(zone) == pytest.approx(2.0, abs=0.01), timeout=40,
               message="the zone's index document with both plots free")
