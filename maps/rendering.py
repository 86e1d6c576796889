"""Folium maps rendered inside our own pages, with every asset served from our static files.

A map is built with folium, then split into the parts of its figure (asset links, the map ``<div>`` and the
script) so that a template can place them in the page: no iframe, no second document, no CDN. Folium's
class-level asset lists are never touched: each map instance and plugin instance gets its own lists.

Rendered maps are cached under a digest of their input (features, language, tiles, asset URLs), so an
unchanged map is not rendered twice and a changed one never served stale.

Every value that comes from a file or an editor is escaped (``format_html``) before it reaches a popup
or tooltip, or reaches the browser as text that it sets as text (the overview's popups, ``maps/js/popup.js``);
JSON embedded in a script never holds ``<`` (``script_json``, and folium's own escapes ``>``, ``&`` and ``'`` too).
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

import folium
import numpy as np
import shapely
import xyzservices
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from folium.elements import MacroElement
from folium.plugins import FastMarkerCluster
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import mapping, shape

#: Above this many features Leaflet draws on one canvas instead of one SVG element per feature.
CANVAS_THRESHOLD = 200
#: Coordinates are rounded to this grid in degrees (about 1 m) before they are embedded.
COORDINATE_GRID = 1e-5
#: Boundaries on the overview keep one pixel of detail this many zoom levels past the fitted view.
DETAIL_ZOOMS = 2
#: The map size used to work out the zoom the overview opens at.
VIEW_PX = (800, 480)
#: How long a rendered map stays cached; the key changes with any change of its input anyway.
RENDER_CACHE_SECONDS = 24 * 3600
#: The deepest zoom a map allows (OpenStreetMap-style tiles stop at 19).
MAX_ZOOM = 19
#: From this zoom on, markers are no longer clustered.
UNCLUSTER_ZOOM = 12
#: The closest zoom a map of points only opens at (a single point: the streets around it).
POINT_ZOOM = 14
POINT_TYPES = (shapely.GeometryType.POINT, shapely.GeometryType.MULTIPOINT)
#: Part of every render cache key: raise it when the rendered markup changes for the same input.
RENDER_VERSION = 7

AREA_STYLE = {"color": "#0b5a7a", "weight": 2, "fillColor": "#0b5a7a", "fillOpacity": 0.15}
BOUNDARY_STYLE = {"color": "#0b5a7a", "weight": 3, "fill": False}


def leaflet_js() -> list[tuple[str, str]]:
    """Leaflet's script, served locally, and ours that makes every map's features usable from the keyboard."""
    return [("leaflet", static("vendor/leaflet/leaflet.js")), ("portal_maps_keyboard", static("maps/js/keyboard.js"))]


def leaflet_css() -> list[tuple[str, str]]:
    """Leaflet's stylesheet and ours, served locally."""
    return [("leaflet_css", static("vendor/leaflet/leaflet.css")), ("portal_maps_css", static("maps/css/maps.css"))]


@dataclass(frozen=True)
class LegendItem:
    """One line of a map legend: a colour, a dash pattern and a translated label."""

    colour: str
    label: str
    dash: str | None = None


@dataclass(frozen=True)
class RenderedMap:
    """The parts of a folium figure that a page template places itself.

    ``html`` is the map element and ``script`` the code that draws the map once the page is parsed; the template
    wraps ``script`` in ``<script nonce="…">`` so the Content-Security-Policy allows it. ``asset_urls`` lists the
    stylesheets and scripts in the order they load (``asset_links`` makes their tags, each once per page).
    """

    html: SafeString
    script: SafeString
    feature_count: int = 0
    is_empty: bool = False
    legend: list[LegendItem] = field(default_factory=list)
    asset_urls: list[str] = field(default_factory=list)


