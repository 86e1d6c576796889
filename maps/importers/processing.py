"""From a layer as read to features ready to save: CRS, geometry repair, types, areas, attributes.

Everything is vectorised over the whole layer with shapely/geopandas; only the (few) repaired features
are described one by one, because the editor must be told what was repaired. What the attributes mean is
the caller's business: it says which file column feeds which field, and gets those columns back.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from django.utils.translation import gettext as _
from geopandas.array import GeometryArray
from pyproj import CRS

from ..crs import WGS84_EPSG, crs_from_epsg, identify_epsg, label, looks_projected
from ..geometry import POLYGONAL, STORED_DECIMALS, in_halves, layer_areas, polygonal_parts, reproject
from .base import CRSRequired, DataRefused, LayerRead, ReadOptions

#: Every simple feature geometry: points, lines and polygons (a layer of roads, substations and plants).
ANY_SIMPLE = (shapely.GeometryType.POINT, shapely.GeometryType.MULTIPOINT, shapely.GeometryType.LINESTRING,
              shapely.GeometryType.MULTILINESTRING, *POLYGONAL)
MAX_LISTED = 10


@dataclass
class PreparedLayer:
    """Polygons ready to save: ``frame`` has ``row`` (1-based row in the file), ``area_m2``, the WGS 84
    geometry and one column per mapped field, holding the file's values as read."""

    frame: gpd.GeoDataFrame
    layer: str
    source_epsg: int | None
    source_crs: str
    columns: list[str]
    mapped_columns: dict[str, str]
    read_count: int = 0
    refused_count: int = 0
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def describe_rows(rows: np.ndarray, codes: np.ndarray | None = None) -> str:
    """``1, 2, 3`` or ``1 (A-01), 2 (A-02)``, at most MAX_LISTED then ``…``."""
    items = [f"{row} ({code})" if codes is not None and code else str(row)
             for row, code in zip(rows[:MAX_LISTED], (codes if codes is not None else rows)[:MAX_LISTED],
                                  strict=True)]
    return ", ".join(items) + (" …" if len(rows) > MAX_LISTED else "")


def resolve_crs(frame: gpd.GeoDataFrame, options: ReadOptions, name: str) -> tuple[CRS, int | None]:
    """The CRS to read coordinates in: the editor's override, else the file's, identified as EPSG if possible."""
    if options.crs_epsg:
        return crs_from_epsg(options.crs_epsg), options.crs_epsg
    if frame.crs is None:
        raise CRSRequired(_("%(name)s does not say which coordinate system it uses (no .prj file); choose one "
                            "under 'Coordinate system'.") % {"name": name})
    declared = frame.crs.to_2d() if len(frame.crs.axis_info) > 2 else frame.crs
    code = identify_epsg(declared)
    return (crs_from_epsg(code) if code else declared), code


def _check_units(crs: CRS, epsg: int | None, bounds, name: str) -> None:
    if crs.is_geographic and looks_projected(bounds):
        raise DataRefused(_("%(name)s declares %(crs)s (degrees) but its coordinates are projected (e.g. "
                            "%(x).0f, %(y).0f); choose the right coordinate system, e.g. EPSG:9212.") % {
            "name": name, "crs": label(epsg) or crs.name, "x": bounds[0], "y": bounds[1]})
    if crs.is_projected and not looks_projected(bounds) and max(abs(v) for v in bounds) < 1000:
        raise DataRefused(_("%(name)s declares %(crs)s (metres) but its coordinates look like degrees (e.g. "
                            "%(x).4f, %(y).4f); choose EPSG:4326 or EPSG:4756.") % {
            "name": name, "crs": label(epsg) or crs.name, "x": bounds[0], "y": bounds[1]})


def prepare_layer(read: LayerRead, options: ReadOptions, name: str, columns: Mapping[str, str], *,
                  what: str = "", geometry_types: tuple = POLYGONAL) -> PreparedLayer:
    """Check and convert a layer of polygons (or of ``geometry_types``, e.g. ``ANY_SIMPLE``): raise
    :class:`DataRefused` naming rows when it cannot be imported.

    ``columns`` maps a field to the file column that feeds it; the ``"code"`` field, if mapped, names rows in
    the messages. ``what`` names one feature in the messages ("zone", "plot"…).
    """
    preparer = LayerPreparer(options, name, columns, what=what, geometry_types=geometry_types)
    batch = preparer.add(read)
    summary = preparer.finish()
    summary.frame = batch.frame
    return summary


