"""Saving a prepared layer: zones as ZonePage children of a ZoneIndexPage, plots by code in bulk.

Callers wrap these in ONE transaction (see running.run_import); geometry JSON and bounding
boxes are computed for a whole layer or batch at once; areas come with the prepared layer.
"""

import json
from collections.abc import Callable
from itertools import repeat

import numpy as np
import shapely
from django.db import connection
from django.utils.text import slugify
from psycopg.types.json import set_json_dumps

from maps.importers.processing import PreparedLayer

from ..models import Plot, ZoneIndexPage, ZonePage
from ..signals import plots_changed

BATCH = 500
Progress = Callable[[float], None]


def _measures(prepared: PreparedLayer, geoms: np.ndarray) -> dict[str, np.ndarray]:
    """Bounding box of every WGS 84 geometry, and its area as measured when the layer was prepared."""
    bounds = shapely.bounds(geoms)
    return {"min_lon": bounds[:, 0], "min_lat": bounds[:, 1], "max_lon": bounds[:, 2], "max_lat": bounds[:, 3],
            "area_m2": prepared.frame["area_m2"].to_numpy(dtype=float)}


def _apply_geometry(obj, geojson: str, measures: dict[str, np.ndarray], index: int, source_crs: str) -> None:
    obj.geometry = json.loads(geojson)
    for name, values in measures.items():
        setattr(obj, name, values[index].item())
    obj.source_crs = source_crs


def _insert_plots(columns: dict, geoms: np.ndarray, rows: np.ndarray, progress: Progress, total: int) -> None:
    """Insert a new plot for every index in ``rows`` of the layer.

    ``columns`` maps a field to one value for every plot or to an array indexed like the layer; the
    geometry JSON is made from ``geoms`` one batch at a time, just before the batch is sent. The ORM's
    bulk_create builds a model instance per row and re-serialises every geometry: for ten thousand plots
    that costs ten times the file read. PostgreSQL gets one binary ``COPY`` (it stores a batch while the
    next one is being prepared), SQLite one ``executemany`` per batch, other databases bulk_create.
    Columns and defaults come from the model's fields, so a field added to Plot is filled with its default.
    """
    fields = [field for field in Plot._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_db_prep_save(field.get_default(), connection) for field in fields
                if field.attname not in columns and field.attname != "geometry"}

    def batches(json_value=None):
        for start in range(0, len(rows), BATCH * 4):
            part = rows[start:start + BATCH * 4]
            values = {name: value[part].tolist() if isinstance(value, np.ndarray) else repeat(value, len(part))
                      for name, value in columns.items()}
            values["geometry"] = shapely.to_geojson(geoms[part]).tolist()
            if json_value:
                values["geometry"] = map(json_value, values["geometry"])
            batch = [values[field.attname] if field.attname in values else repeat(defaults[field.attname], len(part))
                     for field in fields]
            yield start + len(part), zip(*batch, strict=False)  # rows made as they are sent, then dropped

    if connection.vendor not in {"postgresql", "sqlite"}:
        for done, batch in batches(json.loads):
            Plot.objects.bulk_create([Plot(**{field.attname: value for field, value in zip(fields, row, strict=True)
                                              if field.attname not in defaults}) for row in batch])
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
            # Binary: the server parses no numbers; the GeoJSON text goes in as it is (no wrapper per row:
            # this cursor's jsonb dumper takes the text itself).
            set_json_dumps(str, context=cursor.cursor)
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types([types[field.column] for field in fields])
                for done, batch in batches():
                    for row in batch:
                        copy.write_row(row)
                    progress(done / total)
            return
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
        for done, batch in batches():
            cursor.executemany(sql, batch)
            progress(done / total)


def save_plots(prepared: PreparedLayer, zone: ZonePage, progress: Progress, *, notify: bool = True,
               known_codes: set[str] | None = None) -> tuple[int, int]:
    """Create or update the zone's plots by code (of a whole layer or of one batch: only the plots whose codes
    it holds are loaded); returns (created, updated). ``known_codes``: the codes the zone's plots have (looked up
    when not given; a caller saving a layer batch by batch passes the same set each time, kept up to date).
    ``notify``: send ``plots_changed`` (a caller saving batch by batch sends it once, after the last)."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    measures = _measures(prepared, geoms)
    codes, land_uses, statuses = (frame[name].to_numpy(dtype=object) for name in ("code", "land_use", "status"))
    if known_codes is None:
        known_codes = set(Plot.objects.for_zone(zone).values_list("code", flat=True))
    replaced = [code for code in codes.tolist() if code in known_codes]
    existing = {}
    for start in range(0, len(replaced), BATCH * 4):
        existing.update((plot.code, plot) for plot in
                        Plot.objects.for_zone(zone).filter(code__in=replaced[start:start + BATCH * 4]))
    known_codes.update(codes.tolist())
    new, changed = [], []
    for index, code in enumerate(codes.tolist()):
        (new if code not in existing else changed).append(index)
    plots = [existing[codes[index]] for index in changed]
    for plot, index, geojson in zip(plots, changed, shapely.to_geojson(geoms[changed]).tolist(), strict=True):
        plot.land_use, plot.status = land_uses[index], statuses[index]
        _apply_geometry(plot, geojson, measures, index, prepared.source_crs)
    total = max(len(codes), 1)
    _insert_plots({"zone_id": zone.pk, "code": codes, "land_use": land_uses, "status": statuses,
                   "source_crs": prepared.source_crs, **measures}, geoms, np.asarray(new, dtype=np.intp), progress,
                  total)
    fields = ["land_use", "status", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "area_m2", "source_crs"]
    for start in range(0, len(plots), BATCH):
        Plot.objects.bulk_update(plots[start:start + BATCH], fields)
        progress((len(new) + min(start + BATCH, len(plots))) / total)
    if notify:
        plots_changed.send(sender=Plot, zone=zone)
    return len(new), len(plots)


def _unique_slug(index: ZoneIndexPage, base: str, taken: set[str]) -> str:
    slug, number = base or "zone", 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def save_zones(prepared: PreparedLayer, index: ZoneIndexPage, publish: bool, user, progress: Progress,
               taken: set[str] | None = None) -> tuple[int, int]:
    """Create or update ZonePages under ``index`` by code, as drafts or published; returns (created, updated).
    ``taken``: the slugs under ``index`` (a caller saving a layer batch by batch passes the same set each time)."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    geojson, measures = shapely.to_geojson(geoms).tolist(), _measures(prepared, geoms)
    existing = {zone.code: zone for zone in ZonePage.objects.filter(code__in=list(frame["code"]),
                                                                     locale_id=index.locale_id)}
    if taken is None:
        taken = set(index.get_children().values_list("slug", flat=True))
    created = updated = 0
    total = max(len(frame), 1)
    for position, (code, name) in enumerate(zip(frame["code"], frame["name"], strict=True)):
        zone = existing.get(code)
        if zone is None:
            zone = ZonePage(title=name, code=code, slug=_unique_slug(index, slugify(code)[:50], taken),
                            live=False)
            _apply_geometry(zone, geojson[position], measures, position, prepared.source_crs)
            index.add_child(instance=zone)
            created += 1
        else:
            zone.title = name
            _apply_geometry(zone, geojson[position], measures, position, prepared.source_crs)
            updated += 1
        revision = zone.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        progress((position + 1) / total)
    return created, updated
