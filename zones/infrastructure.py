"""Infrastructure on the zone maps: the layer kinds, how each layer is drawn (colour, dash pattern and point
symbol, so that no layer is told apart by colour alone), which features a page shows and the text table of
them, with the straight-line distance from the zone.

Drawing is ``maps.rendering``'s; this module says what goes on a zone's map. It imports no module of
``zones.models`` (the pages call it through ``zones.services``): the model is found by name."""

import json
from dataclasses import dataclass

import numpy as np
from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from pyproj import Geod
from shapely.geometry import shape

from core.caching import ProcessCache, Unkeyed
from maps.distances import distances_km
from maps.rendering import OverlayLayer


class InfrastructureLayer(models.TextChoices):
    SUBSTATION = "substation", _("Power substation")
    POWER_LINE = "power_line", _("Power line")
    WATER_PLANT = "water_plant", _("Water plant")
    WASTEWATER_PLANT = "wastewater_plant", _("Wastewater plant")
    ROAD = "road", _("Main road")
    RAIL = "rail", _("Railway")
    PORT = "port", _("Port")
    AIRPORT = "airport", _("Airport")
    BORDER_GATE = "border_gate", _("Border gate")


class InfrastructureStatus(models.TextChoices):
    EXISTING = "existing", _("Existing")
    PLANNED = "planned", _("Planned")


@dataclass(frozen=True)
class LayerStyle:
    """How a layer is drawn: its colour, the dash pattern of its lines and outlines (None: solid), the line
    weight and the shape of its point symbols (a ``map-symbol-*`` class of maps.css)."""

    colour: str
    dash: str | None = None
    weight: int = 3
    symbol: str = "circle"


STYLES = {
    InfrastructureLayer.SUBSTATION: LayerStyle("#b3261e", symbol="square"),
    InfrastructureLayer.POWER_LINE: LayerStyle("#b3261e", dash="10 4 2 4", weight=2),
    InfrastructureLayer.WATER_PLANT: LayerStyle("#0b61a4", symbol="circle"),
    InfrastructureLayer.WASTEWATER_PLANT: LayerStyle("#6b4f1d", dash="4 3", symbol="diamond"),
    InfrastructureLayer.ROAD: LayerStyle("#c2410c", weight=5),
    InfrastructureLayer.RAIL: LayerStyle("#24292f", dash="12 6", weight=3),
    InfrastructureLayer.PORT: LayerStyle("#0f766e", symbol="triangle"),
    InfrastructureLayer.AIRPORT: LayerStyle("#6d28d9", symbol="star"),
    InfrastructureLayer.BORDER_GATE: LayerStyle("#9d174d", symbol="hexagon"),
}
#: Layers a zone page shows wherever they are: an investor measures the zone against them.
ALWAYS_SHOWN = (InfrastructureLayer.PORT, InfrastructureLayer.AIRPORT, InfrastructureLayer.BORDER_GATE)
#: A zone page shows the other layers within this distance of the zone's bounding box.
NEAR_KM = 30
_GEOD = Geod(ellps="WGS84")


def _model():
    return apps.get_model("zones", "InfrastructureFeature")


def features_near(zone) -> list:
    """The infrastructure a zone page shows: every port, airport and border gate, and the rest within
    ``NEAR_KM`` of the zone's bounding box (all of it when the zone has no boundary)."""
    features = _model().objects.exclude(geometry=None)
    if zone is None or zone.min_lon is None:
        return list(features)
    # The box grown by NEAR_KM along the ellipsoid: north and south from its edges, east and west at the
    # latitude where a degree of longitude is shortest (the edge farther from the equator).
    _lon, north, _az = _GEOD.fwd(zone.min_lon, zone.max_lat, 0, NEAR_KM * 1000)
    _lon, south, _az = _GEOD.fwd(zone.min_lon, zone.min_lat, 180, NEAR_KM * 1000)
    widest = zone.max_lat if abs(zone.max_lat) > abs(zone.min_lat) else zone.min_lat
    east, _lat, _az = _GEOD.fwd(zone.max_lon, widest, 90, NEAR_KM * 1000)
    west, _lat, _az = _GEOD.fwd(zone.min_lon, widest, 270, NEAR_KM * 1000)
    near = Q(min_lon__lte=east, max_lon__gte=west, min_lat__lte=north, max_lat__gte=south)
    return list(features.filter(near | Q(layer__in=ALWAYS_SHOWN)))


def feature_popup(feature, distance_km: float | None = None) -> SafeString:
    """The popup of a feature: escaped name, layer, status, details and distance from the zone."""
    lines = [format_html("<strong>{}</strong>", feature.name),
             format_html("<span>{} · {}</span>", feature.get_layer_display(), feature.get_status_display())]
    if feature.details:
        lines.append(format_html("<span>{}</span>", feature.details))
    if distance_km is not None:
        lines.append(format_html("<span>{}</span>", distance_label(distance_km)))
    return mark_safe("<br>".join(lines))  # noqa: S308 - every part is built by format_html