class PortalMap(folium.Map):
    """A folium ``Map`` that lives inside one of our pages.

    Folium's own header sets ``html, body`` to full height and adds an inline script; here the header is
    empty and the size sits on the map element itself, which keeps the Leaflet map as ``portalMap`` for
    the page's own scripts. Only Leaflet is loaded: no jQuery, Bootstrap or
    Font Awesome, which the maps here do not use. Leaflet loads deferred, so the whole script waits for
    ``DOMContentLoaded`` (deferred scripts run before it); page scripts that use ``portalMap`` wait for it too.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}{% endmacro %}

        {% macro html(this, kwargs) %}
            <div class="folium-map portal-map" id={{ this.get_name()|tojson }}
                 style="height: {{ this.height[0] }}{{ this.height[1] }}"></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            L.Icon.Default.imagePath = L.Icon.Default.imagePath || {{ this.marker_images|tojson }};
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }}, ...{{ this.options|tojavascript }}}
            );
            {{ this.get_name() }}.getContainer().portalMap = {{ this.get_name() }};
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, *, height: str = "480px", prefer_canvas: bool = False, **kwargs):
        tiles_url = getattr(settings, "MAP_TILES_URL", "")
        super().__init__(
            tiles=None, height=height, prefer_canvas=prefer_canvas, control_scale=True, **kwargs
        )
        self.default_js = leaflet_js()
        self.default_css = leaflet_css()
        # Leaflet reads its marker images' folder from its CSS, where the manifest storage has hashed the name
        # beyond its recognition; the folder also holds the images under their own names.
        self.marker_images = static("vendor/leaflet/images/marker-icon.png").rsplit("/", 1)[0] + "/"
        # Leaflet.markercluster needs the map's own maxZoom when there is no tile layer to lend one.
        self.options["max_zoom"] = MAX_ZOOM
        if tiles_url:
            folium.TileLayer(
                tiles=tile_provider(tiles_url), attr=getattr(settings, "MAP_TILES_ATTRIBUTION", "") or " ",
                max_zoom=MAX_ZOOM,
            ).add_to(self)


@lru_cache(maxsize=8)
def tile_provider(url: str) -> xyzservices.TileProvider:
    """The tile server of ``MAP_TILES_URL`` as a provider: given a URL, folium first looks for it among the names of
    every provider it knows, which costs more than the rest of a map's making."""
    return xyzservices.TileProvider(name="tiles", url=url, attribution="")


def marker_cluster_assets() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Leaflet.markercluster's script and stylesheets, served locally."""
    return ([("markerclusterjs", static("vendor/leaflet.markercluster/leaflet.markercluster.js"))],
            [("markerclustercss", static("vendor/leaflet.markercluster/MarkerCluster.css")),
             ("markerclusterdefaultcss", static("vendor/leaflet.markercluster/MarkerCluster.Default.css"))])


def clustered_markers(data: list, callback: str) -> FastMarkerCluster:
    """A folium ``FastMarkerCluster`` loading Leaflet.markercluster from our static files."""
    cluster = FastMarkerCluster(data, callback=callback, disable_clustering_at_zoom=UNCLUSTER_ZOOM,
                                show_coverage_on_hover=False, control=False)
    cluster.default_js, cluster.default_css = marker_cluster_assets()
    return cluster


def render(fmap: folium.Map, *, feature_count: int = 0, legend: list[LegendItem] | None = None,
           is_empty: bool = False) -> RenderedMap:
    """Render ``fmap`` and split its figure into asset URLs, map element and script.

    Raises ``ImproperlyConfigured`` if any asset would be loaded from another host.
    """
    figure = fmap.get_root()
    figure.header._children.pop("meta_http", None)
    figure.render()
    assets = [child.url for child in figure.header._children.values() if hasattr(child, "url")]
    foreign = [url for url in assets if "//" in url]
    if foreign:
        raise ImproperlyConfigured(f"A map asset would load from another host: {foreign}")
    return RenderedMap(
        html=mark_safe(figure.html.render()),  # noqa: S308 - folium markup, values escaped upstream
        script=mark_safe(  # noqa: S308
            'document.addEventListener("DOMContentLoaded", function () {\n' + figure.script.render() + "\n});"),
        feature_count=feature_count,
        is_empty=is_empty,
        legend=legend or [],
        asset_urls=assets,
    )


def asset_links(urls: list[str]) -> SafeString:
    """Links to a map's stylesheets and deferred scripts, in order."""
    return format_html_join("\n", "{}", (
        (format_html('<script defer src="{}"></script>', url) if url.endswith(".js")
         else format_html('<link rel="stylesheet" href="{}">', url),) for url in urls))


def fitted_zoom(bounds: tuple[float, float, float, float], view_px: tuple[int, int] = VIEW_PX) -> int:
    """The Web Mercator zoom at which ``bounds`` (lon/lat) fill a ``view_px`` map, as Leaflet's fitBounds."""
    min_lon, min_lat, max_lon, max_lat = bounds
    width = max(max_lon - min_lon, 1e-6)

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    height = max(merc_y(max_lat) - merc_y(min_lat), 1e-8)
    zoom_x = math.log2(view_px[0] * 360 / (256 * width))
    zoom_y = math.log2(view_px[1] * 2 * math.pi / (256 * height))
    return max(1, min(18, math.floor(min(zoom_x, zoom_y))))


