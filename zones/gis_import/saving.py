"""Saving a prepared layer: zones as ZonePage children of a ZoneIndexPage, plots by code in bulk.

Callers wrap these in ONE transaction (see running.run_import); geometry JSON and bounding
boxes are computed for a whole layer or batch at once; areas come with the prepared layer.
"""

import json
from collections.abc import Callable
from contextlib import ExitStack
from itertools import repeat

import numpy as np
import shapely
from django.db import connection
from django.utils.text import slugify

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


class PlotInserter:
    """Inserts new plots, batch after batch of a layer, in a ``with`` block (or until ``close``).

    The ORM's bulk_create builds a model instance per row and re-serialises every geometry: for ten thousand
    plots that costs ten times the file read. PostgreSQL gets one binary ``COPY`` kept open across batches (the
    server stores what it was sent while the next batch is read and checked), SQLite one ``executemany`` per
    chunk, other databases bulk_create. Columns and defaults come from the model's fields, so a field added to
    Plot is filled with its default. The connection takes no other query while a COPY is open (psycopg would
    wait on itself): any query made through Django meanwhile ends the COPY first, and the next batch opens another.
    """

    def __init__(self):
        self.fields = [field for field in Plot._meta.concrete_fields if not field.primary_key]
        self.defaults = {field.attname: field.get_db_prep_save(field.get_default(), connection)
                         for field in self.fields if field.attname != "geometry"}
        self._open = None  # the ExitStack of the open cursor and COPY (PostgreSQL)
        self._copy = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close(*exc_info)

    def close(self, *exc_info) -> None:
        """End the COPY (aborted when given an exception), so that the connection takes other queries."""
        if self._open is not None:
            connection.execute_wrappers.remove(self._before_query)
            stack, self._open, self._copy = self._open, None, None
            stack.__exit__(*(exc_info or (None, None, None)))

    def _before_query(self, execute, sql, params, many, context):
        self.close()
        return execute(sql, params, many, context)

    def insert(self, columns: dict, geoms: np.ndarray, rows: np.ndarray, progress: Progress) -> None:
        """Insert a new plot for every index in ``rows`` of a batch.

        ``columns`` maps a field to one value for every plot or to an array indexed like the batch; the geometry
        JSON is made from ``geoms`` one chunk at a time, just before the chunk is sent; ``progress`` gets the
        share of ``rows`` sent."""
        total = max(len(rows), 1)
        if connection.vendor == "postgresql":
            copy = self._copy or self._start_copy()
            for done, batch in self._chunks(columns, geoms, rows):
                for row in batch:
                    copy.write_row(row)
                progress(done / total)
            return
        if connection.vendor == "sqlite":
            table = connection.ops.quote_name(Plot._meta.db_table)
            column_list = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
            sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(self.fields))})"  # noqa: S608
            with connection.cursor() as cursor:
                for done, batch in self._chunks(columns, geoms, rows):
                    cursor.executemany(sql, batch)
                    progress(done / total)
            return
        given = {*columns, "geometry"}  # the model's own defaults for the rest
        for done, batch in self._chunks(columns, geoms, rows, json.loads):
            Plot.objects.bulk_create([Plot(**{field.attname: value for field, value in zip(self.fields, row,
                                                                                           strict=True)
                                              if field.attname in given}) for row in batch])
            progress(done / total)

    def _start_copy(self):
        # Identifiers come from the model's metadata (quoted), values are COPY data.
        table = connection.ops.quote_name(Plot._meta.db_table)
        column_list = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        stack = ExitStack()
        try:
            cursor = stack.enter_context(connection.cursor())
            cursor.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                           [Plot._meta.db_table])
            # Binary: the server parses no numbers. The GeoJSON text (already serialised; the plots' geometry is a
            # text column, ``maps.geometry.GeoJSONField``) goes in as it is: nothing wraps or re-serialises it.
            types = dict(cursor.fetchall())
            copy = stack.enter_context(cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT BINARY)"))
            copy.set_types([types[field.column] for field in self.fields])
        except BaseException:
            stack.close()
            raise
        self._open, self._copy = stack, copy
        connection.execute_wrappers.append(self._before_query)
        return copy

    def _chunks(self, columns: dict, geoms: np.ndarray, rows: np.ndarray, json_value=None):
        fields, defaults = self.fields, self.defaults
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


def save_plots(prepared: PreparedLayer, zone: ZonePage, progress: Progress, *, notify: bool = True,
               known_codes: set[str] | None = None, inserter: PlotInserter | None = None) -> tuple[int, int]:
    """Create or update the zone's plots by code (of a whole layer or of one batch: only the plots whose codes
    it holds are loaded); returns (created, updated). ``known_codes``: the codes the zone's plots have (looked up
    when not given; a caller saving a layer batch by batch passes the same set each time, kept up to date).
    ``inserter``: the caller's, for a layer saved batch by batch (its COPY may stay open after this batch).
    ``notify``: send ``plots_changed`` (a caller saving batch by batch sends it once, after the last)."""
    if inserter is None:
        with PlotInserter() as own:
            counts = save_plots(prepared, zone, progress, notify=False, known_codes=known_codes, inserter=own)
        if notify:
            plots_changed.send(sender=Plot, zone=zone)
        return counts
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    measures = _measures(prepared, geoms)
    codes, land_uses, statuses = (frame[name].to_numpy(dtype=object) for name in ("code", "land_use", "status"))
    code_list = codes.tolist()
    if known_codes is None:
        known_codes = set(Plot.objects.for_zone(zone).values_list("code", flat=True))
    replaced = list(known_codes.intersection(code_list))
    existing = {}
    for start in range(0, len(replaced), BATCH * 4):
        existing.update((plot.code, plot) for plot in
                        Plot.objects.for_zone(zone).filter(code__in=replaced[start:start + BATCH * 4]))
    known_codes.update(code_list)
    is_changed = np.fromiter(map(existing.__contains__, code_list), dtype=bool, count=len(code_list))
    new, changed = np.flatnonzero(~is_changed), np.flatnonzero(is_changed).tolist()
    plots = [existing[code_list[index]] for index in changed]
    for plot, index, geojson in zip(plots, changed, shapely.to_geojson(geoms[changed]).tolist(), strict=True):
        plot.land_use, plot.status = land_uses[index], statuses[index]
        _apply_geometry(plot, geojson, measures, index, prepared.source_crs)
    total = max(len(codes), 1)
    fields = ["land_use", "status", "geometry", "min_lon", "min_lat", "max_lon", "max_lat", "area_m2", "source_crs"]
    for start in range(0, len(plots), BATCH):
        Plot.objects.bulk_update(plots[start:start + BATCH], fields)
        progress(min(start + BATCH, len(plots)) / total)
    inserter.insert({"zone_id": zone.pk, "code": codes, "land_use": land_uses, "status": statuses,
                     "source_crs": prepared.source_crs, **measures}, geoms, new,
                    lambda share: progress((len(plots) + share * len(new)) / total))
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
