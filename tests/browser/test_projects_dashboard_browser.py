"""The dashboard in a real browser: charts and map render from local assets, no console error, filters work;
long bar labels are wrapped and cut to fit their chart, and the page fits a phone's screen."""

import datetime
from decimal import Decimal

import pytest

from projects.models import Project
from projects.services import Share
from tests.factories import square_m, zone_index
from tests.factories_projects import investor, make_sectors, project
from tests.factories_zones import make_zone
from zones.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_registry():
    make_sectors()
    communes = [AdministrativeUnit.objects.create(level="commune", code=f"c-{i}", name_vi=f"Xã {i}",
                                                  name_en=f"Commune {i}") for i in range(2)]
    korean, domestic = investor("Hanil", "KR"), investor("Sao Viet", "VN")
    for i in range(4):
        project(f"F-{i}", shares=[Share(korean, Decimal("100"))], capital=Decimal("5000000") * (i + 1),
                registered_on=datetime.date(2021, 2 + i, 1), lon=106.6 + i / 10, lat=11.5, commune=communes[i % 2])
    for i in range(3):
        project(f"D-{i}", shares=[Share(domestic, Decimal("100"))], currency="VND",
                capital=Decimal("200000000000"), registered_on=datetime.date(2022, 3 + i, 1), lon=106.9,
                lat=11.6 + i / 10, commune=communes[0])


def figure(page, name):
    return page.locator(f'[data-figure="{name}"] .figure-value').inner_text().strip()


@pytest.mark.smoke
def test_dashboard_renders_charts_and_map_and_filters(browser_page, home_page):
    make_registry()
    browser_page.goto("/en/projects/dashboard/")
    page = browser_page.page
    for chart_id in ("chart-series", "chart-country", "chart-sector", "chart-zone"):
        assert page.evaluate(f"!!document.getElementById('{chart_id}').chart"), chart_id
        assert page.evaluate(f"document.getElementById('{chart_id}').width") > 0
    page.wait_for_selector("#dashboard-map .leaflet-interactive")
    assert page.locator("#dashboard-map .leaflet-interactive").count() == 2  # two communes
    assert figure(page, "domestic-projects") == "3"
    assert figure(page, "fdi-projects") == "4"
    page.select_option("#id_kind", "fdi")
    with page.expect_navigation():
        page.click(".dashboard-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert figure(page, "domestic-projects") == "0"
    assert figure(page, "fdi-projects") == "4"
    assert page.evaluate("document.getElementById('chart-series').chart.data.datasets[0].data.every(v => v === 0)")


def test_dashboard_in_vietnamese(browser_page, home_page):
    make_registry()
    browser_page.goto("/vi/projects/dashboard/")
    page = browser_page.page
    assert "Số liệu đầu tư" in page.locator("h1").inner_text()
    assert figure(page, "domestic-capital").startswith("600 ")
    page.wait_for_selector("#dashboard-map .leaflet-interactive")
    # The axes write numbers the Vietnamese way: Chart.js formats ticks with the chart's locale.
    written = page.evaluate("(() => { const c = document.getElementById('chart-country').chart;"
                            " return c.scales.x.options.ticks.callback.call(c.scales.x, 1500, 1,"
                            " [{value: 1000}, {value: 1500}, {value: 2000}]); })()")
    assert written == "1.500", written


LONG_ZONE = "Chon Thanh Industrial Park Extension for Electronics and Other High Technology Manufacturing"


def registry_in_zones(home_page):
    """The registry with its FDI projects in three zones, one with a very long name."""
    make_registry()
    index = zone_index(home_page)
    titles = [LONG_ZONE, "Becamex Binh Phuoc Industrial Park", "Hoa Lu"]
    for i, title in enumerate(titles):
        zone = make_zone(index, f"zone-{i}", title, geometry=square_m(106.6 + i / 10, 11.5, 500))
        Project.objects.filter(code=f"F-{i}").update(zone=zone)
    return titles


def bar_labels(page, chart_id):
    """What the bar chart ``chart_id`` draws left of its bars: its tick labels (a string, or a list of lines),
    the widest line in pixels in the ticks' font, the axis' width, and the full labels the tooltips use."""
    return page.evaluate("""id => {
        const chart = document.getElementById(id).chart, axis = chart.scales.y, ctx = chart.ctx;
        ctx.save();
        const font = {...Chart.defaults.font, ...axis.options.ticks.font};
        ctx.font = `${font.style || ''} ${font.weight || ''} ${font.size}px ${font.family}`;
        const lines = axis.ticks.flatMap(tick => [].concat(tick.label));
        const widest = Math.max(...lines.map(line => ctx.measureText(line).width));
        ctx.restore();
        return {ticks: axis.ticks.map(tick => tick.label), widest: widest, axis: axis.width,
                full: chart.data.labels};
    }""", chart_id)


@pytest.mark.parametrize("width", [390, 1280])
def test_long_bar_labels_are_wrapped_and_cut_to_fit_the_chart(browser_page, home_page, width):
    titles = registry_in_zones(home_page)
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto("/en/projects/dashboard/")
    drawn = bar_labels(page, "chart-zone")
    assert sorted(drawn["full"]) == sorted(titles)  # the tooltips keep the full names
    assert drawn["widest"] <= drawn["axis"], drawn  # every line fits left of the bars
    by_name = dict(zip(drawn["full"], drawn["ticks"], strict=True))
    assert by_name["Hoa Lu"] == "Hoa Lu"
    long = by_name[LONG_ZONE]
    assert isinstance(long, list) and len(long) == 2 and long[-1].endswith("…"), long
    assert " ".join(long).rstrip("…").strip() in LONG_ZONE
    park = by_name["Becamex Binh Phuoc Industrial Park"]
    if width == 390:  # a phone's chart is too narrow for the name on one line: it is split, not cut
        assert park == ["Becamex Binh Phuoc", "Industrial Park"]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_dashboard_fits_a_phone_screen(browser_page, home_page, language):
    registry_in_zones(home_page)
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(f"/{language}/projects/dashboard/")
    layout = page.evaluate("""() => {
        const tables = [...document.querySelectorAll('main table')];
        return {
            page: document.documentElement.scrollWidth, screen: window.innerWidth,
            tables: tables.length,
            unwrapped: tables.filter(t => !t.closest('.table-scroll')).length,
            scrollable: tables.filter(t => {
                const box = t.closest('.table-scroll');
                return box && getComputedStyle(box).overflowX === 'auto' && box.clientWidth <= window.innerWidth;
            }).length,
            filters: [...document.querySelectorAll('.dashboard-filters > *')]
                .map(el => el.getBoundingClientRect().right),
        };
    }""")
    assert layout["page"] <= layout["screen"], layout  # nothing scrolls the page sideways
    assert layout["tables"] > 0 and layout["unwrapped"] == 0
    assert layout["scrollable"] == layout["tables"]  # a wide table scrolls inside its own box
    assert layout["filters"] and max(layout["filters"]) <= layout["screen"], layout