def tolerance_for_zoom(zoom: int) -> float:
    """Simplification tolerance in degrees: one screen pixel at ``zoom + DETAIL_ZOOMS``."""
    return 360 / (256 * 2 ** (zoom + DETAIL_ZOOMS))


def grid_for_tolerance(tolerance: float) -> float:
    """The coarsest power-of-ten coordinate grid that stays below half the simplification tolerance."""
    return max(COORDINATE_GRID, 10 ** math.floor(math.log10(tolerance / 2)))


def simplify(geoms: np.ndarray, tolerance: float, grid: float = COORDINATE_GRID) -> np.ndarray:
    """Simplify and snap an array of geometries to the embedding ``grid``, all at once (vectorised)."""
    simplified = shapely.simplify(geoms, tolerance, preserve_topology=True)
    return shapely.set_precision(simplified, grid)


def _bounds(geoms: np.ndarray) -> tuple[float, float, float, float] | None:
    present = geoms[~shapely.is_missing(geoms)]
    if not len(present):
        return None
    return tuple(shapely.total_bounds(present))


def fit_view(fmap: folium.Map, bounds: tuple[float, float, float, float], geoms: np.ndarray) -> None:
    """Open ``fmap`` fitted to ``bounds`` (lon/lat). A map of points only opens no closer than ``POINT_ZOOM``:
    fitted to one point, Leaflet would open at its deepest zoom and show nothing around it."""
    types = shapely.get_type_id(geoms[~shapely.is_missing(geoms)])
    points_only = bool(np.isin(types, POINT_TYPES).all())
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], max_zoom=POINT_ZOOM if points_only else None)


def _decimal(value) -> str:
    return number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True) if value is not None else ""


_LINK_LABELS = {"zone": gettext_noop("Open the zone page"), "project": gettext_noop("Open the project page"),
                "policy": gettext_noop("Open the incentive policy"), "procedure": gettext_noop("Open the procedure")}


def link_label(target_type: str) -> str:
    """The translated label of a popup's link to an object of ``target_type`` (a search document type)."""
    return _(_LINK_LABELS.get(target_type, gettext_noop("Open the page")))


def popup_parts(feature: dict) -> tuple[str, list[str], str, str]:
    """What the popup of a map feature (a zone, or a place of another ``type``) says, as plain text: its name; its
    lines (kind and status, free land, land price); the address of its page, if it is a web address, and the
    link's words, which say what it opens ("" for both without one)."""
    lines = []
    kind_status = " · ".join(str(v) for v in (feature.get("kind_label"), feature.get("status_label")) if v)
    if kind_status:
        lines.append(kind_status)
    if feature.get("available_ha") is not None:
        lines.append(f"{_('Available land')}: {_decimal(feature['available_ha'])} ha")
    if feature.get("price_min") is not None or feature.get("price_max") is not None:
        price = "–".join(_decimal(v) for v in (feature.get("price_min"), feature.get("price_max")) if v is not None)
        lines.append(f"{_('Land price')}: {price} USD/m²")
    url = str(feature.get("url") or "")
    if not url.startswith(("/", "https://", "http://")):
        url = ""
    return str(feature["name"]), lines, url, link_label(feature.get("type", "zone")) if url else ""


