"""A zone page's figures and plots: figures never given say so, a real 0 stays 0, the plots table pages, sorts
and filters in a constant number of queries, speaks the visitor's unit like the map, and the admin lists one
zone's plots a page at a time."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.choices import PlotStatus

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)</th>', html)


def _section(html: str, title_id: str) -> str:
    return html.split(f'id="{title_id}"', 1)[1].split("</section>", 1)[0]


def test_a_zone_without_data_says_not_yet_given_and_shows_no_empty_headings(client, home_page):
    zone = make_zone(zone_index(home_page), "bare", total_area_ha=None, leasable_area_ha=None, leased_area_ha=None,
                     land_price_min_usd=None, land_price_max_usd=None)
    html = client.get(zone.url).text
    land = _section(html, "land-title")
    assert "not yet given" in land and "0.00" not in land and " 0 ha" not in land
    assert 'id="facts-title"' not in html and 'id="infra-title"' not in html
    index = client.get(zone_index(home_page).url).text
    assert "not yet given" in index


def test_a_real_zero_shows_as_zero(client, home_page):
    zone = make_zone(zone_index(home_page), "full", leasable_area_ha=Decimal("40"), leased_area_ha=Decimal("40"),
                     power_mva=Decimal("0"), developer="Dev Co")
    html = client.get(zone.url).text
    land = _section(html, "land-title")
    assert re.search(r"Land still available</dt><dd><strong>0 ha</strong>", land)
    assert "not yet given" not in land
    assert re.search(r"Power supply</dt><dd>0 MVA", _section(html, "infra-title"))
    assert 'id="facts-title"' in html


@pytest.fixture
def zone_with_plots(home_page):
    zone = make_zone(zone_index(home_page), "many")
    make_plots(zone, 100, side_m=50, prefix="A")
    make_plots(zone, 20, status=PlotStatus.LEASED, side_m=120, prefix="B")
    return zone


def test_the_plots_table_pages_sorts_and_filters_in_constant_queries(client, zone_with_plots):
    url = zone_with_plots.url
    first = client.get(url, {"q": "kept"})
    rows = _rows(_section(first.text, "plots-title"))
    assert len(rows) == 50 and rows[:3] == ["A1", "A2", "A3"]  # codes in counting order
    assert 'plot_page=2' in first.text and "q=kept" in first.text.split('rel="next"')[0].rsplit("href", 1)[1]
    third = _rows(_section(client.get(url, {"plot_page": 3}).text, "plots-title"))
    assert len(third) == 20 and third[-1] == "B20"
    by_area = _rows(_section(client.get(url, {"plot_sort": "-area"}).text, "plots-title"))
    assert by_area[0].startswith("B") and by_area[20].startswith("A")
    leased = client.get(url, {"plot_status": "leased"}).text
    assert _rows(_section(leased, "plots-title")) == [f"B{i}" for i in range(1, 21)]
    big = client.get(url, {"plot_min_area": "1", "unit": "ha"}).text  # 120 m x 120 m plots are 1.44 ha
    assert len(_rows(_section(big, "plots-title"))) == 20
    counts = []
    for params in ({"plot_page": 1}, {"plot_page": 2, "plot_sort": "price"}, {"plot_status": "available"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        counts.append(len(queries))
    make_plots(zone_with_plots, 60, side_m=30, prefix="C")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"plot_page": 3})
    assert len(queries) <= max(counts), (counts, len(queries))


def _b1_area(section: str) -> str:
    return re.search(r"B1</th><td>[^<]*</td><td>.*?</td><td>([^<]+)</td>", section).group(1)


def test_the_unit_choice_applies_to_the_table_and_the_map_popups(client, zone_with_plots):
    html = client.get(zone_with_plots.url, {"unit": "m2", "plot_status": "leased"}).text
    section = _section(html, "plots-title")
    square_metres = _b1_area(section)
    assert "Area (m²)" in section and re.fullmatch(r"14,\d{3}", square_metres)
    popup = f"Area: {square_metres} m\\u00b2"  # the map popup of the same plot (as JSON)
    assert popup in html
    kept = client.get(zone_with_plots.url, {"plot_status": "leased"}).text  # the session keeps m²
    assert "Area (m²)" in _section(kept, "plots-title")
    back = client.get(zone_with_plots.url, {"unit": "ha", "plot_status": "leased"}).text
    assert "Area (ha)" in _section(back, "plots-title") and _b1_area(_section(back, "plots-title")) == "1.44"
    assert "Area: 1.44 ha" in back and popup not in back


def test_the_admin_lists_one_zones_plots_a_page_at_a_time(client, admin_user, zone_with_plots, home_page):
    other = make_zone(zone_index(home_page), "other")
    make_plots(other, 3, prefix="Z")
    client.force_login(admin_user)
    edit = client.get(f"/admin/pages/{zone_with_plots.pk}/edit/").text
    link = re.search(r'href="([^"]*snippets/zones/plot/\?zone=\d+)"', edit).group(1).replace("&amp;", "&")
    with CaptureQueriesContext(connection) as queries:
        listing = client.get(link)
    assert listing.status_code == 200
    codes = re.findall(r">([ABZ]\d+)<", listing.text)
    assert len(set(codes)) == 50 and not any(code.startswith("Z") for code in codes)
    page_3 = client.get(link, {"p": 3}).text
    assert len(set(re.findall(r">([AB]\d+)<", page_3))) == 20
    found = client.get(link, {"q": "B7"}).text
    assert "B7" in found and ">A1<" not in found
    with CaptureQueriesContext(connection) as more:
        client.get(link, {"p": 2})
    assert len(more) <= len(queries) + 2
