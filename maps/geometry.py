"""Geometry storage shared by every spatial model: GeoJSON in WGS 84 (EPSG:4326) with its bounding box,
the source CRS recorded, and areas measured in the file's CRS where it is true to area, else on the ellipsoid."""

import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.json import KeyTransform, KeyTransformFactory
from django.utils.translation import gettext_lazy as _
from pyproj import CRS, Geod, Proj, Transformer
from pyproj.exceptions import CRSError, ProjError
from shapely.geometry import mapping, shape

WGS84 = "EPSG:4326"
POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)
#: Decimals of a degree a stored WGS 84 coordinate keeps: about 0.1 mm, finer than any survey of a plot (an area
#: measured again from the stored corners stays within 0.05 m² of a 400 ha zone's: test_gis_import_flow).
#: GEOS writes each number in its shortest form, so the stored GeoJSON is shorter than with a double's 17 digits.
STORED_DECIMALS = 9


@lru_cache(maxsize=32)
def _transformer(source: CRS, target: CRS) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


_worker: list[ThreadPoolExecutor] = []


def _helper() -> ThreadPoolExecutor:
    """A helper thread for work that releases the GIL (PROJ, GEOS): made on first use, one per process."""
    if not _worker:
        _worker.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="maps-worker"))
    return _worker[0]


os.register_at_fork(after_in_child=_worker.clear)  # a forked child has no threads: it makes its own


def _half(count: int, minimum: int) -> int:
    """How many of ``count`` items go to the helper thread (0: not worth a thread, or one CPU only)."""
    return count // 2 if count > minimum and (os.cpu_count() or 1) > 1 else 0


def in_halves(func, geoms: np.ndarray) -> np.ndarray:
    """``func(geoms)`` for a vectorised shapely function that releases the GIL, half of it on the helper thread."""
    half = _half(len(geoms), 2_000)
    if not half:
        return func(geoms)
    pending = _helper().submit(func, geoms[:half])
    rest = func(geoms[half:])
    return np.concatenate([pending.result(), rest])


def reproject(geoms: np.ndarray, source: CRS, target: CRS, decimals: int | None = None) -> np.ndarray:
    """``geoms`` (an array of 2D shapely geometries) transformed from ``source`` to ``target``, x/y order, their
    coordinates rounded to ``decimals`` when given (``STORED_DECIMALS``: as they are stored).

    The same result as geopandas' ``to_crs``; pyproj releases the GIL, so half the coordinates are
    transformed by a helper thread meanwhile.
    """
    source, target = CRS(source), CRS(target)
    if source.is_exact_same(target):
        return geoms.copy() if decimals is None else rounded(geoms, decimals)
    return transformed(geoms, _transformer(source, target), decimals)


def rounded(geoms, decimals: int = STORED_DECIMALS):
    """``geoms`` (an array, or one geometry) with their coordinates rounded to ``decimals``."""
    return shapely.transform(geoms, lambda coords: np.round(coords, decimals))


def transformed(geoms: np.ndarray, transformer: Transformer, decimals: int | None = None) -> np.ndarray:
    """``geoms`` transformed by ``transformer`` (x/y order), half the coordinates by the helper thread, rounded to
    ``decimals`` when given."""

    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = coords[:, 0].copy(), coords[:, 1].copy()
        half = _half(len(x), 10_000)
        pending = _helper().submit(transformer.transform, x[:half], y[:half], inplace=True) if half else None
        transformer.transform(x[half:], y[half:], inplace=True)
        if pending:
            pending.result()
        if decimals is not None:
            np.round(x, decimals, out=x)
            np.round(y, decimals, out=y)
        return np.column_stack([x, y])

    return shapely.transform(geoms, transform)


@lru_cache(maxsize=32)
def _proj(crs: CRS) -> Proj:
    return Proj(crs)


#: How far from 1 a CRS's areal scale may be for its areas to count as true (UTM itself is 0.04–0.1 % off).
AREAL_TOLERANCE = 1e-3


