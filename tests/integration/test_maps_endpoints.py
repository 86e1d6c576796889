"""GeoJSON endpoints: only live zones, only public fields, filters, downloads."""

import json

import pytest
from django.urls import reverse
from shapely.geometry import box

from search.services import rebuild_index
from tests.factories import square_deg, zone_index
from tests.factories_maps import make_plot, make_zone
from zones.choices import PlotStatus, ZoneKind
from zones.views import PLOT_PROPERTIES, ZONE_PROPERTIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def zones(home_page):
    index = zone_index(home_page)
    park = make_zone(index, "Minh Hung III", square_deg(106.55, 11.55, 0.02), kind=ZoneKind.INDUSTRIAL_PARK,
                     contact_email="secret@example.org", land_price_min_usd=50, land_price_max_usd=70)
    ez = make_zone(index, "Hoa Lu", box(106.5, 11.8, 106.7, 12.0), kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    draft = make_zone(index, "Draft zone", square_deg(106.0, 11.0), publish=False)
    make_plot(park, "A1", square_deg(106.551, 11.551, 0.002), PlotStatus.AVAILABLE, notes="confidential note")
    make_plot(park, "A2", square_deg(106.555, 11.551, 0.002), PlotStatus.LEASED)
    return {"park": park, "ez": ez, "draft": draft}


def _json(response):
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return json.loads(response.content)


@pytest.mark.smoke
def test_zones_collection_lists_live_zones_with_public_fields_only(client, zones):
    data = _json(client.get(reverse("maps:zones_geojson")))
    assert data["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in data["features"]}
    assert names == {"Minh Hung III", "Hoa Lu"}
    for f in data["features"]:
        assert set(f["properties"]) == set(ZONE_PROPERTIES)
        assert f["geometry"]["type"] == "Polygon"
    assert b"secret@example.org" not in client.get(reverse("maps:zones_geojson")).content


def test_zones_collection_accepts_the_zone_index_filters(client, zones):
    rebuild_index()
    data = _json(client.get(reverse("maps:zones_geojson"), {"kind": ZoneKind.BORDER_GATE_ECONOMIC_ZONE}))
    assert [f["properties"]["name"] for f in data["features"]] == ["Hoa Lu"]
    data = _json(client.get(reverse("maps:zones_geojson"), {"max_price": "60"}))
    assert [f["properties"]["name"] for f in data["features"]] == ["Minh Hung III"]
    response = client.get(reverse("maps:zones_geojson"), {"kind": "volcano"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_zone_boundary_download(client, zones):
    park = zones["park"]
    response = client.get(reverse("maps:zone_geojson", args=[park.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="minh-hung-iii-boundary.geojson"'
    data = _json(response)
    assert data["type"] == "Feature" and data["id"] == park.pk
    assert data["geometry"] == park.geometry
    assert data["properties"]["name"] == "Minh Hung III"


def test_unpublished_zones_are_not_served(client, zones):
    assert client.get(reverse("maps:zone_geojson", args=[zones["draft"].pk])).status_code == 404
    assert client.get(reverse("maps:zone_plots_geojson", args=[zones["draft"].pk])).status_code == 404
    zones["park"].unpublish()
    assert client.get(reverse("maps:zone_geojson", args=[zones["park"].pk])).status_code == 404


def test_zone_plots_download(client, zones):
    data = _json(client.get(reverse("maps:zone_plots_geojson", args=[zones["park"].pk])))
    assert [(f["properties"]["code"], f["properties"]["status"]) for f in data["features"]] == [
        ("A1", "available"), ("A2", "leased")]
    for f in data["features"]:
        assert set(f["properties"]) == set(PLOT_PROPERTIES)
        assert f["properties"]["area_m2"] > 40_000
    assert b"confidential note" not in client.get(reverse("maps:zone_plots_geojson", args=[zones["park"].pk])).content


def test_only_get_is_allowed(client, zones):
    assert client.post(reverse("maps:zones_geojson")).status_code == 405