def script_json(value) -> str:
    """``value`` as compact JSON that can sit inside a ``<script>`` element: no ``<`` (so no ``</script>`` nor
    ``<!--``), and no line or paragraph separator; other characters as they are (UTF-8 pages)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_BIND_POPUP_AND_LABEL = JsCode(
    "function (feature, layer) { layer.bindPopup(feature.properties.popup); if (feature.properties.label) {"
    " layer.bindTooltip(feature.properties.label, {permanent: true, direction: 'center', className: 'map-label'});"
    " } }")


class PopupTable(MacroElement):
    """The popups of a map's features as plain text (``popup_parts``), embedded once and shared by the layers
    that open them; the browser builds each popup when it opens (``maps/js/popup.js``)."""

    _template = Template("{% macro script(this, kwargs) %}var {{ this.get_name() }} = {{ this.rows }};{% endmacro %}")

    def __init__(self, features: list[dict]):
        super().__init__()
        self._name = "PopupTable"
        self.rows = script_json([popup_parts(feature) for feature in features])

    def opener(self, index: str) -> str:
        """JavaScript: the popup content of the row at ``index`` (an expression), made when the popup opens."""
        return f"function () {{ return window.portalPopup({self.get_name()}[{index}]); }}"

    def bind_feature(self) -> JsCode:
        """``onEachFeature`` code binding the popup whose index a feature carries in ``properties.p``."""
        return JsCode(f"function (feature, layer) {{ layer.bindPopup({self.opener('feature.properties.p')}); }}")

    def marker_callback(self) -> str:
        """A FastMarkerCluster callback for rows ``[lat, lon, title, popup index]``."""
        return ("function (row) { return L.marker([row[0], row[1]], {title: row[2], alt: row[2]})"
                f".bindPopup({self.opener('row[3]')}); }}")


class AreaLayer(MacroElement):
    """The areas of an overview (a GeoJSON FeatureCollection) in compact JSON (``script_json``), styled alike,
    each opening its popup from ``popups``."""

    _template = Template(
        "{% macro script(this, kwargs) %}L.geoJson({{ this.data }}, {style: function () { return {{ this.style }}; },"
        " onEachFeature: {{ this.popups.bind_feature().js_code }}}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}")

    def __init__(self, collection: dict, popups: PopupTable, style: dict):
        super().__init__()
        self._name = "AreaLayer"
        self.data, self.popups, self.style = script_json(collection), popups, script_json(style)


@dataclass(frozen=True)
class OverlayLayer:
    """A layer drawn over a map that the page lets the visitor switch on and off (infrastructure, say).

    ``key`` names it for the page's toggles, ``label`` is its translated name, ``style`` the Leaflet path style
    of its lines and areas, ``symbol`` the shape its points are drawn with (a ``map-symbol-*`` class of
    maps.css: circle, square, diamond, triangle, star, hexagon). Each of ``features`` is a dict with ``id``,
    ``geometry`` (GeoJSON), ``name`` (plain text, escaped here for tooltips) and ``popup`` (HTML the caller
    escaped); ``planned`` draws it fainter.
    """

    key: str
    label: str
    style: dict
    features: tuple = ()
    symbol: str = "circle"


class OverlayLayers(MacroElement):
    """The script that draws a map's overlay layers, each a Leaflet layer of its own, kept on the map element as
    ``portalOverlays`` (key -> layer) for the page's toggles (maps/js/layers.js). Points are markers with a shaped
    symbol, not tab stops (the table under the map lists them); every text reaches Leaflet escaped."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, specs) {
          var layers = {};
          specs.forEach(function (spec) {
            layers[spec.key] = L.geoJSON(spec.data, {
              style: function (feature) {
                var style = Object.assign({className: "map-overlay map-overlay-" + spec.key}, spec.style);
                return feature.properties.planned ? Object.assign(style, {opacity: 0.6, fillOpacity: 0.08}) : style;
              },
              pointToLayer: function (feature, latlng) {
                var symbol = document.createElement("span");
                symbol.style.background = spec.style.color;
                var icon = L.divIcon({className: "map-symbol map-symbol-" + spec.symbol
                                        + (feature.properties.planned ? " is-planned" : ""),
                                      html: symbol, iconSize: [24, 24]});
                // Not a tab stop: the infrastructure table under the map lists the same features.
                return L.marker(latlng, {icon: icon, title: feature.properties.name, keyboard: false});
              },
              onEachFeature: function (feature, layer) {
                layer.bindTooltip(feature.properties.tooltip);
                layer.bindPopup(feature.properties.popup);
              }
            }).addTo(map);
          });
          map.getContainer().portalOverlays = layers;
        })({{ this._parent.get_name() }}, {{ this.specs|tojson }});
        {% endmacro %}
        """)

    def __init__(self, overlays: list[OverlayLayer]):
        super().__init__()
        self._name = "OverlayLayers"
        self.specs = [{"key": overlay.key, "symbol": overlay.symbol, "style": overlay.style,
                       "data": _overlay_collection(overlay)} for overlay in overlays]


def _overlay_collection(overlay: OverlayLayer) -> dict:
    """An overlay's features as GeoJSON, with each name as plain text (marker titles) and escaped (tooltips)."""
    geoms = np.array([shape(f["geometry"]) if f.get("geometry") else None for f in overlay.features], dtype=object)
    geoms = shapely.set_precision(geoms, COORDINATE_GRID)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": feature["id"], "geometry": mapping(geom),
         "properties": {"name": _plain(feature.get("name")), "tooltip": str(escape(_plain(feature.get("name")))),
                        "popup": str(feature.get("popup") or ""), "planned": bool(feature.get("planned"))}}
        for feature, geom in zip(overlay.features, geoms, strict=True) if geom is not None]}