class LayerPreparer:
    """:func:`prepare_layer` for a layer read in batches (``FormatHandler.read_batches``): :meth:`add` checks and
    converts one batch and returns it prepared; :meth:`finish` refuses an empty layer or one without a feature
    to import, and returns the layer's counts, repairs and warnings (its ``frame`` empty). Warnings about
    refused or Z/M features count them over the whole layer."""

    def __init__(self, options: ReadOptions, name: str, columns: Mapping[str, str], *, what: str = "",
                 geometry_types: tuple = POLYGONAL):
        self.options, self.name, self.mapped = options, name, dict(columns)
        self.what, self.geometry_types = what or _("feature"), geometry_types
        self.layer, self.warnings, self.repaired = "", [], []
        self.file_columns: list[str] | None = None
        self.crs: CRS | None = None
        self.epsg: int | None = None
        self.total = self.kept = self.zm = 0
        self.wrong_rows, self.wrong_codes, self.missing_rows, self.refused_rows = [], [], [], []
        self.wrong_count = self.missing_count = 0
        self.wrong_kinds: set[str] = set()

    def _empty(self) -> gpd.GeoDataFrame:
        data = {"row": np.zeros(0, dtype=int), "area_m2": np.zeros(0)}
        data.update((field_name, np.zeros(0, dtype=object)) for field_name in self.mapped)
        data["geometry"] = GeometryArray(np.zeros(0, dtype=object), crs=crs_from_epsg(WGS84_EPSG))
        return gpd.GeoDataFrame(data, geometry="geometry", copy=False)

    def add(self, read: LayerRead) -> PreparedLayer:
        """Check and convert one batch; raises :class:`DataRefused` naming rows when it cannot be imported."""
        frame = read.frame
        if self.file_columns is None:
            self.layer = read.layer
            self.file_columns = [column for column in frame.columns if column != frame.geometry.name]
            self.warnings.extend(read.warnings)
        count = len(frame)
        self.total += count
        rows = np.arange(read.first_row, read.first_row + count)
        geoms = np.asarray(frame.geometry.array, dtype=object)
        mapped, name = self.mapped, self.name

        def codes_of(part: gpd.GeoDataFrame) -> np.ndarray | None:  # only messages name rows by their codes
            return part[mapped["code"]].fillna("").astype(str).str.strip().to_numpy() if "code" in mapped else None

        missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        has_zm = ~missing & (shapely.has_z(geoms) | shapely.has_m(geoms))
        if has_zm.any():
            geoms = shapely.force_2d(geoms)
            self.zm += int(has_zm.sum())
        type_ids = shapely.get_type_id(geoms)
        wrong = ~missing & ~np.isin(type_ids, self.geometry_types)
        refused = missing | wrong
        if wrong.any():
            self.wrong_count += int(wrong.sum())
            self.wrong_kinds.update(g.geom_type for g in geoms[wrong])
            if len(self.wrong_rows) <= MAX_LISTED:
                self.wrong_rows.extend(rows[wrong][:MAX_LISTED + 1].tolist())
                if "code" in mapped:
                    self.wrong_codes.extend(codes_of(frame)[wrong][:MAX_LISTED + 1].tolist())
        if missing.any():
            self.missing_count += int(missing.sum())
            if len(self.missing_rows) <= MAX_LISTED:
                self.missing_rows.extend(rows[missing][:MAX_LISTED + 1].tolist())
        if len(self.refused_rows) <= MAX_LISTED:
            self.refused_rows.extend(rows[refused][:MAX_LISTED + 1].tolist())
        keep = ~refused
        if not keep.any():
            return self._prepared(self._empty())
        if not keep.all():  # most layers keep every feature: no copy of the frame then
            geoms, rows = geoms[keep], rows[keep]
            frame = frame.loc[keep]
        self.kept += len(rows)

        if self.crs is None:
            self.crs, self.epsg = resolve_crs(frame, self.options, name)
        crs = self.crs
        _check_units(crs, self.epsg, tuple(shapely.total_bounds(geoms)), name)

        invalid = ~in_halves(shapely.is_valid, geoms)
        if invalid.any():
            reasons = shapely.is_valid_reason(geoms[invalid])
            fixed = shapely.make_valid(geoms[invalid])
            code_values = codes_of(frame)
            for index, (row, reason, geom) in enumerate(zip(rows[invalid], reasons, fixed, strict=True)):
                fixed[index] = polygonal_parts(geom, self.geometry_types)
                code = f" ({code_values[invalid][index]})" if code_values is not None else ""
                self.repaired.append(_("Row %(row)d%(code)s: %(reason)s — repaired.") % {
                    "row": row, "code": code, "reason": reason})
            geoms = geoms.copy()  # may still be the read frame's own array
            geoms[invalid] = fixed
            if any(geom is None for geom in fixed):
                raise DataRefused(_("%(name)s: rows %(rows)s collapse to nothing when repaired.") % {
                    "name": name, "rows": describe_rows(rows[invalid][[geom is None for geom in fixed]])})

        wgs = reproject(geoms, crs, crs_from_epsg(WGS84_EPSG), STORED_DECIMALS)  # as stored
        still_invalid = ~in_halves(shapely.is_valid, wgs)
        if still_invalid.any():
            wgs[still_invalid] = [polygonal_parts(g, self.geometry_types)
                                  for g in shapely.make_valid(wgs[still_invalid])]

        # One frame built from whole columns (the file's values kept in their own arrays, no row-wise copy).
        data = {"row": rows, "area_m2": layer_areas(geoms, crs, wgs)}
        data.update((field_name, frame[column].array) for field_name, column in mapped.items())
        data["geometry"] = GeometryArray(wgs, crs=crs_from_epsg(WGS84_EPSG))
        return self._prepared(gpd.GeoDataFrame(data, geometry="geometry", copy=False))

    def _prepared(self, frame: gpd.GeoDataFrame) -> PreparedLayer:
        epsg, crs = self.epsg, self.crs
        return PreparedLayer(frame=frame, layer=self.layer, source_epsg=epsg,
                             source_crs=f"EPSG:{epsg}" if epsg else ((crs.to_string() if crs else "") or "")[:64],
                             columns=self.file_columns or [], mapped_columns=self.mapped, read_count=self.total,
                             refused_count=self.total - self.kept, repaired=self.repaired, warnings=self.warnings)

    def finish(self) -> PreparedLayer:
        """The whole layer's outcome once every batch was added (``frame`` empty); refuses a layer with nothing
        to import."""
        name, what = self.name, self.what
        if self.total == 0:
            raise DataRefused(_("%(name)s: the layer %(layer)s is empty (no features).") % {
                "name": name, "layer": self.layer or self.options.layer})
        refused_rows = np.asarray(self.refused_rows)
        if self.kept == 0 and self.geometry_types is not POLYGONAL:
            raise DataRefused(_("%(name)s has no points, lines or polygons to import: rows %(rows)s.") % {
                "name": name, "rows": describe_rows(refused_rows)})
        if self.kept == 0:
            kinds = ", ".join(sorted(self.wrong_kinds)) or _("no geometry")
            raise DataRefused(_("%(name)s has no polygons: rows %(rows)s are %(kinds)s; a %(what)s layer needs "
                                "polygons.") % {"name": name, "rows": describe_rows(refused_rows), "kinds": kinds,
                                                "what": what})
        warnings = self.warnings[:len(self.warnings)]
        notes = []
        if self.zm:
            notes.append(_("Z/M coordinates were dropped from %(count)d features (only x and y are kept).") % {
                "count": self.zm})
        if self.wrong_count:
            rows = np.asarray(self.wrong_rows)
            codes = np.asarray(self.wrong_codes, dtype=object) if "code" in self.mapped else None
            notes.append(_("Refused %(count)d features that are %(kinds)s, not polygons: rows %(rows)s.") % {
                "count": self.wrong_count, "kinds": ", ".join(sorted(self.wrong_kinds)),
                "rows": describe_rows(rows, codes)})
        if self.missing_count:
            notes.append(_("Refused %(count)d features without geometry: rows %(rows)s.") % {
                "count": self.missing_count, "rows": describe_rows(np.asarray(self.missing_rows))})
        if self.epsg is None:
            notes.append(_("The coordinate system could not be matched to an EPSG code; it was used as the file "
                           "describes it."))
        self.warnings[:] = warnings + notes
        return self._prepared(self._empty())


