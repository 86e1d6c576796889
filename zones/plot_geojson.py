"""A zone's plots for its map, fetched apart from the page: simplified for the zoom shown, cached, versioned.

A zone with more than ``ZONE_MAP_EMBED_LIMIT`` plots does not embed them in its page; the page's map fetches
this collection (zones/js/plot_map.js) at the zoom it shows. Each zoom bucket keeps one pixel of detail (the
tolerance of ``maps.rendering.tolerance_for_zoom``). The collection is cached per zone, zoom bucket, language
and area unit, under a version that moves whenever the zone's plots change (``plots_changed``, a plot saved
or deleted) and with the zone's last publication (its price range prices the plots).

Every text is plain: the script writes it into the popup with ``textContent``, never as HTML.
"""

import hashlib
import json

import numpy as np
import shapely
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.formats import number_format
from django.utils.translation import get_language
from shapely.geometry import mapping, shape

from core.caching import SharedVersion
from maps.rendering import grid_for_tolerance, simplify, tolerance_for_zoom

from . import units
from .choices import LandUse, PlotStatus
from .signals import plots_changed

#: The zooms a collection is simplified for; a zoom outside is served at the nearest.
MIN_ZOOM, MAX_ZOOM = 10, 18
#: How long a built collection stays cached; the key changes with the zone's plots anyway.
CACHE_SECONDS = 24 * 3600
#: How long a browser may keep a collection without asking again (its URL names the version).
BROWSER_MAX_AGE = 300
#: Zones with more plots than this fetch them for their map instead of embedding them (the default).
DEFAULT_EMBED_LIMIT = 300


def embed_limit() -> int:
    """The most plots a zone page embeds in its map (setting ``ZONE_MAP_EMBED_LIMIT``)."""
    return int(getattr(settings, "ZONE_MAP_EMBED_LIMIT", DEFAULT_EMBED_LIMIT))


def zoom_bucket(zoom) -> int:
    """The zoom a collection is built for: ``zoom`` as a whole number within ``MIN_ZOOM``–``MAX_ZOOM``; the
    zone's fitted view when it is no number."""
    try:
        value = round(float(zoom))
    except (TypeError, ValueError, OverflowError):
        value = MIN_ZOOM
    return max(MIN_ZOOM, min(MAX_ZOOM, value))


def _version(zone) -> SharedVersion:
    return SharedVersion(f"zones:plot-map-version:{zone.translation_key}")


def plots_version(zone) -> int:
    """A number that changes whenever the plots of ``zone`` (any translation) change."""
    return _version(zone).current()


def version(zone) -> str:
    """A token that changes whenever the plots of ``zone`` (any translation) or the zone's publication change."""
    published = zone.last_published_at.isoformat() if zone.last_published_at else ""
    return f"{_version(zone).current()}-{zone.pk}-{published}"


def invalidate(zone) -> None:
    """Make every cached collection of ``zone``'s plots stale, in every translation and process: now, and again
    once the transaction commits (a process reading the plots in between keeps what it read at a version that
    then moves)."""
    _version(zone).bump()
    transaction.on_commit(_version(zone).bump)


def _price(value) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True) if value is not None else ""


def build_collection(zone, zoom: int, unit: str) -> dict:
    """The plots of ``zone`` as a GeoJSON FeatureCollection simplified for ``zoom`` (topology kept, coordinates
    snapped to a grid below the tolerance), with the plain-text properties the map's popups and styles use:
    ``code``, ``status``, ``status_label``, ``land_use_label``, ``area`` (in ``unit``), ``price`` (USD/m²)."""
    rows = list(zone.all_plots().order_by("code").values_list(
        "pk", "code", "land_use", "status", "area_m2", "price_override_usd", "geometry"))
    geoms = np.array([shape(row[6]) if row[6] else None for row in rows], dtype=object)
    tolerance = tolerance_for_zoom(zoom)
    geoms = simplify(geoms, tolerance, grid=grid_for_tolerance(tolerance))
    statuses, land_uses = dict(PlotStatus.choices), dict(LandUse.choices)
    features = []
    for (pk, code, land_use, status, area_m2, price, _geometry), geom in zip(rows, geoms, strict=True):
        if geom is None or shapely.is_empty(geom):
            continue
        price = price if price is not None else zone.land_price_min_usd
        features.append({"type": "Feature", "id": pk, "geometry": mapping(geom), "properties": {
            "code": code, "status": status, "status_label": str(statuses.get(status, status)),
            "land_use_label": str(land_uses.get(land_use, land_use)),
            "area": units.format_area(area_m2, unit), "price": _price(price)}})
    return {"type": "FeatureCollection", "zoom": zoom, "features": features}


def plot_collection(zone, zoom, unit: str) -> tuple[bytes, str]:
    """The collection of :func:`build_collection` for the zoom bucket of ``zoom`` as JSON, from the cache when
    the zone's plots have not changed since it was built, and its ETag."""
    zoom, unit = zoom_bucket(zoom), units.valid(unit) or units.DEFAULT
    token = f"{version(zone)}:{zoom}:{get_language()}:{unit}"
    etag = hashlib.sha256(token.encode()).hexdigest()[:32]
    key = f"zones:plot-map:{etag}"
    collection = cache.get(key)
    if collection is None:
        collection = json.dumps(build_collection(zone, zoom, unit), separators=(",", ":")).encode()
        cache.set(key, collection, CACHE_SECONDS)
    return collection, etag


def _plots_changed(sender, zone, **kwargs):
    invalidate(zone)


def _plot_saved_or_deleted(sender, instance, **kwargs):
    zone = type(instance)._meta.get_field("zone").related_model.objects.filter(pk=instance.zone_id).first()
    if zone is not None:
        invalidate(zone)


plots_changed.connect(_plots_changed, dispatch_uid="zones.plot_geojson.plots_changed")
post_save.connect(_plot_saved_or_deleted, sender="zones.Plot", dispatch_uid="zones.plot_geojson.plot_saved")
post_delete.connect(_plot_saved_or_deleted, sender="zones.Plot", dispatch_uid="zones.plot_geojson.plot_deleted")