def add_overlays(fmap: folium.Map, overlays: list[OverlayLayer] | None) -> None:
    """Draw ``overlays`` on ``fmap``, each switchable by the page (see :class:`OverlayLayers`)."""
    if overlays:
        OverlayLayers(list(overlays)).add_to(fmap)


def _plain(value) -> str:
    """A value shown as plain text in a marker title (the browser escapes attribute text itself)."""
    return str(value) if value is not None else ""


def overview_map(features: list[dict], *, height: str = "480px",
                 overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """An overview of places (zones, projects, search hits): simplified boundaries and clustered markers, each
    with a popup the browser builds as text (``PopupTable``).

    ``features`` are plain dicts: ``id``, ``name``, ``geometry`` and optionally ``centroid``, ``url``, ``type``
    and the popup lines of :func:`popup_parts`.
    """
    geoms = np.array([shape(f["geometry"]) if f.get("geometry") else None for f in features], dtype=object)
    bounds = _bounds(geoms)
    fmap = PortalMap(height=height, prefer_canvas=len(features) > CANVAS_THRESHOLD,
                     location=[16.0, 107.0] if bounds is None else None)
    if bounds is not None:
        tolerance = tolerance_for_zoom(fitted_zoom(bounds))
        geoms = simplify(geoms, tolerance, grid=grid_for_tolerance(tolerance))
    popups = PopupTable(features).add_to(fmap)
    # Points (a project's place) are drawn by their marker alone: as GeoJSON too they would show twice.
    areas = np.flatnonzero(~shapely.is_missing(geoms) & ~np.isin(shapely.get_type_id(geoms), POINT_TYPES)).tolist()
    polygons = {
        "type": "FeatureCollection",
        "features": [
            # The zone's marker is its keyboard stop; its area would be a second one (maps/js/keyboard.js).
            {"type": "Feature", "id": features[i]["id"], "properties": {"p": i, "focus": False},
             "geometry": mapping(geoms[i])}
            for i in areas
        ],
    }
    if polygons["features"]:
        AreaLayer(polygons, popups, AREA_STYLE).add_to(fmap)
    markers = []
    for i, f in enumerate(features):
        centroid = f.get("centroid")
        if centroid is None and geoms[i] is not None:
            point = shapely.point_on_surface(geoms[i])
            centroid = (point.x, point.y)
        if centroid is not None:
            markers.append([round(centroid[1], 5), round(centroid[0], 5), _plain(f["name"]), i])
    if markers:
        clustered_markers(markers, popups.marker_callback()).add_to(fmap)
    add_overlays(fmap, overlays)
    if bounds is not None:
        fit_view(fmap, bounds, geoms)
    rendered = render(fmap, feature_count=len(features), is_empty=bounds is None)
    return replace(rendered, asset_urls=[*rendered.asset_urls, static("maps/js/popup.js")])


def place_markers(features: list[dict]) -> list[list]:
    """The markers of places (the dicts of ``overview_map``) as rows [lat, lon, name, lines, url, link] for
    maps/js/places.js: the place's point (its ``centroid``, else a point of its geometry) and what its popup says
    (``popup_parts``), all plain text: the browser sets it as text."""
    rows = []
    for feature in features:
        centroid = feature.get("centroid")
        if centroid is None and feature.get("geometry"):
            point = shapely.point_on_surface(shape(feature["geometry"]))
            centroid = (point.x, point.y)
        if centroid is not None:
            rows.append([round(centroid[1], 5), round(centroid[0], 5), *popup_parts(feature)])
    return rows


def places_map(*, height: str = "480px", overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """A map of the places its page lists (``place_markers``), which maps/js/places.js draws as ``overview_map``
    draws points: clustered markers with their popups, the map fitted to them. The map itself holds no place,
    so that one rendering serves every list (every search)."""
    fmap = PortalMap(height=height, location=[16.0, 107.0], zoom_start=8)
    add_overlays(fmap, overlays)
    rendered = render(fmap)
    scripts, stylesheets = marker_cluster_assets()
    return replace(rendered, asset_urls=[*rendered.asset_urls, *(url for _name, url in stylesheets),
                                         *(url for _name, url in scripts), static("maps/js/popup.js"),
                                         static("maps/js/places.js")])


def area_map(boundary: dict | None, features: list[dict], *, legend: list[LegendItem] | None = None,
             height: str = "480px", overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """A map of an area and the features inside it (an estate and its plots, say).

    ``boundary`` is a GeoJSON geometry (or None; a GeometryCollection draws several areas), drawn as an
    outline; each feature is a dict with ``id``, ``geometry`` (GeoJSON), ``style`` (a Leaflet path style),
    ``popup`` (HTML the caller escaped, e.g. with ``format_html``) and optionally ``label``, plain text
    shown on the feature at all times (escaped here), and ``name``, plain text naming the feature for the
    keyboard (by default its label). ``legend`` is shown under the map when a feature is
    drawn.
    """
    boundary_geom = shape(boundary) if boundary else None
    geoms = np.array([shape(f["geometry"]) if f.get("geometry") else None for f in features], dtype=object)
    geoms = shapely.set_precision(geoms, COORDINATE_GRID)
    all_geoms = np.append(geoms, np.array([boundary_geom], dtype=object))
    bounds = _bounds(all_geoms)
    fmap = PortalMap(height=height, prefer_canvas=len(features) > CANVAS_THRESHOLD,
                     location=[16.0, 107.0] if bounds is None else None)
    if boundary_geom is not None:
        folium.GeoJson(
            {"type": "Feature", "properties": {},
             "geometry": mapping(shapely.set_precision(boundary_geom, COORDINATE_GRID))},
            name="boundary", control=False, interactive=False, style_function=lambda _f: BOUNDARY_STYLE,
        ).add_to(fmap)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": f["id"],
             "properties": {"style": f.get("style") or {}, "popup": str(f.get("popup") or ""),
                            "label": escape(f["label"]) if f.get("label") else "",
                            "name": _plain(f.get("name") or f.get("label"))},
             "geometry": mapping(geoms[i])}
            for i, f in enumerate(features) if geoms[i] is not None
        ],
    }
    if collection["features"]:
        folium.GeoJson(collection, name="features", control=False, on_each_feature=_BIND_POPUP_AND_LABEL,
                       style_function=lambda feature: feature["properties"]["style"]).add_to(fmap)
    add_overlays(fmap, overlays)
    if bounds is not None:
        fit_view(fmap, bounds, all_geoms)
    return render(fmap, feature_count=len(features), legend=(legend or []) if collection["features"] else [],
                  is_empty=bounds is None)