def true_area_factor(crs: CRS, lon: float, lat: float) -> float | None:
    """The factor from square units of ``crs`` to m² when areas measured in ``crs`` around (lon, lat) are true
    to within :data:`AREAL_TOLERANCE` (VN-2000 TM-3, UTM), else None (degrees, Web Mercator, a far zone)."""
    if not crs.is_projected:
        return None
    try:
        scale = _proj(crs).get_factors(lon, lat).areal_scale
    except (CRSError, ProjError):
        return None
    if not np.isfinite(scale) or abs(scale - 1) > AREAL_TOLERANCE:
        return None
    return crs.axis_info[0].unit_conversion_factor ** 2


#: Features spanning more degrees than this are measured geodesically one by one; smaller ones together in an
#: equal-area projection, where straight edges and geodesic edges enclose the same area to well within 0.01 %.
GEODESIC_SPAN_DEGREES = 0.5
EQUAL_AREA = CRS.from_epsg(6933)  # WGS 84 / NSIDC EASE-Grid 2.0 Global: cylindrical, equal-area on the ellipsoid
_GEOD = Geod(ellps="WGS84")


def _corners(bounds) -> list[tuple[float, float]]:
    min_x, min_y, max_x, max_y = bounds
    return [(min_x, min_y), (min_x, max_y), (max_x, min_y), (max_x, max_y), ((min_x + max_x) / 2, (min_y + max_y) / 2)]


