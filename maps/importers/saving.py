"""Saving a prepared layer: zones as ZonePage children of a ZoneIndexPage, plots by code in bulk.

Callers wrap these in ONE transaction (see services.run_import); geometry JSON, bounding boxes and
projected areas are computed for the whole layer at once.
"""

import json
from collections.abc import Callable

import numpy as np
import shapely
from django.db import connection
from django.utils.text import slugify

from zones.models import Plot, ZoneIndexPage, ZonePage
from zones.signals import plots_changed

from ..geometry import utm_crs_for
from .processing import PreparedLayer

BATCH = 500
Progress = Callable[[float], None]


def _geometry_columns(prepared: PreparedLayer) -> dict[str, list]:
    """GeoJSON text, bbox and area (m², in the layer's UTM zone) for every feature, vectorised."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    bounds = shapely.bounds(geoms)
    centre = shapely.centroid(shapely.box(*shapely.total_bounds(geoms)))
    areas = frame.geometry.to_crs(utm_crs_for(centre.x, centre.y)).area.to_numpy()
    return {"geojson": shapely.to_geojson(geoms).tolist(), "bounds": bounds.tolist(), "area": areas.tolist()}


def _apply_geometry(obj, geojson: str, bounds: list, area: float, source_crs: str) -> None:
    obj.geometry = json.loads(geojson)
    obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat = bounds
    obj.area_m2 = area
    obj.source_crs = source_crs


def _insert_plots(rows: list[dict], progress: Progress, total: int) -> None:
    """Insert new plots with one ``executemany`` per batch, geometry passed as ready-made GeoJSON text.

    The ORM's bulk_create builds a model instance per row and re-serialises every geometry; for a layer of
    ten thousand plots that costs ten times the file read. Columns and defaults come from the model's
    fields, so a field added to Plot is filled with its default. Other databases than PostgreSQL and
    SQLite fall back to bulk_create.
    """
    fields = [field for field in Plot._meta.concrete_fields if not field.primary_key]
    if connection.vendor not in {"postgresql", "sqlite"}:
        plots = [Plot(**{key: (json.loads(value) if key == "geometry" else value) for key, value in row.items()})
                 for row in rows]
        for start in range(0, len(plots), BATCH):
            Plot.objects.bulk_create(plots[start:start + BATCH])
            progress(min(start + BATCH, len(plots)) / total)
        return
    defaults = {field.attname: field.get_db_prep_save(field.get_default(), connection) for field in fields}
    json_placeholder = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    placeholders = ", ".join(json_placeholder if field.attname == "geometry" else "%s" for field in fields)
    # Identifiers come from the model's metadata (quoted), values are parameters.
    sql = (f"INSERT INTO {connection.ops.quote_name(Plot._meta.db_table)} "  # noqa: S608
           f"({', '.join(connection.ops.quote_name(field.column) for field in fields)}) VALUES ({placeholders})")
    names = [field.attname for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            batch = rows[start:start + BATCH * 4]
            cursor.executemany(sql, [tuple(row.get(name, defaults[name]) for name in names) for row in batch])
            progress(min(start + len(batch), len(rows)) / total)


def save_plots(prepared: PreparedLayer, zone: ZonePage, progress: Progress) -> tuple[int, int]:
    """Create or update the zone's plots by code; returns (created, updated)."""
    columns = _geometry_columns(prepared)
    existing = {plot.code: plot for plot in Plot.objects.for_zone(zone)}
    frame = prepared.frame
    new_rows, changed = [], []
    for index, (code, land_use, status) in enumerate(zip(frame["code"], frame["land_use"], frame["status"],
                                                         strict=True)):
        plot = existing.get(code)
        if plot is None:
            min_lon, min_lat, max_lon, max_lat = columns["bounds"][index]
            new_rows.append({"zone_id": zone.pk, "code": code, "land_use": land_use, "status": status,
                             "geometry": columns["geojson"][index], "source_crs": prepared.source_crs,
                             "min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat,
                             "area_m2": columns["area"][index]})
            continue
        plot.land_use, plot.status = land_use, status
        _apply_geometry(plot, columns["geojson"][index], columns["bounds"][index], columns["area"][index],
                        prepared.source_crs)
        changed.append(plot)
    total = max(len(new_rows) + len(changed), 1)
    _insert_plots(new_rows, progress, total)
    fields = ["land_use", "status", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "area_m2", "source_crs"]
    for start in range(0, len(changed), BATCH):
        Plot.objects.bulk_update(changed[start:start + BATCH], fields)
        progress((len(new_rows) + min(start + BATCH, len(changed))) / total)
    plots_changed.send(sender=Plot, zone=zone)
    return len(new_rows), len(changed)


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
            _apply_geometry(zone, columns["geojson"][position], columns["bounds"][position],
                            columns["area"][position], prepared.source_crs)
            index.add_child(instance=zone)
            created += 1
        else:
            zone.title = name
            _apply_geometry(zone, columns["geojson"][position], columns["bounds"][position],
                            columns["area"][position], prepared.source_crs)
            updated += 1
        revision = zone.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        progress((position + 1) / total)
    return created, updated
