"""How rendered maps open: a metric scale only, a single point at a zoom that shows its surroundings, and
popup links labelled by what they open."""

import re

from django.utils import translation
from shapely.geometry import box, mapping

from maps import rendering
from zones import plot_maps


def point(lon: float, lat: float, **extra) -> dict:
    return {"id": f"project-{lon}", "name": "Project", "url": "/en/projects/347/",
            "geometry": {"type": "Point", "coordinates": [lon, lat]}, "centroid": [lon, lat], **extra}


def fit_options(script: str) -> str:
    return re.search(r"fitBounds\(\s*\[\[[^\]]*\], \[[^\]]*\]\],\s*(\{[^}]*\})", script).group(1)


def test_every_map_shows_a_metric_scale_only():
    overview = rendering.overview_map([point(106.9, 11.5)])
    zone_map = plot_maps.zone_map(None, [{"id": 1, "code": "P1", "land_use": "industrial", "status": "available",
                                          "geometry": mapping(box(106.9, 11.5, 106.91, 11.51))}])
    for rendered in (overview, zone_map):
        assert "L.control.scale({imperial: false})" in rendered.script
        assert "L.control.scale()" not in rendered.script


def test_a_single_point_opens_at_a_street_level_zoom():
    options = fit_options(rendering.overview_map([point(106.9, 11.5)]).script)
    assert f'"maxZoom": {rendering.POINT_ZOOM}' in options
    assert 13 <= rendering.POINT_ZOOM <= 14


def test_areas_are_fitted_without_a_zoom_cap():
    small_zone = {"id": 1, "name": "Zone", "url": "/en/zones/z/",
                  "geometry": mapping(box(106.9, 11.5, 106.902, 11.502))}
    assert "maxZoom" not in fit_options(rendering.overview_map([small_zone, point(106.901, 11.501)]).script)


def link_of(feature: dict) -> str:
    return rendering.popup_parts(feature)[3]


def test_popup_link_says_what_it_opens():
    with translation.override("en"):
        assert "Open the project page" in link_of(point(106.9, 11.5, type="project"))
        assert "Open the zone page" in link_of(point(106.9, 11.5, type="zone"))
        assert "Open the zone page" in link_of(point(106.9, 11.5))  # the zone maps give no type
        assert "Open the incentive policy" in link_of(point(106.9, 11.5, type="policy"))
        assert "Open the procedure" in link_of(point(106.9, 11.5, type="procedure"))
        assert "Open the page" in link_of(point(106.9, 11.5, type="page"))


def test_popup_link_labels_are_translated():
    with translation.override("vi"):
        popup = link_of(point(106.9, 11.5, type="project"))
    assert "Mở trang dự án" in popup and "Mở trang khu" not in popup


def test_a_point_is_drawn_once_by_its_marker_and_an_area_by_its_outline_and_marker():
    zone = {"id": "zone-1", "name": "Zone", "url": "/en/zones/z/",
            "geometry": mapping(box(106.9, 11.5, 106.92, 11.52))}
    script = rendering.overview_map([zone, point(106.95, 11.55)]).script
    assert script.count('"type":"Point"') == 0 and script.count('"type":"Polygon"') == 1
    assert script.count('"Project", 1]') == 1 and script.count('"Zone", 0]') == 1  # one marker row each
