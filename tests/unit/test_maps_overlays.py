"""Overlay layers on the maps: one Leaflet layer per overlay kept for the page's switches, names escaped, the
overlays part of the rendered-map cache key; straight-line distances on the ellipsoid."""

import json
import re

import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, box, mapping

from maps import rendering
from maps.distances import distances_km

XSS = "<img src=x onerror=alert(1)>"


def overlay(key: str = "substation", name: str = "Substation A", **style) -> rendering.OverlayLayer:
    features = (
        {"id": 1, "name": name, "geometry": mapping(Point(106.6, 11.5)), "popup": "<strong>escaped</strong>"},
        {"id": 2, "name": "Line B", "geometry": mapping(LineString([(106.6, 11.5), (106.7, 11.6)])),
         "popup": "", "planned": True},
    )
    return rendering.OverlayLayer(key=key, label="Substations", style={"color": "#b3261e", **style},
                                  features=features, symbol="square")


def overlay_specs(script: str) -> list:
    """The overlay specifications embedded in a map's script (decoded from folium's escaped JSON)."""
    match = re.search(r"portalOverlays = layers;\s*\}\)\(\w+, (\[.*\])\);", script, re.S)
    assert match, "the overlay script is missing"
    return json.loads(match.group(1))


def test_each_overlay_is_a_layer_kept_on_the_map_for_the_page_switches():
    boundary = mapping(box(106.55, 11.45, 106.65, 11.55))
    rendered = rendering.area_map(boundary, [], overlays=[overlay("substation"), overlay("road")])
    specs = overlay_specs(rendered.script)
    assert [spec["key"] for spec in specs] == ["substation", "road"]
    assert specs[0]["symbol"] == "square" and specs[0]["style"]["color"] == "#b3261e"
    kinds = [feature["geometry"]["type"] for feature in specs[0]["data"]["features"]]
    assert kinds == ["Point", "LineString"]
    assert specs[0]["data"]["features"][1]["properties"]["planned"] is True
    assert "keyboard: false" in rendered.script  # not tab stops: the table under the map lists them


def test_overlay_names_reach_leaflet_escaped():
    rendered = rendering.overview_map([], overlays=[overlay(name=XSS)])
    assert "<img" not in rendered.script
    properties = overlay_specs(rendered.script)[0]["data"]["features"][0]["properties"]
    assert properties["tooltip"] == "&lt;img src=x onerror=alert(1)&gt;"  # bound as HTML by Leaflet
    assert properties["name"] == XSS  # the marker's title attribute: text, set by Leaflet as a property


def test_no_overlays_no_overlay_script():
    assert "portalOverlays" not in rendering.area_map(None, []).script


def test_overlays_are_part_of_the_render_cache_key(monkeypatch):
    boundary = mapping(box(106.55, 11.45, 106.65, 11.55))
    first = rendering.cached_area_map(boundary, [], overlays=[overlay(name="Substation A")])
    renders = []
    real = rendering.area_map
    monkeypatch.setattr(rendering, "area_map", lambda *args, **kwargs: renders.append(1) or real(*args, **kwargs))
    again = rendering.cached_area_map(boundary, [], overlays=[overlay(name="Substation A")])
    assert renders == [] and again.script == first.script  # unchanged input: served from the cache
    renamed = rendering.cached_area_map(boundary, [], overlays=[overlay(name="Substation B")])
    assert renders == [1] and "Substation B" in renamed.script
    index = rendering.cached_overview_map([], overlays=[overlay(name="Substation A")])
    changed = rendering.cached_overview_map([], overlays=[overlay(name="Substation A", dashArray="4 4")])
    assert "4 4" in changed.script and "4 4" not in index.script


def test_distances_are_measured_on_the_ellipsoid():
    zone = box(106.60, 11.40, 106.70, 11.50)
    geoms = np.array([Point(106.65, 11.60), Point(106.65, 11.45), LineString([(106.80, 11.0), (106.80, 12.0)]),
                      None], dtype=object)
    result = distances_km(zone, geoms)
    geod = Geod(ellps="WGS84")
    north = geod.inv(106.65, 11.50, 106.65, 11.60)[2] / 1000  # ~11.06 km, not 0.1 "degrees"
    east = geod.inv(106.70, 11.45, 106.80, 11.45)[2] / 1000  # ~10.9 km: a degree of longitude is shorter
    assert result[0] == pytest.approx(north, rel=2e-3)
    assert result[1] == 0
    assert result[2] == pytest.approx(east, rel=2e-3)
    assert np.isnan(result[3])
