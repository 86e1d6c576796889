"""A GeoJSON polygon field edited on a map: the textarea holds the value (and takes pasted GeoJSON), the map
draws, edits, cuts and snaps it with Leaflet-Geoman, and a GeoJSON file can be read into it in the browser."""

import json

import shapely
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from shapely.geometry import mapping, shape

from .geometry import repair

#: Longest GeoJSON text accepted (characters) and most vertices in one geometry: a boundary drawn by hand or
#: surveyed fits well within both; more is a data import, which the GIS import handles.
MAX_CHARS = 1_000_000
MAX_VERTICES = 20_000


def editor_strings() -> dict:
    """The map editor's (Leaflet-Geoman's) words for the tools the widget shows, in the active language; Geoman
    falls back to its English for any other."""
    return {
        "tooltips": {"firstVertex": gettext("Click to place the first corner"),
                     "continueLine": gettext("Click to place the next corner"),
                     "finishPoly": gettext("Click the first corner to finish"),
                     "finishRect": gettext("Click to finish the rectangle")},
        "actions": {"finish": gettext("Finish"), "cancel": gettext("Cancel"),
                    "removeLastVertex": gettext("Remove the last corner")},
        "buttonTitles": {"drawPolyButton": gettext("Draw a polygon"), "drawRectButton": gettext("Draw a rectangle"),
                         "editButton": gettext("Edit layers"), "dragButton": gettext("Move the shape"),
                         "cutButton": gettext("Cut"),
                         "deleteButton": gettext("Remove a shape")},
    }


class GeometryWidget(forms.Textarea):
    """The textarea of a GeoJSON geometry, enhanced with a map editor; ``reference`` is a GeoJSON
    FeatureCollection shown read-only under it (neighbours to see and snap to)."""

    template_name = "maps/widgets/geometry_map.html"

    def __init__(self, attrs=None, *, reference: dict | None = None, single_part: bool = False):
        super().__init__({"rows": 6, "spellcheck": "false", **(attrs or {})})
        self.reference = reference
        self.single_part = single_part

    @property
    def media(self):
        return forms.Media(
            css={"all": ["vendor/leaflet/leaflet.css", "vendor/leaflet-geoman/leaflet-geoman.css",
                         "maps/css/geometry-widget.css"]},
            js=["vendor/leaflet/leaflet.js", "vendor/leaflet-geoman/leaflet-geoman.min.js",
                "maps/js/geometry-widget.js"],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update({
            "reference": self.reference or {"type": "FeatureCollection", "features": []},
            "reference_id": f"{context['widget']['attrs'].get('id', name)}-reference",
            "strings": editor_strings(),
            "strings_id": f"{context['widget']['attrs'].get('id', name)}-editor-strings",
            "single_part": self.single_part,
            "tiles_url": getattr(settings, "MAP_TILES_URL", ""),
            "tiles_attribution": getattr(settings, "MAP_TILES_ATTRIBUTION", ""),
        })
        return context


def _geometry_of(value) -> dict:
    """The geometry object of a GeoJSON geometry, Feature or one-feature FeatureCollection."""
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if len(features) != 1:
            raise ValidationError(_("%(label)s: the GeoJSON holds %(count)d features; give one polygon."),
                                  code="features", params={"count": len(features)})
        value = features[0]
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict):
        raise ValidationError(_("%(label)s: this is not a GeoJSON geometry."), code="not_geojson")
    return value


class GeometryField(forms.JSONField):
    """A polygon (or multipolygon, unless ``single_part``) as GeoJSON in WGS 84, repaired as the GIS import
    repairs one; too large, too deep or non-polygonal input is refused with a message naming the field."""

    widget = GeometryWidget

    def __init__(self, *, single_part: bool = False, **kwargs):
        self.single_part = single_part
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _refuse(self, message, code, **params):
        raise ValidationError(message, code=code, params={"label": self.label or _("Geometry"), **params})

    def _loads(self, value):
        if isinstance(value, str) and len(value) > MAX_CHARS:
            self._refuse(_("%(label)s: the GeoJSON is too large (over %(max)d characters); use the GIS import "
                           "for large data."), "too_large", max=MAX_CHARS)
        try:
            return super().to_python(value)
        except RecursionError:
            self._refuse(_("%(label)s: the GeoJSON is nested too deeply to be a geometry."), "too_deep")
        except ValidationError as exc:
            if exc.code == "invalid":
                self._refuse(_("%(label)s: this is not valid JSON."), "invalid")
            raise

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return forms.fields.InvalidJSONInput(data)

    def has_changed(self, initial, data):
        try:
            return super().has_changed(initial, data)
        except (RecursionError, ValidationError):
            return True

    def to_python(self, value):
        value = self._loads(value)
        if value in self.empty_values:
            return None
        try:
            geom = shape(_geometry_of(value))
        except ValidationError as exc:
            self._refuse(exc.message, exc.code, **(exc.params or {}))
        except (AttributeError, IndexError, KeyError, TypeError, ValueError, RecursionError,
                shapely.errors.GEOSException):
            self._refuse(_("%(label)s: this is not a GeoJSON geometry."), "not_geojson")
        if shapely.get_num_coordinates(geom) > MAX_VERTICES:
            self._refuse(_("%(label)s: the geometry has more than %(max)d vertices; use the GIS import for "
                           "detailed data."), "too_many_vertices", max=MAX_VERTICES)
        if geom.geom_type not in {"Polygon", "MultiPolygon"}:
            self._refuse(_("%(label)s: a %(kind)s is not an area; draw a polygon."), "not_polygon",
                         kind=geom.geom_type)
        geom, reason = repair(geom)
        if geom is None or geom.is_empty:
            self._refuse(_("%(label)s: the polygon is invalid (%(reason)s) and nothing is left once repaired; "
                           "draw it again."), "collapsed", reason=reason)
        if self.single_part and geom.geom_type == "MultiPolygon":
            self._refuse(_("%(label)s: the shape has %(count)d separate parts; a plot is one piece. Keep one "
                           "part here and create a new plot for each other part."), "multipart",
                         count=len(geom.geoms))
        return mapping(geom)

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        if isinstance(value, dict):
            return json.dumps(value)
        return super().prepare_value(value)