def refuse_duplicate_codes(result: gpd.GeoDataFrame, name: str, what: str) -> None:
    """Refuse the layer when two features share a (non-empty) ``code``, naming the rows of each."""
    duplicated = result["code"].duplicated(keep=False) & (result["code"] != "")
    if duplicated.any():
        dupes = result[duplicated]
        listing = "; ".join(f"{code}: rows {', '.join(str(r) for r in group['row'])}"
                            for code, group in list(dupes.groupby("code", sort=True))[:MAX_LISTED])
        raise DataRefused(_("%(name)s: duplicate %(what)s codes — %(listing)s.") % {
            "name": name, "what": what, "listing": listing})


class CodeRegister:
    """The codes of a layer read in batches: refuses a code seen in an earlier batch, as
    :func:`refuse_duplicate_codes` does within one (the register keeps each code's first row only)."""

    def __init__(self, name: str, what: str):
        self.name, self.what, self.rows = name, what, {}

    def add(self, result: gpd.GeoDataFrame) -> None:
        """Refuse duplicates within ``result`` or with the batches added before, then remember its codes."""
        refuse_duplicate_codes(result, self.name, self.what)
        batch = dict(zip(result["code"].tolist(), result["row"].tolist(), strict=True))  # codes are unique now
        batch.pop("", None)
        seen = sorted((code, self.rows[code], batch[code]) for code in self.rows.keys() & batch.keys())
        if seen:
            listing = "; ".join(f"{code}: rows {first}, {row}" for code, first, row in seen[:MAX_LISTED])
            raise DataRefused(_("%(name)s: duplicate %(what)s codes — %(listing)s.") % {
                "name": self.name, "what": self.what, "listing": listing})
        self.rows.update(batch)


def outside(result: gpd.GeoDataFrame, boundary) -> np.ndarray:
    """Which features lie (mostly: less than half their area inside) outside ``boundary``."""
    geoms = np.asarray(result.geometry.array, dtype=object)
    shapely.prepare(boundary)
    away = ~shapely.covers(boundary, geoms)  # the prepared boundary must be the first operand
    if away.any():  # only features crossing the boundary need the (slower) intersection
        crossing = geoms[away]
        away[away] = shapely.area(shapely.intersection(crossing, boundary)) < 0.5 * shapely.area(crossing)
    return away
