"""Folium rendering: local assets only, folium's classes untouched, every editor/file value escaped."""

import folium
import numpy as np
import pytest
import shapely
from folium.plugins import FastMarkerCluster, MarkerCluster
from shapely.geometry import Point, box, mapping

from maps import rendering
from maps.templatetags import maps_tags
from zones import plot_maps

XSS = "<img src=x onerror=alert(1)>"


def zone(i: int, name: str | None = None, **extra) -> dict:
    geom = box(106.5 + i * 0.05, 11.5, 106.54 + i * 0.05, 11.54)
    return {"id": i + 1, "code": f"z{i}", "name": name or f"Zone {i}", "url": f"/en/zones/z{i}/",
            "kind": "industrial_park", "kind_label": "Industrial park", "status": "operating",
            "status_label": "Operating", "available_ha": 12.5, "price_min": 50.0, "price_max": 70.0,
            "geometry": mapping(geom), "centroid": [geom.centroid.x, geom.centroid.y], **extra}


def plot(i: int, status: str, **extra) -> dict:
    geom = box(106.5 + i * 0.002, 11.5, 106.5019 + i * 0.002, 11.5019)
    return {"id": i + 1, "code": f"P{i}", "land_use": "industrial", "status": status,
            "status_label": status.title(), "area_m2": 42_000.0, "price": 55.0, "geometry": mapping(geom), **extra}


@pytest.mark.smoke
def test_overview_loads_only_local_assets_and_no_jquery_or_bootstrap():
    rendered = rendering.overview_map([zone(i) for i in range(3)])
    assert rendered.asset_urls == [
        "/static/vendor/leaflet/leaflet.js", "/static/maps/js/keyboard.js", "/static/vendor/leaflet/leaflet.css",
        "/static/maps/css/maps.css",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/vendor/leaflet.markercluster/MarkerCluster.css",
        "/static/vendor/leaflet.markercluster/MarkerCluster.Default.css", "/static/maps/js/popup.js",
    ]
    header = rendering.asset_links(rendered.asset_urls)
    text = header + rendered.html + rendered.script
    for unwanted in ("http://", "https://", "jquery", "bootstrap", "awesome", "html, body", "<iframe"):
        assert unwanted not in text.lower()
    assert "L.markerClusterGroup" in rendered.script
    assert "fitBounds" in rendered.script
    assert '<script defer src="/static/vendor/leaflet/leaflet.js">' in header
    assert rendered.script.startswith('document.addEventListener("DOMContentLoaded"')


def test_a_page_with_two_maps_loads_each_asset_once(rf):
    request = rf.get("/")
    rendered = rendering.overview_map([zone(0)])
    first = maps_tags.map_context({"request": request}, rendered, "Map")
    second = maps_tags.map_context({"request": request}, rendered, "Map")
    assert first["header"].count("<script defer") == 4 and "leaflet.css" in first["header"]
    assert second["header"] == ""


def test_clusters_are_named_zones_or_places_with_both_forms():
    assert maps_tags.cluster_forms([zone(0), zone(1)]) == ("%(count)s zone near %(place)s",
                                                           "%(count)s zones near %(place)s")
    assert maps_tags.cluster_forms([zone(0), zone(1, type="project")])[1] == "%(count)s places near %(place)s"


def test_plots_are_named_for_the_keyboard_by_code_and_status():
    script = plot_maps.zone_map(zone(0), [plot(0, "available"), plot(1, "leased", code=XSS)]).script
    assert '"name": "Plot P0: Available"' in script
    assert "<img" not in script


def test_folium_class_attributes_are_never_mutated():
    before = {cls: (list(cls.default_js), list(cls.default_css))
              for cls in (folium.Map, MarkerCluster, FastMarkerCluster)}
    rendering.overview_map([zone(0)])
    plot_maps.zone_map(zone(0), [plot(0, "available")])
    after = {cls: (list(cls.default_js), list(cls.default_css)) for cls in before}
    assert after == before
    assert any("cdn" in url for _name, url in folium.Map.default_js)


def test_popups_carry_editor_values_as_text_for_the_browser_to_set_as_text():
    feature = zone(0, name=XSS, kind_label="<b>kind</b>")
    name, lines, url, link = rendering.popup_parts(feature)
    assert (name, lines[0].split(" · ")[0], url, link) == (XSS, "<b>kind</b>", "/en/zones/z0/", "Open the zone page")
    script = rendering.overview_map([feature]).script
    assert rendering.script_json(XSS) in script and "<img" not in script and "<b>" not in script


def test_popup_links_only_to_web_urls():
    assert rendering.popup_parts(zone(0, url="javascript:alert(1)"))[2:] == ("", "")
    assert rendering.popup_parts(zone(0, url='/x?a=1&b="2"'))[2] == '/x?a=1&b="2"'


def test_script_json_is_compact_and_never_holds_a_tag_opening():
    assert rendering.script_json({"a": ["</script><!--", "Đà Nẵng", "\u2028"]}) == (
        '{"a":["\\u003c/script>\\u003c!--","Đà Nẵng","\\u2028"]}')