def distance_label(distance_km: float) -> str:
    """"12.3 km from the zone", the number formatted for the active language."""
    return gettext("%(km)s km from the zone") % {"km": number_format(round(distance_km, 1), decimal_pos=1,
                                                                      use_l10n=True)}


def _distances(zone, features: list) -> list[float | None]:
    boundary = zone.shape if zone is not None else None
    if boundary is None or not features:
        return [None] * len(features)
    geoms = np.array([shape(feature.geometry) for feature in features], dtype=object)
    return [round(float(value), 1) for value in distances_km(boundary, geoms)]


def infrastructure_for(zone=None) -> dict:
    """``infrastructure_build`` for ``zone`` (None: the zone index) in the active language, built once per process
    and kept until an infrastructure feature changes (``invalidate``: saves, deletions and GIS imports of
    features) or the zone's boundary does (part of the key: the features near it and the distances follow it)."""
    boundary = None if zone is None else (zone.pk, zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat,
                                          json.dumps(zone.geometry, sort_keys=True))
    return _built.get(get_language(), boundary, Unkeyed(zone))


def infrastructure_section(zone=None) -> SafeString:
    """The HTML of ``infrastructure_for(zone)`` under a map (zones/includes/infrastructure_section.html: layer
    switches and the table), rendered once per process for each language and boundary and kept as long as
    ``infrastructure_for``'s value (the same version)."""
    boundary = None if zone is None else (zone.pk, zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat,
                                          json.dumps(zone.geometry, sort_keys=True))
    return _sections.get(get_language(), boundary, Unkeyed(zone))


def invalidate(**kwargs) -> None:
    """Make every process rebuild ``infrastructure_for`` (a receiver of the feature's ``post_save`` and
    ``post_delete``; ``save_infrastructure`` calls it after its bulk writes): now, and again once the transaction
    commits, so that a page built meanwhile from the data before the change is not kept."""
    _built.invalidate()
    transaction.on_commit(_built.invalidate)


def infrastructure_build(zone=None) -> dict:
    """What a page shows of the infrastructure: ``map_overlays`` (one ``OverlayLayer`` per layer that has a
    feature, in the order of ``InfrastructureLayer``), ``infrastructure_legend`` (the page's layer switches)
    and ``infrastructure_rows`` for the text table (by distance from ``zone`` on a zone page, by layer and
    name on the index)."""
    features = features_near(zone)
    distances = _distances(zone, features)
    rows = [{"feature": feature, "name": feature.name, "layer": feature.layer,
             "layer_label": feature.get_layer_display(), "details": feature.details,
             "status": feature.status, "status_label": feature.get_status_display(),
             "distance_km": distance, "illustrative": feature.illustrative}
            for feature, distance in zip(features, distances, strict=True)]
    order = list(InfrastructureLayer.values)
    if zone is not None and zone.min_lon is not None:
        rows.sort(key=lambda row: (row["distance_km"] is None, row["distance_km"] or 0, row["name"]))
    else:
        rows.sort(key=lambda row: (order.index(row["layer"]), row["name"]))
    overlays, legend = [], []
    for layer in InfrastructureLayer:
        members = [row for row in rows if row["layer"] == layer]
        if not members:
            continue
        style = STYLES[layer]
        path = {"color": style.colour, "weight": style.weight, "fillColor": style.colour, "fillOpacity": 0.2}
        if style.dash:
            path["dashArray"] = style.dash
        overlays.append(OverlayLayer(
            key=str(layer.value), label=str(layer.label), style=path, symbol=style.symbol,
            features=tuple({"id": row["feature"].pk, "name": row["name"], "geometry": row["feature"].geometry,
                            "planned": row["status"] == InfrastructureStatus.PLANNED,
                            "popup": str(feature_popup(row["feature"], row["distance_km"]))}
                           for row in members)))
        kinds = {row["feature"].geometry.get("type", "") for row in members}
        legend.append({"key": str(layer.value), "label": str(layer.label), "count": len(members), "style": style,
                       "points": bool(kinds & {"Point", "MultiPoint"}),
                       "lines": bool(kinds - {"Point", "MultiPoint"})})
    return {"map_overlays": overlays, "infrastructure_legend": legend, "infrastructure_rows": rows,
            "infrastructure_distances": any(row["distance_km"] is not None for row in rows),
            "infrastructure_illustrative": any(row["illustrative"] for row in rows)}


_built = ProcessCache("zones:infrastructure-version",
                      lambda _language, _boundary, ref: infrastructure_build(ref.value), max_entries=256)
_sections = ProcessCache("zones:infrastructure-version", lambda _language, _boundary, ref: mark_safe(  # noqa: S308
    render_to_string("zones/includes/infrastructure_section.html", infrastructure_for(ref.value))), max_entries=256)
