"""An investor's path through the zone pages in a real browser: nav, filter, zone page, incentive finder."""

import pytest

from portal import demo
from search.services import rebuild_index
from tests.factories import zone_index
from tests.factories_zones import incentive_index, make_plots, make_policy, make_zone, rule
from zones.choices import PlotStatus, ZoneKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.smoke
def test_investor_filters_opens_a_zone_and_checks_incentives(browser_page):
    home = demo.ensure_home_pages()
    index = zone_index(home)
    index.show_in_menus = True
    index.save_revision().publish()
    park = make_zone(index, "minh-hung-3", title="Minh Hung III Industrial Park")
    make_plots(park, 3, status=PlotStatus.AVAILABLE)
    make_zone(index, "hoa-lu", title="Hoa Lu Border-Gate Economic Zone", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    make_policy(incentive_index(home), "park-cit", [rule("Projects in an industrial park",
                                                         ("zone_kind", "in", "industrial_park"))],
                title="Industrial park tax incentive")
    rebuild_index()  # what the Celery worker does after each publish
    page = browser_page.page

    browser_page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Zones").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Kind").select_option(ZoneKind.INDUSTRIAL_PARK.value)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    results = page.locator(".zone-list")
    assert "Minh Hung III Industrial Park" in results.inner_text()
    assert "Hoa Lu" not in results.inner_text()

    results.get_by_role("link", name="Minh Hung III Industrial Park").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Minh Hung III Industrial Park"
    assert page.locator("table.plots-table tbody tr").count() == 3
    assert "Industrial park tax incentive" in page.locator("#incentives-title + *").inner_text()

    page.get_by_role("link", name="Check incentives for your project").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Location").input_value() == ZoneKind.INDUSTRIAL_PARK.value
    page.get_by_role("button", name="Show incentives").click()
    page.wait_for_load_state("networkidle")
    assert "Projects in an industrial park" in page.locator(".incentive-matches").inner_text()