def test_no_raw_markup_from_values_reaches_the_script():
    rendered = rendering.overview_map([zone(0, name=XSS + "</script><script>alert(2)</script>"), zone(1)])
    assert "<img" not in rendered.script
    assert "</script" not in rendered.script.lower()
    assert "<script" not in rendered.script.lower()
    plot_map = plot_maps.zone_map(zone(0, name=XSS), [plot(0, "available", code=XSS, land_use_label=XSS)])
    assert "<img" not in plot_map.script and "</script" not in plot_map.script.lower()


def test_plot_popup_escapes_and_formats():
    popup = plot_maps.plot_popup(plot(0, "leased", code=XSS))
    assert "&lt;img" in popup and "<img" not in popup
    assert "4.20 ha" in popup and "55.00 USD/m²" in popup and "Industrial" in popup


def test_canvas_renderer_when_many_features():
    few = rendering.overview_map([zone(i) for i in range(3)])
    many = plot_maps.zone_map(zone(0), [plot(i, "available") for i in range(rendering.CANVAS_THRESHOLD + 1)])
    assert '"preferCanvas": false' in few.script
    assert '"preferCanvas": true' in many.script


def test_zone_map_colours_plots_by_status_with_a_legend():
    rendered = plot_maps.zone_map(zone(0), [plot(0, "available"), plot(1, "reserved"), plot(2, "leased")])
    for status, colour in plot_maps.PLOT_COLOURS.items():
        assert colour in rendered.script
        assert f"map-plot-{status}" in rendered.script
    assert [item.colour for item in rendered.legend] == list(plot_maps.PLOT_COLOURS.values())
    assert [item.label for item in rendered.legend] == ["Available", "Reserved", "Leased"]


def test_overview_boundaries_are_simplified_for_the_zoom():
    detailed = Point(106.6, 11.6).buffer(0.05, quad_segs=256)  # 1,025 vertices
    rendered_geom = rendering.simplify(np.array([detailed], dtype=object),
                                       rendering.tolerance_for_zoom(rendering.fitted_zoom(detailed.bounds)))[0]
    assert shapely.get_num_coordinates(rendered_geom) < 200
    assert rendered_geom.symmetric_difference(detailed).area / detailed.area < 0.01
    assert rendering.fitted_zoom((106.0, 11.0, 107.0, 12.0)) == 9
    assert rendering.tolerance_for_zoom(10) == pytest.approx(360 / 256 / 4096)


def test_tiles_come_from_settings(settings):
    assert "tileLayer" not in rendering.overview_map([zone(0)]).script
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© OpenStreetMap contributors"
    script = rendering.overview_map([zone(0)]).script
    assert "L.tileLayer(" in script and '"https://tiles.example.org/{z}/{x}/{y}.png"' in script  # as written
    assert '"attribution": "\\u00a9 OpenStreetMap contributors"' in script and '"maxZoom": 19' in script


def test_an_empty_map_still_renders():
    rendered = rendering.overview_map([])
    assert "L.map(" in rendered.script and rendered.feature_count == 0
    assert "markerClusterGroup" not in rendered.script
    assert rendered.is_empty
    boundary_only = plot_maps.zone_map(zone(0), [])
    assert not boundary_only.is_empty and boundary_only.legend == []


def test_rendered_maps_are_cached_by_content():
    features = [zone(0), zone(1)]
    first = rendering.cached_overview_map(features)
    assert rendering.cached_overview_map([zone(0), zone(1)]) == first
    changed = rendering.cached_overview_map([zone(0), zone(1, name="Renamed zone")])
    assert changed != first and "Renamed zone" in changed.script
    plots = [plot(0, "available")]
    assert plot_maps.zone_map(zone(0), plots) == plot_maps.zone_map(zone(0), plots)
    assert "map-plot-leased" in plot_maps.zone_map(zone(0), [plot(0, "leased")]).script


def test_overview_popups_are_embedded_once():
    rendered = rendering.overview_map([zone(0, name="Unique name 7")])
    assert rendered.script.count('["Unique name 7",[') == 1


def test_a_new_stylesheet_renders_cached_maps_anew(monkeypatch):
    """After a deploy changes the maps' stylesheet (a new hashed name), no cached map names the old one."""
    from maps import rendering

    before = rendering._render_key("area", "480px", None, [])
    monkeypatch.setattr(rendering, "leaflet_css", lambda: [("portal_maps_css", "/static/maps/css/maps.new.css")])
    assert rendering._render_key("area", "480px", None, []) != before


def test_a_places_map_holds_no_place_and_its_places_are_escaped_rows():
    rows = rendering.place_markers([zone(0, name=XSS), {"id": 2, "name": "No place"}])
    assert len(rows) == 1  # a place without a point or a geometry has no marker
    lat, lon, name, lines, url, link = rows[0]
    assert (lat, lon) == (round(zone(0)["centroid"][1], 5), round(zone(0)["centroid"][0], 5))
    assert name == XSS  # plain text, as every part: the browser sets it as text
    assert lines == ["Industrial park · Operating", "Available land: 12.50 ha", "Land price: 50.00–70.00 USD/m²"]
    assert (url, link) == ("/en/zones/z0/", "Open the zone page")
    assert rendering.place_markers([zone(0, url="javascript:alert(1)")])[0][4:] == ["", ""]
    rendered = rendering.places_map(height="360px")
    assert "L.map(" in rendered.script and "marker" not in rendered.script.lower()
    assert rendered.asset_urls[-1].endswith("maps/js/places.js")
    assert any("leaflet.markercluster" in url for url in rendered.asset_urls)
