"""The dashboard in a real browser: charts and map render from local assets, no console error, filters work."""

import datetime
from decimal import Decimal

import pytest

from projects.services import Share
from tests.factories_projects import investor, make_sectors, project
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
                            " return Chart.Ticks.formatters.numeric.call(c.scales.x, 1500, 1,"
                            " [{value: 1000}, {value: 1500}, {value: 2000}]); })()")
    assert written == "1.500", written
