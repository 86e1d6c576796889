"""Zone boundaries and plots edited in the admin: the map widget and its reference shapes, and the geometry
checks on save (repaired as the GIS import repairs, or refused naming the field, never a server error)."""

import json

import pytest
import shapely
from django.urls import reverse
from shapely.geometry import mapping, shape

from maps.widgets import MAX_CHARS, GeometryField
from tests.factories import square_m, zone_index
from tests.factories_zones import make_plots, make_zone
from zones.models import Plot

pytestmark = pytest.mark.django_db

# A square with a spike along its top edge: invalid (self-intersection), one polygon once repaired.
SPIKED = {"type": "Polygon", "coordinates": [[[106.90, 11.53], [106.91, 11.53], [106.91, 11.54], [106.905, 11.54],
                                              [106.905, 11.545], [106.905, 11.54], [106.90, 11.54],
                                              [106.90, 11.53]]]}
# Two triangles meeting at a point: repaired into two parts.
BOWTIE = {"type": "Polygon", "coordinates": [[[106.90, 11.53], [106.91, 11.54], [106.91, 11.53], [106.90, 11.54],
                                              [106.90, 11.53]]]}


@pytest.fixture
def zone(home_page):
    zone = make_zone(zone_index(home_page), "minh-hung")
    make_plots(zone, 3)
    return zone


@pytest.fixture
def plot(zone):
    return Plot.objects.get(zone=zone, code="P2")


def _post_plot(client, plot, geometry: str):
    data = {"zone": plot.zone_id, "code": plot.code, "land_use": plot.land_use, "status": plot.status,
            "price_override_usd": "", "geometry": geometry, "source_crs": "", "notes": ""}
    return client.post(reverse("wagtailsnippets_zones_plot:edit", args=[plot.pk]), data)


def test_plot_editor_shows_the_map_widget_over_the_zone_and_the_other_plots(client, admin_user, plot):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_zones_plot:edit", args=[plot.pk]))
    html = response.content.decode()
    assert 'data-geometry-widget' in html and "vendor/leaflet-geoman/leaflet-geoman.min.js" in html
    reference = json.loads(_script(html, "id_geometry-reference"))
    kinds = sorted((f["properties"]["kind"], f["properties"]["name"]) for f in reference["features"])
    assert kinds == [("plot", "P1"), ("plot", "P3"), ("zone", plot.zone.title)]
    # The textarea still holds the value, for pasting and for browsers without scripts.
    assert 'name="geometry"' in html and "textarea" in html


def _script(html: str, element_id: str) -> str:
    start = html.index(f'<script id="{element_id}" type="application/json">') + len(
        f'<script id="{element_id}" type="application/json">')
    return html[start:html.index("</script>", start)]


def test_zone_editor_shows_the_zone_plots_as_reference(client, admin_user, zone):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[zone.pk]))
    reference = json.loads(_script(response.content.decode(), "id_geometry-reference"))
    assert sorted(f["properties"]["name"] for f in reference["features"]) == ["P1", "P2", "P3"]


def test_pasted_geojson_is_saved_with_its_area(client, admin_user, plot):
    client.force_login(admin_user)
    new = square_m(106.95, 11.60, 250)
    response = _post_plot(client, plot, json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(new)}))
    assert response.status_code == 302, response.content.decode()[:2000]
    plot.refresh_from_db()
    assert plot.geometry["type"] == "Polygon"
    assert plot.area_m2 == pytest.approx(250 * 250, rel=0.01)
    assert plot.min_lon == pytest.approx(106.95)


def test_a_self_intersecting_plot_is_repaired_on_save(client, admin_user, plot):
    client.force_login(admin_user)
    response = _post_plot(client, plot, json.dumps(SPIKED))
    assert response.status_code == 302
    plot.refresh_from_db()
    stored = shape(plot.geometry)
    assert stored.is_valid and stored.geom_type == "Polygon"
    assert stored.area == pytest.approx(0.0001)


def test_a_plot_repaired_into_two_parts_is_refused_naming_the_field(client, admin_user, plot):
    client.force_login(admin_user)
    before = plot.geometry
    response = _post_plot(client, plot, json.dumps(BOWTIE))
    assert response.status_code == 200
    errors = response.context["form"].errors["geometry"]
    assert errors == ["Plot boundary: the shape has 2 separate parts; a plot is one piece. Keep one part here and "
                      "create a new plot for each other part."]
    plot.refresh_from_db()
    assert plot.geometry == before


@pytest.mark.parametrize(("text", "fragment"), [
    ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
    (json.dumps({"type": "Polygon", "coordinates": [[[106.9, 11.5]] * (MAX_CHARS // 10)]}), "too large"),
    ('{"type": "Polygon", "coordinates": [[[106.9, 11.5], [106.91', "not valid JSON"),
    (json.dumps({"type": "Point", "coordinates": [106.9, 11.5]}), "a Point is not an area"),
])
def test_unusable_geojson_is_refused_cleanly_naming_the_field(client, admin_user, plot, text, fragment):
    client.force_login(admin_user)
    response = _post_plot(client, plot, text)
    assert response.status_code == 200
    [error] = response.context["form"].errors["geometry"]
    assert error.startswith("Plot boundary:") and fragment in error


def test_a_zone_boundary_may_be_repaired_into_several_parts():
    field = GeometryField(label="Boundary")
    geom = shape(field.clean(json.dumps(BOWTIE)))
    assert geom.is_valid and geom.geom_type == "MultiPolygon" and len(geom.geoms) == 2
    assert shapely.equals(geom, shapely.make_valid(shape(BOWTIE)))
