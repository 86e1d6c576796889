"""Saving a prepared layer: zones as ZonePage children of a ZoneIndexPage, plots by code in bulk.

Callers wrap these in ONE transaction (see services.run_import); bounding boxes and projected areas are
computed for the whole layer at once, geometry JSON for a whole layer or batch.
"""

import json
from collections.abc import Callable
from itertools import repeat

import numpy as np
import shapely
from django.db import connection
from django.utils.text import slugify
from psycopg.types.json import Jsonb

from zones.models import Plot, ZoneIndexPage, ZonePage
from zones.signals import plots_changed

from ..geometry import WGS84, reproject, utm_crs_for
from .processing import PreparedLayer

BATCH = 500
Progress = Callable[[float], None]


def _areas(geoms: np.ndarray) -> np.ndarray:
    """Area (m²) of every WGS 84 geometry, measured in the UTM zone of the layer's centre."""
    centre = shapely.centroid(shapely.box(*shapely.total_bounds(geoms)))
    return shapely.area(reproject(geoms, WGS84, utm_crs_for(centre.x, centre.y)))


def _geometry_columns(prepared: PreparedLayer) -> dict[str, list]:
    """GeoJSON text, bbox and area (m², in the layer's UTM zone) for every feature, vectorised."""
    geoms = np.asarray(prepared.frame.geometry.array, dtype=object)
    return {"geojson": shapely.to_geojson(geoms).tolist(), "bounds": shapely.bounds(geoms).tolist(),
            "area": _areas(geoms).tolist()}


def _apply_geometry(obj, geojson: str, bounds: list, area: float, source_crs: str) -> None:
    obj.geometry = json.loads(geojson)
    obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat = bounds
    obj.area_m2 = area
    obj.source_crs = source_crs


def _insert_plots(columns: dict, rows: np.ndarray, progress: Progress, total: int) -> None:
    """Insert a new plot for every index in ``rows``.

    ``columns`` maps a field to one value for every plot or to an array indexed like the layer; geometry is
    an array of shapely geometries, written as GeoJSON text one batch at a time. The ORM's bulk_create
    builds a model instance per row and re-serialises every geometry: for ten thousand plots that costs ten
    times the file read. PostgreSQL gets one binary ``COPY`` (it stores a batch while the next one is being
    prepared), SQLite one ``executemany`` per batch, other databases bulk_create. Columns and defaults come
    from the model's fields, so a field added to Plot is filled with its default.
    """
    fields = [field for field in Plot._meta.concrete_fields if not field.primary_key]
    values = [columns[field.attname] if field.attname in columns
              else field.get_db_prep_save(field.get_default(), connection) for field in fields]
    geometry = next(index for index, field in enumerate(fields) if field.attname == "geometry")

    def batches(json_value=None):
        for start in range(0, len(rows), BATCH * 4):
            part = rows[start:start + BATCH * 4]
            batch = [value[part].tolist() if isinstance(value, np.ndarray) else repeat(value, len(part))
                     for value in values]
            batch[geometry] = shapely.to_geojson(values[geometry][part]).tolist()
            if json_value:
                batch[geometry] = map(json_value, batch[geometry])
            yield start + len(part), zip(*batch, strict=False)  # rows made as they are sent, then dropped

    if connection.vendor not in {"postgresql", "sqlite"}:
        for done, batch in batches(json.loads):
            Plot.objects.bulk_create([Plot(**{field.attname: value for field, value in zip(fields, row, strict=True)
                                              if field.attname in columns}) for row in batch])
            progress(done / total)
        return
    # Identifiers come from the model's metadata (quoted), values are parameters or COPY data.
    table = connection.ops.quote_name(Plot._meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                           [Plot._meta.db_table])
            types = dict(cursor.fetchall())
            # Binary: the server parses no numbers; the GeoJSON text goes in as it is.
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types([types[field.column] for field in fields])
                for done, batch in batches(lambda text: Jsonb(text, dumps=str)):
                    for row in batch:
                        copy.write_row(row)
                    progress(done / total)
            return
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
        for done, batch in batches():
            cursor.executemany(sql, batch)
            progress(done / total)


def save_plots(prepared: PreparedLayer, zone: ZonePage, progress: Progress) -> tuple[int, int]:
    """Create or update the zone's plots by code; returns (created, updated)."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    bounds, areas = shapely.bounds(geoms), _areas(geoms)
    codes, land_uses, statuses = (frame[name].to_numpy(dtype=object) for name in ("code", "land_use", "status"))
    existing = {plot.code: plot for plot in Plot.objects.for_zone(zone)}
    new, changed = [], []
    for index, code in enumerate(codes.tolist()):
        plot = existing.get(code)
        if plot is None:
            new.append(index)
            continue
        plot.land_use, plot.status = land_uses[index], statuses[index]
        _apply_geometry(plot, shapely.to_geojson(geoms[index]), bounds[index].tolist(), areas[index].item(),
                        prepared.source_crs)
        changed.append(plot)
    total = max(len(new) + len(changed), 1)
    _insert_plots({"zone_id": zone.pk, "code": codes, "land_use": land_uses, "status": statuses, "geometry": geoms,
                   "source_crs": prepared.source_crs, "min_lon": bounds[:, 0], "min_lat": bounds[:, 1],
                   "max_lon": bounds[:, 2], "max_lat": bounds[:, 3], "area_m2": areas},
                  np.asarray(new, dtype=np.intp), progress, total)
    fields = ["land_use", "status", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "area_m2", "source_crs"]
    for start in range(0, len(changed), BATCH):
        Plot.objects.bulk_update(changed[start:start + BATCH], fields)
        progress((len(new) + min(start + BATCH, len(changed))) / total)
    plots_changed.send(sender=Plot, zone=zone)
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