def _render_key(kind: str, *parts) -> str:
    """A cache key naming everything a rendered map depends on: its input, language, tiles and asset URLs.

    The input is digested through pickle, ten times faster than JSON on large geometries; equal input that
    pickles differently (a float where a Decimal was) only costs a cache miss.
    """
    payload = [RENDER_VERSION, kind, translation.get_language(), getattr(settings, "MAP_TILES_URL", ""),
               leaflet_js(), leaflet_css(), static("vendor/leaflet/images/marker-icon.png"), *parts]
    digest = hashlib.sha256(pickle.dumps(payload, protocol=5))
    return f"maps:rendered:{kind}:{digest.hexdigest()}"


def cached_overview_map(features: list[dict], *, height: str = "480px",
                        overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """``overview_map`` cached by its content: identical features render once, any change renders anew."""
    key = _render_key("overview", height, features, overlays or [])
    rendered = cache.get(key)
    if rendered is None:
        rendered = overview_map(features, height=height, overlays=overlays)
        cache.set(key, rendered, RENDER_CACHE_SECONDS)
    return rendered


def cached_places_map(*, height: str = "480px", overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """``places_map`` cached by its height and overlays."""
    return cached_render("places", lambda: places_map(height=height, overlays=overlays), height, overlays or [])


def cached_render(kind: str, build: Callable[[], RenderedMap], *parts) -> RenderedMap:
    """``build()`` cached under ``parts``, the input a caller's map is made from (plain data it would turn into
    features): a caller whose features cost more to make than their input to digest keys the map by that input."""
    key = _render_key(kind, *parts)
    rendered = cache.get(key)
    if rendered is None:
        rendered = build()
        cache.set(key, rendered, RENDER_CACHE_SECONDS)
    return rendered


def cached_area_map(boundary: dict | None, features: list[dict], *, legend: list[LegendItem] | None = None,
                    height: str = "480px", overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """``area_map`` cached by its content (its overlays included)."""
    key = _render_key("area", height, boundary, features, legend, overlays or [])
    rendered = cache.get(key)
    if rendered is None:
        rendered = area_map(boundary, features, legend=legend, height=height, overlays=overlays)
        cache.set(key, rendered, RENDER_CACHE_SECONDS)
    return rendered
