"""The maps inside the zone index and zone pages: in-page (no iframe), CSP nonce, escaping, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.services import rebuild_index
from tests.factories import square_deg, zone_index
from tests.factories_maps import make_plot, make_zone
from zones.choices import PlotStatus, ZoneKind

pytestmark = pytest.mark.django_db
XSS = "<img src=x onerror=alert(1)>"


def csp_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.fixture
def index(home_page):
    return zone_index(home_page)


def test_zone_index_embeds_the_overview_map_in_the_page(client, index):
    make_zone(index, "Minh Hung III", square_deg(106.55, 11.55))
    make_zone(index, XSS, square_deg(106.60, 11.55), code="xss")
    response = client.get(index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<iframe" not in html
    assert f'<script nonce="{csp_nonce(response)}">' in html
    assert 'data-map-features="2"' in html and 'aria-label="Map of 2 places"' in html
    assert "L.markerClusterGroup" in html
    assert XSS not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_map_follows_the_zone_index_filters(client, index):
    make_zone(index, "Minh Hung III", square_deg(106.55, 11.55), kind=ZoneKind.INDUSTRIAL_PARK)
    make_zone(index, "Hoa Lu", square_deg(106.60, 11.85), kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    rebuild_index()  # what the Celery worker does after each publish
    html = client.get(index.url, {"kind": ZoneKind.BORDER_GATE_ECONOMIC_ZONE}).content.decode()
    assert 'data-map-features="1"' in html
    script = html[html.index("L.map("):]
    assert "Hoa Lu" in script and "Minh Hung III" not in script


def test_no_map_when_no_zone_matches(client, index):
    make_zone(index, "Minh Hung III", square_deg(106.55, 11.55), kind=ZoneKind.INDUSTRIAL_PARK)
    rebuild_index()
    html = client.get(index.url, {"kind": ZoneKind.HIGH_TECH_PARK}).content.decode()
    assert "L.map(" not in html and "leaflet.js" not in html


def _zone_page_queries(client, zone) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(zone.url).status_code == 200
    return len(queries)


def test_zone_page_map_and_query_count_independent_of_plots(client, index):
    small = make_zone(index, "Small park", square_deg(106.50, 11.50, 0.05))
    large = make_zone(index, "Large park", square_deg(106.60, 11.50, 0.05))
    for i in range(3):
        make_plot(small, f"S{i}", square_deg(106.50 + i * 0.01, 11.50, 0.008), PlotStatus.AVAILABLE)
    statuses = list(PlotStatus)
    for i in range(30):
        make_plot(large, f"L{i}", square_deg(106.60 + (i % 5) * 0.01, 11.50 + (i // 5) * 0.008, 0.007),
                  statuses[i % 3])
    client.get(small.url)  # warm the caches shared by both pages, and each zone's own (incentives, infrastructure)
    client.get(large.url)
    assert _zone_page_queries(client, small) == _zone_page_queries(client, large)
    html = client.get(large.url).content.decode()
    assert 'data-map-features="30"' in html and 'aria-label="Map of Large park and its 30 plots"' in html
    assert "map-legend" in html
    for status in PlotStatus:
        assert f"map-plot-{status}" in html
