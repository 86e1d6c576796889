"""A big zone's map fetches its plots from /<lang>/zones-api/<zone>/plots.geojson: simplified for the zoom,
cached until the zone's plots change, answered 304 to a browser that holds it, names as plain text; the page
of a zone of 5,000 plots embeds none of them and stays small."""

import json

import numpy as np
import pytest
import shapely
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from shapely.geometry import shape

from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.choices import PlotStatus
from zones.models import Plot

pytestmark = pytest.mark.django_db

HOSTILE = '<img src=x onerror="alert(1)">'


def _jagged(lon: float, lat: float, size: float = 0.002, teeth: int = 200) -> shapely.Polygon:
    """A square plot whose south side has ``teeth`` tiny (sub-metre) teeth: detail a coarse zoom drops."""
    xs = np.linspace(lon, lon + size, teeth)
    ys = lat + np.where(np.arange(teeth) % 2, 2e-6, 0)
    return shapely.Polygon([*zip(xs, ys, strict=True), (lon + size, lat + size), (lon, lat + size)])


def _url(zone, **query) -> str:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"{reverse('zones:zone_plot_map', args=[zone.pk])}?{params}"


@pytest.fixture
def jagged_zone(home_page):
    zone = make_zone(zone_index(home_page), "jagged", title="Jagged Park")
    plot = Plot(zone=zone, code=HOSTILE, status=PlotStatus.RESERVED)
    plot.set_geometry(_jagged(zone.min_lon + 0.001, zone.min_lat + 0.001))
    plot.save()
    return zone


def test_the_plots_are_simplified_for_the_zoom_with_popup_properties(client, jagged_zone):
    coarse = client.get(_url(jagged_zone, zoom=10)).json()
    fine = client.get(_url(jagged_zone, zoom=18)).json()
    (feature,) = coarse["features"]
    coarse_points = len(shape(feature["geometry"]).exterior.coords)
    fine_points = len(shape(fine["features"][0]["geometry"]).exterior.coords)
    assert coarse_points < 10 < 150 < fine_points
    assert shape(feature["geometry"]).is_valid
    properties = feature["properties"]
    assert properties["status"] == "reserved" and properties["status_label"] == "Reserved"
    assert properties["land_use_label"] == "Industrial" and properties["price"] == "50.00"
    assert properties["area"].endswith(" ha")
    assert client.get(_url(jagged_zone, zoom=14, unit="m2")).json()["features"][0]["properties"]["area"].endswith(
        " m²")
    assert client.get(_url(jagged_zone, zoom=99)).json()["zoom"] == 18
    assert client.get(_url(jagged_zone, zoom="x")).json()["zoom"] == 10


def test_names_are_plain_text_in_json_never_markup_the_page_builds(client, jagged_zone):
    response = client.get(_url(jagged_zone, zoom=12))
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["features"][0]["properties"]["code"] == HOSTILE
    # JSON as such: nothing here is HTML, and nothing is turned into HTML by the server either.
    assert b"&lt;img" not in response.content


def test_the_collection_is_cached_until_the_zones_plots_change(client, jagged_zone):
    first = client.get(_url(jagged_zone, zoom=12))
    etag = first["ETag"]
    assert "max-age=" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(_url(jagged_zone, zoom=12))
    assert again.content == first.content and again["ETag"] == etag
    assert client.get(_url(jagged_zone, zoom=12), HTTP_IF_NONE_MATCH=etag).status_code == 304

    # Served from the cache: no query reads the plots again.
    with CaptureQueriesContext(connection) as queries:
        client.get(_url(jagged_zone, zoom=12))
    assert queries and not [q for q in queries if "zones_plot" in q["sql"]]

    Plot.objects.filter(zone=jagged_zone).set_status(PlotStatus.LEASED)  # a bulk update: plots_changed
    changed = client.get(_url(jagged_zone, zoom=12), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["features"][0]["properties"]["status"] == "leased"

    make_plots(jagged_zone, 1, prefix="NEW")  # bulk_create sends no post_save: the next save does
    plot = Plot.objects.get(code="NEW1")
    plot.status = PlotStatus.RESERVED
    plot.save()
    codes = [f["properties"]["code"] for f in client.get(_url(jagged_zone, zoom=12)).json()["features"]]
    assert "NEW1" in codes
    plot.delete()
    codes = [f["properties"]["code"] for f in client.get(_url(jagged_zone, zoom=12)).json()["features"]]
    assert "NEW1" not in codes


def test_a_draft_zone_serves_no_plots(client, home_page):
    zone = make_zone(zone_index(home_page), "draft", publish=False)
    assert client.get(_url(zone, zoom=12)).status_code == 404


def test_a_small_zone_embeds_its_plots_and_a_big_one_fetches_them(client, home_page, settings):
    zone = make_zone(zone_index(home_page), "mid", title="Mid Park")
    make_plots(zone, 12, side_m=40)
    settings.ZONE_MAP_EMBED_LIMIT = 20
    html = client.get(zone.url).text
    assert "data-zone-plot-map" not in html and "Plot P12" in html and "plot_map.js" not in html
    settings.ZONE_MAP_EMBED_LIMIT = 10
    html = client.get(zone.url + "?plot_page=1&plot_sort=-area").text
    assert "data-zone-plot-map" in html and "zones/js/plot_map.js" in html
    config = json.loads(html.split('data-zone-plot-map>', 1)[1].split('<script type="application/json">', 1)[1]
                        .split("</script>", 1)[0])
    assert config["url"] == _url(zone, unit="ha")
    assert len(config["listed"]) == 12 and config["follow"] is True and config["count"] == 12
    assert config["labels"]["name"] == "Plot %(code)s: %(status)s"
    assert '"P12"' not in html.split("data-zone-plot-map", 1)[1].split("</script>", 2)[1]  # no geometry script


def test_the_page_of_a_zone_of_5000_plots_is_under_300_kb(client, home_page):
    zone = make_zone(zone_index(home_page), "huge", title="Huge Park")
    lon, lat = zone.min_lon, zone.min_lat
    boxes = shapely.box(lon + (np.arange(5000) % 100) * 0.0002, lat + (np.arange(5000) // 100) * 0.0002,
                        lon + (np.arange(5000) % 100) * 0.0002 + 0.00018,
                        lat + (np.arange(5000) // 100) * 0.0002 + 0.00018)
    plots = []
    for i, geom in enumerate(boxes):
        plot = Plot(zone=zone, code=f"H{i + 1}")
        plot.set_geometry(geom)
        plots.append(plot)
    Plot.objects.bulk_create(plots, batch_size=500)
    html = client.get(zone.url).content
    assert len(html) < 300 * 1024
    assert b"5000 plots." in html and b"data-zone-plot-map" in html
    collection = client.get(_url(zone, zoom=14)).json()
    assert len(collection["features"]) == 5000
