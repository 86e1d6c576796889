"""The zone maps in a real browser: every published zone, popups, escaping, plot colours, filters."""

import pytest
from shapely.geometry import box

from portal import demo
from search.services import rebuild_index
from tests.factories import square_deg, zone_index
from tests.factories_maps import make_plot, make_zone
from zones.choices import PlotStatus, ZoneKind
from zones.models import ZonePage
from zones.plot_maps import PLOT_COLOURS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XSS = "<img src=x onerror=alert(1)>"
ZONE_PATHS = ".leaflet-overlay-pane path.leaflet-interactive:not(.map-overlay)"  # infrastructure is drawn too


@pytest.fixture
def index():
    demo.ensure_home_pages()
    return zone_index(demo.ensure_home_pages())


@pytest.fixture
def dialogs(browser_page):
    seen = []
    browser_page.page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


def assert_all_zones_in_view(page):
    """Every zone boundary lies inside the visible map (the map opens fitted to them)."""
    frame = page.locator(".portal-map").bounding_box()
    for path_box in page.locator(ZONE_PATHS).evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; })"):
        assert path_box["width"] > 0 and path_box["height"] > 0
        assert frame["x"] <= path_box["x"] and path_box["x"] + path_box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= path_box["y"] and path_box["y"] + path_box["height"] <= frame["y"] + frame["height"]


def open_marker_popup(page, title: str):
    """Click the marker titled ``title`` and return its open popup (a closing one may still fade out)."""
    page.locator(f'.leaflet-marker-icon[title="{title}"]').click()
    popup = page.locator(".leaflet-popup-content").filter(has_text=title)
    popup.wait_for()
    return popup


def test_index_map_shows_every_published_zone_and_opens_popups(browser_page, index, dialogs):
    names = ["Minh Hung III", "Chon Thanh I", "Dong Xoai II", XSS]
    for i, name in enumerate(names):
        make_zone(index, name, square_deg(106.3 + i * 0.3, 11.5, 0.05), code=f"zone-{i}")
    make_zone(index, "Draft zone", square_deg(106.0, 11.0, 0.05), publish=False)
    page = browser_page.page
    browser_page.goto(index.url)

    assert page.locator(ZONE_PATHS).count() == len(names)
    assert_all_zones_in_view(page)
    titles = page.locator(".leaflet-marker-icon").evaluate_all("els => els.map(e => e.title)")
    assert sorted(titles) == sorted(names)

    popup = open_marker_popup(page, "Minh Hung III")
    assert "Minh Hung III" in popup.inner_text()
    assert popup.get_by_role("link").get_attribute("href") == ZonePage.objects.get(code="zone-0").url

    popup = open_marker_popup(page, XSS)
    assert XSS in popup.inner_text()
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert page.locator(".leaflet-container img:not(.leaflet-marker-icon):not(.leaflet-marker-shadow)").count() == 0
    page.locator(ZONE_PATHS).first.click(force=True)
    page.wait_for_timeout(200)
    assert dialogs == []


def test_clicking_a_boundary_opens_its_popup(browser_page, index):
    make_zone(index, "Becamex Binh Phuoc", box(106.5, 11.4, 106.7, 11.6))
    page = browser_page.page
    browser_page.goto(index.url)
    box_ = page.locator(ZONE_PATHS).first.bounding_box()
    # Off the centre, so the click lands on the boundary and not on the marker.
    page.mouse.click(box_["x"] + box_["width"] * 0.2, box_["y"] + box_["height"] * 0.2)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Becamex Binh Phuoc" in popup.inner_text()


def test_zone_map_colours_plots_by_status_with_a_legend(browser_page, index):
    zone = make_zone(index, "Minh Hung - Sikico", square_deg(106.5, 11.5, 0.05))
    for i, status in enumerate([PlotStatus.AVAILABLE, PlotStatus.RESERVED, PlotStatus.LEASED, PlotStatus.AVAILABLE]):
        make_plot(zone, f"A{i}", square_deg(106.505 + i * 0.01, 11.505, 0.008), status)
    page = browser_page.page
    browser_page.goto(zone.url)

    for status, colour in PLOT_COLOURS.items():
        fills = page.locator(f"path.map-plot-{status}").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
        assert fills and set(fills) == {colour}
    assert page.locator("path.map-plot-available").count() == 2
    legend = page.get_by_role("list", name="Legend")
    assert [t.strip() for t in legend.locator("li").all_inner_texts()] == ["Available", "Reserved", "Leased"]

    page.locator("path.map-plot-reserved").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "A1" in popup.inner_text() and "Reserved" in popup.inner_text()


def test_a_filter_narrows_both_the_list_and_the_map(browser_page, index):
    make_zone(index, "Minh Hung III", square_deg(106.3, 11.5, 0.05), kind=ZoneKind.INDUSTRIAL_PARK)
    make_zone(index, "Chon Thanh II", square_deg(106.6, 11.5, 0.05), kind=ZoneKind.INDUSTRIAL_PARK)
    make_zone(index, "Hoa Lu", square_deg(106.9, 11.9, 0.2), kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    rebuild_index()  # what the Celery worker does after each publish
    page = browser_page.page
    browser_page.goto(index.url)
    assert page.locator(".zone-card").count() == 3
    assert page.locator(ZONE_PATHS).count() == 3

    page.get_by_label("Kind").select_option(ZoneKind.BORDER_GATE_ECONOMIC_ZONE.value)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".zone-card").all_inner_texts()[0].startswith("Hoa Lu")
    assert page.locator(".zone-card").count() == 1
    assert page.locator(ZONE_PATHS).count() == 1
    titles = page.locator(".leaflet-marker-icon").evaluate_all("els => els.map(e => e.title)")
    assert titles == ["Hoa Lu"]


def test_demo_zones_on_the_map_in_both_languages(browser_page, home_page):
    from zones import demo as zones_demo

    zones_demo.load()
    page = browser_page.page
    for language in ("en", "vi"):
        live = ZonePage.objects.live().filter(locale__language_code=language).exclude(geometry=None)
        browser_page.goto(f"/{language}/zones/")
        assert page.locator(ZONE_PATHS).count() == live.count() > 5
        assert page.locator(".leaflet-overlay-pane path.map-overlay").count() > 0  # roads, lines, plants
        assert_all_zones_in_view(page)
        scales = page.locator(".leaflet-control-scale-line").all_inner_texts()
        assert len(scales) == 1 and scales[0].endswith((" m", " km")), scales  # metric only, no feet or miles