def geodesic_areas(wgs_geoms: np.ndarray) -> np.ndarray:
    """Area in m² of WGS 84 geometries on the ellipsoid, anywhere on Earth.

    Small features (most plans' plots and zones) are measured together in an equal-area projection; a feature
    spanning more than :data:`GEODESIC_SPAN_DEGREES` is measured geodesically (``pyproj.Geod``) on its own."""
    areas = np.zeros(len(wgs_geoms))
    if not len(wgs_geoms):
        return areas
    bounds = shapely.bounds(wgs_geoms)
    span = np.fmax(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    large = np.nan_to_num(span, nan=0.0) > GEODESIC_SPAN_DEGREES
    small = ~large
    if small.any():
        areas[small] = shapely.area(reproject(wgs_geoms[small], WGS84, EQUAL_AREA))
    for i in np.flatnonzero(large):  # few: countries, provinces, economic zones
        areas[i] = abs(_GEOD.geometry_area_perimeter(wgs_geoms[i])[0])
    return areas


def layer_areas(source_geoms: np.ndarray, source_crs: CRS, wgs_geoms: np.ndarray) -> np.ndarray:
    """Area in m² of every geometry of a layer.

    Measured in the file's own CRS when that is true to area over the whole layer (a VN-2000 TM-3 plan gives
    the areas of the cadastral record), else on the ellipsoid (:func:`geodesic_areas`), feature by feature.
    """
    if not len(wgs_geoms):
        return np.zeros(0)
    factors = {true_area_factor(source_crs, x, y) for x, y in _corners(shapely.total_bounds(wgs_geoms))}
    if len(factors) == 1 and None not in factors:
        return shapely.area(source_geoms) * factors.pop()
    return geodesic_areas(wgs_geoms)


@lru_cache(maxsize=32)
def _crs(text: str) -> CRS | None:
    try:
        return CRS(text)
    except CRSError:
        return None


def area_m2(geom: shapely.Geometry, source_crs: str = "") -> float:
    """Area in square metres of a WGS 84 geometry: in ``source_crs`` (the CRS it came from) when that is
    true to area over the geometry, as :func:`layer_areas` measures a layer, else on the ellipsoid."""
    if geom.is_empty:
        return 0.0
    crs = _crs(source_crs) if source_crs else None
    if crs is not None:
        factors = {true_area_factor(crs, x, y) for x, y in _corners(geom.bounds)}
        if len(factors) == 1 and None not in factors:
            return reproject(np.array([geom]), WGS84, crs)[0].area * factors.pop()
    return float(geodesic_areas(np.array([geom]))[0])


def polygonal_parts(geom, types=POLYGONAL):
    """The polygons of a repaired geometry (make_valid may return a collection with lines or points), or the
    repaired geometry itself when it is one of the other allowed ``types``."""
    if types is not POLYGONAL and shapely.get_type_id(geom) in types:
        return geom
    parts = [part for part in shapely.get_parts(geom) if shapely.get_type_id(part) in POLYGONAL]
    parts = [poly for part in parts for poly in shapely.get_parts(part)]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def repair(geom: shapely.Geometry) -> tuple[shapely.Geometry | None, str]:
    """``geom`` made valid as the GIS import repairs a polygon (its polygonal parts, 2D), with the reason it
    was invalid; ``(geom, "")`` when it was valid, ``(None, reason)`` when nothing polygonal is left."""
    if shapely.has_z(geom):
        geom = shapely.force_2d(geom)
    if geom.is_valid:
        return geom, ""
    return polygonal_parts(shapely.make_valid(geom)), shapely.is_valid_reason(geom)


class _JsonbKey(KeyTransform):
    """A key of a :class:`GeoJSONField` (``geometry__type``): on PostgreSQL the column is read as jsonb, whose
    values the key lookups compare."""

    def preprocess_lhs(self, compiler, connection):
        lhs, params, keys = super().preprocess_lhs(compiler, connection)
        return (f"({lhs})::jsonb" if connection.vendor == "postgresql" else lhs), params, keys


class _JsonbKeyFactory(KeyTransformFactory):
    def __call__(self, *args, **kwargs):
        return _JsonbKey(self.key_name, *args, **kwargs)


class GeoJSONField(models.JSONField):
    """GeoJSON kept whole: on PostgreSQL a ``text`` column, which stores and returns the text it is sent as it is,
    where ``jsonb`` takes it apart (every coordinate a numeric) on each write and writes it out again on each read,
    and ``json`` parses it on each write to check it. Every writer sends JSON it serialised itself (Django's
    JSONField, GEOS's GeoJSON writer in the GIS import) and the field parses it on each read. Nothing queries inside
    a geometry (spatial questions go through ``maps.spatial``), so a query never compares, DISTINCTs or GROUPs BY a
    whole one (its keys, as in ``geometry__type``, are compared as jsonb). Elsewhere: a JSON field."""

    def db_type(self, connection):
        return "text" if connection.vendor == "postgresql" else super().db_type(connection)

    def get_transform(self, name):
        transform = super().get_transform(name)
        return _JsonbKeyFactory(name) if isinstance(transform, KeyTransformFactory) else transform


class GeometryMixin(models.Model):
    """A GeoJSON geometry in WGS 84 with its bounding box, source CRS and projected area.

    The bounding-box columns carry no database index: spatial questions go through ``maps.spatial``'s
    STRtree, and an index per column would only slow down bulk imports.
    """

    geometry = models.JSONField(_("geometry (GeoJSON, WGS 84)"), null=True, blank=True)
    source_crs = models.CharField(_("source CRS"), max_length=64, blank=True,
                                  help_text=_("The CRS of the file the geometry came from, e.g. EPSG:9212."))
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    area_m2 = models.FloatField(_("area (m²)"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def shape(self) -> shapely.Geometry | None:
        """The geometry as a shapely object, or None."""
        return shape(self.geometry) if self.geometry else None

    def set_geometry(self, geom: shapely.Geometry | None, source_crs: str = WGS84) -> None:
        """Store ``geom`` (already in WGS 84; its coordinates to ``STORED_DECIMALS``) with its bounding box and area;
        refuse invalid input."""
        if geom is None or geom.is_empty:
            self.geometry = None
            self.min_lon = self.min_lat = self.max_lon = self.max_lat = self.area_m2 = None
            self.source_crs = source_crs or ""
            return
        stored = rounded(geom)
        if not stored.is_valid:
            raise ValidationError(_("Invalid geometry: %(reason)s") % {"reason": shapely.is_valid_reason(stored)})
        min_lon, min_lat, max_lon, max_lat = stored.bounds
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise ValidationError(_("Coordinates are not longitude/latitude degrees; reproject to EPSG:4326."))
        self.geometry = mapping(stored)
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = min_lon, min_lat, max_lon, max_lat
        self.area_m2 = area_m2(geom, source_crs) if geom.geom_type in {"Polygon", "MultiPolygon"} else None
        self.source_crs = source_crs or WGS84

    def clean(self):
        """Keep the bounding box and area in step with a geometry edited as GeoJSON."""
        super().clean()
        if self.geometry:
            try:
                geom = shape(self.geometry)
            except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException) as exc:
                raise ValidationError({"geometry": _("Not a GeoJSON geometry: %(err)s") % {"err": exc}}) from exc
            try:
                self.set_geometry(geom, self.source_crs or WGS84)
            except ValidationError as exc:
                raise ValidationError({"geometry": exc.messages}) from exc
