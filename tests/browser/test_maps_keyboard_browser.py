"""Maps without a mouse, in a real browser: shapes and markers reached with Tab, popups opened with Enter and
closed with Escape (focus going in and coming back), named cluster buttons, "Skip the map" links, and the
dashboard's map figures in a table."""

import json
import re

import pytest
from shapely.geometry import box

from portal import demo
from tests.browser.test_projects_dashboard_browser import make_registry
from tests.factories import square_deg, zone_index
from tests.factories_maps import make_plot, make_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XSS = "<img src=x onerror=alert(1)>"
ACTIVE_IN_POPUP = "!!document.activeElement.closest('.leaflet-popup')"


@pytest.fixture
def index():
    return zone_index(demo.ensure_home_pages())


def tab_until(page, selector: str, limit: int = 60):
    """Press Tab until the focused element matches ``selector``; return the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


def test_zone_page_plots_open_and_close_from_the_keyboard(browser_page, index):
    zone = make_zone(index, "Nhon Hoi A", box(109.20, 13.80, 109.24, 13.84), code="nhon-hoi-a")
    make_plot(zone, "A1", box(109.205, 13.805, 109.215, 13.815))
    make_plot(zone, "B2", box(109.22, 13.82, 109.23, 13.83), status="leased")
    page = browser_page.page
    browser_page.goto(zone.url)

    page.locator(".map-skip-link").focus()
    tab_until(page, "path.map-plot[role=button]")
    shape = page.evaluate_handle("document.activeElement")
    assert shape.get_attribute("tabindex") == "0"
    assert re.fullmatch(r"Plot (A1|B2): (Available|Leased)", shape.get_attribute("aria-label"))

    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert page.evaluate(ACTIVE_IN_POPUP)
    code = shape.get_attribute("aria-label").split(":")[0]
    assert code in popup.inner_text()

    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("shape => document.activeElement === shape", shape)

    page.keyboard.press(" ")  # Space opens it too; Escape on the shape itself closes it
    popup.wait_for()
    shape.focus()
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")


def test_skip_link_moves_focus_to_the_plots_table(browser_page, index):
    zone = make_zone(index, "Skip zone", box(109.20, 13.80, 109.24, 13.84), code="skip-zone")
    make_plot(zone, "A1", box(109.205, 13.805, 109.215, 13.815))
    page = browser_page.page
    browser_page.goto(zone.url)
    link = page.locator(".map-skip-link")
    link.focus()
    assert link.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "plots-table"
    assert page.evaluate("document.activeElement.querySelector('table.plots-table') !== null")


def test_zone_index_clusters_are_named_and_markers_open_from_the_keyboard(browser_page, index):
    for i, name in enumerate(["Nhơn Hội A", "Nhơn Hội B", XSS]):
        make_zone(index, name, square_deg(109.20 + i * 0.01, 13.80, 0.004), code=f"near-{i}")
    far = make_zone(index, "Phu Tai", square_deg(108.5, 14.6, 0.004), code="far")
    page = browser_page.page
    browser_page.goto(index.url)

    cluster = page.locator(".marker-cluster").first
    cluster.wait_for()
    label = cluster.get_attribute("aria-label")
    assert re.fullmatch(r"3 zones near (Nhơn Hội A|Nhơn Hội B|<img src=x onerror=alert\(1\)>)", label), label
    assert page.locator(".leaflet-container img:not(.leaflet-marker-icon):not(.leaflet-marker-shadow)").count() == 0

    page.locator(".map-skip-link").focus()
    tab_until(page, '.leaflet-marker-icon[title="Phu Tai"]')
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('href')") == far.url
    assert page.evaluate(ACTIVE_IN_POPUP)
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('title')") == "Phu Tai"

    page.locator(".map-skip-link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "zone-results-title"


def test_dashboard_circles_are_reachable_and_its_figures_are_in_a_table(browser_page, home_page):
    make_registry()
    page = browser_page.page
    browser_page.goto("/en/projects/dashboard/")
    circles = page.locator("#dashboard-map path.leaflet-interactive")
    circles.first.wait_for()
    places = json.loads(page.locator("#dashboard-data").text_content())["map"]
    assert circles.count() == len(places) > 0
    names = circles.evaluate_all("els => els.map(e => [e.getAttribute('tabindex'), e.getAttribute('role'),"
                                 " e.getAttribute('aria-label')])")
    assert sorted(names) == sorted(["0", "button", place["name"]] for place in places)

    page.locator("#dashboard-map").scroll_into_view_if_needed()
    page.locator(".dashboard-filters button[type=submit]").focus()
    tab_until(page, "#dashboard-map path.leaflet-interactive")
    page.keyboard.press("Enter")
    page.locator("#dashboard-map .leaflet-popup-content").wait_for()
    assert page.evaluate(ACTIVE_IN_POPUP)
    page.keyboard.press("Escape")
    page.locator("#dashboard-map .leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.matches('#dashboard-map path.leaflet-interactive')")

    table = page.locator('table[data-table="map-commune"]')
    assert not table.is_visible()
    page.locator(".map-skip-link").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # on the summary: the figures show
    assert table.is_visible()
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[0].textContent, Number(r.cells[1].textContent),"
        " Number(r.cells[2].textContent.replace(/,/g, ''))])")
    communes = [[p["name"], p["projects"], p["m_usd"]] for p in places if p["layer"] == "commune"]
    assert sorted(rows) == sorted(communes) and len(rows) == 2
