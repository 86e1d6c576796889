"""Infrastructure on the zone pages and the zone index: layer switches labelled in a fieldset, names escaped
in the map script and the table, the features near the zone with their distances, in English and Vietnamese;
a changed feature renders the map anew; the demo loads its illustrative layers once."""

import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point
from wagtail.models import Locale

from tests.factories_gis import LAT0, LON0, zone_with_boundary
from tests.factories_infrastructure import infrastructure
from zones.demo_infrastructure import load_infrastructure
from zones.models import InfrastructureFeature

pytestmark = pytest.mark.django_db
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def zone(home_page):
    """The test park (LON0..LON0+0.05, LAT0..LAT0+0.05) with a substation 0.1° north of it, a road beside it, a
    far substation and a far port."""
    page = zone_with_boundary(home_page)
    infrastructure("near-substation", "substation", Point(LON0 + 0.025, LAT0 + 0.15), name_en="Near substation",
                   name_vi="Trạm biến áp gần", details_en="110 kV, 63 MVA", details_vi="110 kV, 63 MVA")
    infrastructure("road", "road", LineString([(LON0 - 0.1, LAT0), (LON0 + 0.2, LAT0)]), name_en="National Road 14",
                   name_vi="Quốc lộ 14")
    infrastructure("far-substation", "substation", Point(LON0, LAT0 + 2), name_en="Far substation")
    infrastructure("far-port", "port", Point(106.795, 10.76), name_en="Cat Lai port", name_vi="Cảng Cát Lái",
                   status="existing")
    return page


def test_zone_page_has_labelled_layer_switches_and_a_table_with_distances(client, zone):
    html = client.get(zone.url).content.decode()
    assert '<fieldset class="map-overlays" data-map-overlays hidden>' in html
    assert "<legend>Infrastructure layers on the map</legend>" in html
    for key, label in (("substation", "Power substation (1)"), ("road", "Main road (1)"), ("port", "Port (1)")):
        assert f'<input type="checkbox" id="map-overlay-{key}" data-overlay-key="{key}" checked>' in html
        assert f'<label for="map-overlay-{key}">' in html and label in html
    assert "portalOverlays" in html and "maps/js/layers.js" in html
    table = html[html.index('<details class="infrastructure-table">'):]
    assert "Far substation" not in html  # 200 km away: not near the zone
    assert "Cat Lai port" in table  # ports are shown wherever they are
    rows = table.split("<tr")
    names = [name for name in ("National Road 14", "Near substation", "Cat Lai port")
             if any(name in row for row in rows)]
    assert names == ["National Road 14", "Near substation", "Cat Lai port"]  # nearest first
    near = next(row for row in rows if "Near substation" in row)
    expected = Geod(ellps="WGS84").inv(LON0 + 0.025, LAT0 + 0.05, LON0 + 0.025, LAT0 + 0.15)[2] / 1000
    assert f"<td>{expected:.1f}</td>" in near and "110 kV, 63 MVA" in near and "Existing" in near
    road = next(row for row in rows if "National Road 14" in row)
    assert "<td>0.0</td>" in road  # it runs along the boundary


def test_vietnamese_zone_page(client, home_page, zone):
    vietnamese = zone_with_boundary(home_page.get_translation(Locale.objects.get(language_code="vi")),
                                    code="test-park-vi", title="Khu thử")
    html = client.get(vietnamese.url).content.decode()
    assert vietnamese.url.startswith("/vi/")
    assert "Trạm biến áp gần" in html and "Cảng Cát Lái" in html and "Quốc lộ 14" in html
    assert "Lớp hạ tầng trên bản đồ" in html and 'for="map-overlay-substation"' in html


def test_hostile_names_are_text_in_the_script_and_the_table(client, zone):
    InfrastructureFeature.objects.filter(code="near-substation").update(name_en=XSS)
    html = client.get(zone.url).content.decode()
    assert XSS not in html
    assert "<th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th>" in html
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html  # the tooltip, escaped inside the JSON


def test_a_changed_feature_renders_the_map_anew(client, zone):
    assert "Near substation" in client.get(zone.url).content.decode()
    feature = InfrastructureFeature.objects.get(code="near-substation")
    feature.name_en = "Renamed substation"
    feature.save()
    html = client.get(zone.url).content.decode()
    script = html[html.index("portalOverlays"):]
    assert "Renamed substation" in html and "Near substation" not in script


def test_zone_index_shows_every_feature_by_layer(client, zone):
    html = client.get(zone.get_parent().url).content.decode()
    table = html[html.index('<details class="infrastructure-table">'):]
    assert "Far substation" in table and "Distance (km)" not in table
    assert table.index("Far substation") < table.index("National Road 14") < table.index("Cat Lai port")
    assert 'data-overlay-key="port"' in html


def test_no_infrastructure_no_switches(client, home_page):
    page = zone_with_boundary(home_page)
    html = client.get(page.url).content.decode()
    assert "data-map-overlays" not in html and "infrastructure-table" not in html


def test_demo_infrastructure_loads_once_and_says_it_is_illustrative(client, zone):
    count = load_infrastructure()
    assert count == load_infrastructure() == InfrastructureFeature.objects.filter(illustrative=True).count()
    layers = set(InfrastructureFeature.objects.values_list("layer", flat=True))
    assert layers == {"substation", "power_line", "water_plant", "wastewater_plant", "road", "rail", "port",
                      "airport", "border_gate"}
    assert InfrastructureFeature.objects.get(code="ds-di-an-loc-ninh").status == "planned"
    assert "illustrative (demo data)" in client.get(zone.url).content.decode()
