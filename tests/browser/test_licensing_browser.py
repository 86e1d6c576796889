"""The investor's journey in a real browser: plan a pathway from a zone page, sign in, save it, see an
application's timeline after an officer's move, and the performance charts; nothing leaves the server."""

from datetime import date

import pytest

from licensing import services
from licensing.models import ApplicationStatus
from portal import demo
from tests.factories import zone_index
from tests.factories_licensing import PASSWORD, investor_with_project, load_catalogue, officer
from tests.factories_zones import make_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.smoke
def test_plan_sign_in_save_track_and_performance(browser_page):
    home = demo.ensure_home_pages()
    zone = make_zone(zone_index(home), "minh-hung-iii", "Minh Hung III")
    load_catalogue()
    investor, _company, project = investor_with_project("br-investor")
    clerk = officer("br-clerk", "bql-kkt")
    page = browser_page.page

    # Plan from the zone page: the zone's id and kind come along.
    browser_page.goto(zone.url)
    page.get_by_role("link", name="Plan your project").click()
    page.wait_for_url("**/licensing/plan/**")
    assert page.locator("#id_zone_kind").input_value() == "industrial_park"
    assert page.locator("#id_zone_id").input_value() == str(zone.pk)
    page.fill("#id_foreign_ownership_pct", "100")
    page.select_option("#id_environmental_group", "II")
    page.get_by_role("button", name="Show my pathway").click()
    page.wait_for_load_state("networkidle")
    assert page.locator('.step[data-code="DT-03"]').is_visible()
    assert page.locator(".step.critical").count() >= 2
    plan_url = page.url

    # Sign in and save the pathway to the investor's project.
    page.locator("#main").get_by_role("link", name="Sign in").click()  # the header has one too
    page.fill("#id_username", investor.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    assert page.url == plan_url
    page.select_option("#id_project", str(project.pk))
    page.get_by_role("button", name="Save this plan to my project").click()
    page.wait_for_url(f"**/licensing/my/projects/{project.pk}/")
    assert page.locator("td.state-not_started").count() >= 3

    # The investor records the IRC dossier; the zone board's officer receives it.
    application = services.record_application(investor, project, "DT-03", date.today())
    services.officer_transition(clerk, application, ApplicationStatus.RECEIVED, "Hồ sơ đầy đủ / complete")
    browser_page.goto(f"/en/licensing/my/applications/{application.pk}/")
    assert page.get_by_test_id("status").inner_text() == "Received"
    assert "complete" in page.get_by_test_id("timeline").inner_text()
    assert page.get_by_test_id("due-date").inner_text() != "—"
    browser_page.goto("/en/licensing/my/")
    assert page.locator("td.state-in_progress").count() == 1

    # The public performance page draws its two charts with the vendored Chart.js.
    services.officer_transition(clerk, application, ApplicationStatus.APPROVED, "", "IRC-0001")
    browser_page.goto("/en/licensing/performance/")
    page.wait_for_function("window.performanceCharts && window.performanceCharts.length === 2")
    assert page.locator("#chart-rate").bounding_box()["height"] > 50
    agencies = page.get_by_role("table", name="Agency performance").inner_text()
    assert "Provincial Economic Zone Management Board" in agencies
