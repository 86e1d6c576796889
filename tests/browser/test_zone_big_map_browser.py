"""A big zone's map in a real browser: the plots fetched from the plots endpoint are drawn, open their popups
by mouse and keyboard with names as text, and the map follows the plots table's filter."""

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.choices import PlotStatus
from zones.models import Plot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XSS = "<img src=x onerror=alert(1)>"
PLOTS = ".leaflet-overlay-pane path.map-plot"


@pytest.fixture
def big_zone(settings):
    settings.ZONE_MAP_EMBED_LIMIT = 5
    zone = make_zone(zone_index(demo.ensure_home_pages()), "big", title="Big Park")
    make_plots(zone, 12, side_m=60, prefix="A")  # in a row, west to east
    for number in (11, 12):
        Plot.objects.filter(code=f"A{number}").update(code=f"R{number - 10}", status=PlotStatus.RESERVED)
    Plot.objects.filter(code="A3").update(code=XSS)
    return zone


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""selector => {
        const frame = document.querySelector('.portal-map').getBoundingClientRect();
        return [...document.querySelectorAll(selector)].every(path => {
            const box = path.getBoundingClientRect();
            return box.width > 0 && box.left >= frame.left - 1 && box.right <= frame.right + 1
                && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
        });
    }""", selector)


def test_the_map_draws_the_fetched_plots_and_opens_their_popups(browser_page, big_zone):
    page = browser_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.goto(big_zone.url)
    expect(page.locator(".portal-map")).to_have_attribute("data-plots-loaded", "12")
    expect(page.locator(PLOTS)).to_have_count(12)
    assert "data-zone-plot-map" in page.content()

    page.locator(f'{PLOTS}[aria-label="Plot {XSS}: Available"]').click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(f"Plot {XSS}")
    expect(popup).to_contain_text("Status: Available")
    assert popup.locator("img").count() == 0 and dialogs == []
    assert "plot=%3Cimg" in popup.get_by_role("link", name="Ask about this plot").get_attribute("href")
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)

    shape = page.locator(f'{PLOTS}[aria-label="Plot R1: Reserved"]')
    shape.focus()
    page.keyboard.press("Enter")
    expect(popup).to_contain_text("Plot R1")
    expect(popup.get_by_role("link", name="Ask about this plot")).to_be_focused()
    page.keyboard.press("Escape")
    expect(shape).to_be_focused()


def test_the_map_follows_the_plots_table(browser_page, big_zone):
    page = browser_page.page
    browser_page.goto(big_zone.url + "?plot_status=reserved")
    expect(page.locator(".plot-table-count")).to_contain_text("2 plots of 12 match")
    expect(page.locator(".portal-map")).to_have_attribute("data-plots-loaded", "12")
    expect(page.locator(f"{PLOTS}.map-plot-listed")).to_have_count(2)
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    assert _in_view(page, f"{PLOTS}.map-plot-listed")
    # Fitted to the two listed plots, the map no longer shows the first of the row.
    assert not _in_view(page, f'{PLOTS}[aria-label="Plot A1: Available"]')
