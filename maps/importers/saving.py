"""Saving a prepared layer: zones as ZonePage children of a ZoneIndexPage, plots by code in bulk.

Callers wrap these in ONE transaction (see services.run_import); geometry JSON, bounding boxes and
projected areas are computed for the whole layer at once.
"""

import json
from collections.abc import Callable

import numpy as np
import shapely
from django.utils.text import slugify

from zones.models import Plot, ZoneIndexPage, ZonePage

from ..geometry import utm_crs_for
from .processing import PreparedLayer

BATCH = 500
Progress = Callable[[float], None]


def _geometry_columns(prepared: PreparedLayer) -> dict[str, list]:
    """GeoJSON, bbox and area (m², in the layer's UTM zone) for every feature, vectorised."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    bounds = shapely.bounds(geoms)
    centre = shapely.centroid(shapely.box(*shapely.total_bounds(geoms)))
    areas = frame.geometry.to_crs(utm_crs_for(centre.x, centre.y)).area.to_numpy()
    return {
        "geometry": [json.loads(text) for text in shapely.to_geojson(geoms)],
        "bounds": bounds.tolist(),
        "area": areas.tolist(),
    }


def _apply_geometry(obj, geometry: dict, bounds: list, area: float, source_crs: str) -> None:
    obj.geometry = geometry
    obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat = bounds
    obj.area_m2 = area
    obj.source_crs = source_crs


def save_plots(prepared: PreparedLayer, zone: ZonePage, progress: Progress) -> tuple[int, int]:
    """Create or update the zone's plots by code; returns (created, updated)."""
    columns = _geometry_columns(prepared)
    existing = {plot.code: plot for plot in Plot.objects.for_zone(zone)}
    frame = prepared.frame
    new, changed = [], []
    for index, (code, land_use, status) in enumerate(zip(frame["code"], frame["land_use"], frame["status"],
                                                         strict=True)):
        plot = existing.get(code) or Plot(zone=zone, code=code)
        plot.land_use, plot.status = land_use, status
        _apply_geometry(plot, columns["geometry"][index], columns["bounds"][index], columns["area"][index],
                        prepared.source_crs)
        (changed if plot.pk else new).append(plot)
    total = max(len(new) + len(changed), 1)
    done = 0
    for start in range(0, len(new), BATCH):
        Plot.objects.bulk_create(new[start:start + BATCH])
        done += len(new[start:start + BATCH])
        progress(done / total)
    fields = ["land_use", "status", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "area_m2", "source_crs"]
    for start in range(0, len(changed), BATCH):
        Plot.objects.bulk_update(changed[start:start + BATCH], fields)
        done += len(changed[start:start + BATCH])
        progress(done / total)
    return len(new), len(changed)


def _unique_slug(index: ZoneIndexPage, base: str, taken: set[str]) -> str:
    slug, number = base or "zone", 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def save_zones(prepared: PreparedLayer, index: ZoneIndexPage, publish: bool, user, progress: Progress
               ) -> tuple[int, int]:
    """Create or update ZonePages under ``index`` by code, as drafts or published; returns (created, updated)."""
    columns = _geometry_columns(prepared)
    frame = prepared.frame
    existing = {zone.code: zone for zone in ZonePage.objects.filter(code__in=list(frame["code"]),
                                                                     locale_id=index.locale_id)}
    taken = set(index.get_children().values_list("slug", flat=True))
    created = updated = 0
    total = max(len(frame), 1)
    for position, (code, name) in enumerate(zip(frame["code"], frame["name"], strict=True)):
        zone = existing.get(code)
        if zone is None:
            zone = ZonePage(title=name, code=code, slug=_unique_slug(index, slugify(code)[:50], taken),
                            live=False)
            _apply_geometry(zone, columns["geometry"][position], columns["bounds"][position],
                            columns["area"][position], prepared.source_crs)
            index.add_child(instance=zone)
            created += 1
        else:
            zone.title = name
            _apply_geometry(zone, columns["geometry"][position], columns["bounds"][position],
                            columns["area"][position], prepared.source_crs)
            updated += 1
        revision = zone.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        progress((position + 1) / total)
    return created, updated
