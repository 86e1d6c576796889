"""The spatial service: which published zone contains a point, which zones lie within a distance of a point
or inside a bounding box.

Zone boundaries are held in a shapely ``STRtree`` per locale, built once per process and rebuilt when the
zones change: ``maps.signals`` bumps a version number kept in Django's cache, and every query compares the
version its index was built at with the current one. Queries are vectorised (``STRtree.query`` on arrays of
geometries with a predicate); nothing loops over features in Python.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
import shapely
from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation
from pyproj import Transformer
from wagtail.coreutils import get_supported_content_language_variant

from core.caching import SharedVersion

VERSION_KEY = "maps:spatial:version"
NO_ZONE = -1

_version = SharedVersion(VERSION_KEY)
_lock = threading.Lock()
_indexes: dict[str, ZoneIndex] = {}


@dataclass(frozen=True)
class ZoneIndex:
    """Published zone boundaries of one locale, ordered by area (smallest first), and their STRtree."""

    version: int
    zone_ids: np.ndarray
    geoms: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def build(cls, version: int, rows: list[tuple[int, str]]) -> ZoneIndex:
        """An index of ``rows`` (zone id, GeoJSON geometry text); shapes are parsed in one vectorised call."""
        if not rows:
            empty = np.array([], dtype=object)
            return cls(version=version, zone_ids=np.array([], dtype=np.int64), geoms=empty,
                       tree=shapely.STRtree(empty))
        ids, texts = (np.array(column) for column in zip(*rows, strict=True))
        ids = ids.astype(np.int64)
        geoms = shapely.from_geojson(texts)
        order = np.argsort(shapely.area(geoms), kind="stable")
        ids, geoms = ids[order], geoms[order]
        shapely.prepare(geoms)
        return cls(version=version, zone_ids=ids, geoms=geoms, tree=shapely.STRtree(geoms))

    def containing(self, points: np.ndarray) -> np.ndarray:
        """For each point, the id of the smallest zone that contains it, or ``NO_ZONE``."""
        if not len(self.zone_ids) or not len(points):
            return np.full(len(points), NO_ZONE, dtype=np.int64)
        point_idx, tree_idx = self.tree.query(points, predicate="within")
        # Tree positions follow area order, so the smallest position per point is the smallest zone.
        best = np.full(len(points), len(self.zone_ids), dtype=np.int64)
        np.minimum.at(best, point_idx, tree_idx)
        found = best < len(self.zone_ids)
        result = np.full(len(points), NO_ZONE, dtype=np.int64)
        result[found] = self.zone_ids[best[found]]
        return result


def current_version() -> int:
    """The version of the zone data, as recorded in the cache.

    A missing entry (never set, evicted, cache flushed) starts again from the clock in nanoseconds, never from a
    small number that an index built before the loss may still carry."""
    return _version.current()


def bump_version() -> int:
    """Mark every spatial index as stale: called when a zone is published, unpublished, moved or deleted."""
    return _version.bump()


def _locale_code(language: str | None) -> str:
    """The content language of ``language`` (default: the active one), without a database query."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _zone_rows(language_code: str) -> list[tuple[int, str]]:
    """(id, GeoJSON text) of the live zones with a boundary: the database hands over the JSON text as stored."""
    from zones.models import ZonePage

    return list(
        ZonePage.objects.live().filter(locale__language_code=language_code, geometry__isnull=False)
        .annotate(geojson=Cast("geometry", output_field=TextField())).order_by("pk").values_list("pk", "geojson")
    )


def zone_index(language: str | None = None) -> ZoneIndex:
    """The spatial index of the live zones in ``language`` (default: the active language), rebuilt if stale."""
    code = _locale_code(language)
    version = current_version()
    index = _indexes.get(code)
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _indexes.get(code)
        if index is None or index.version != version:
            index = ZoneIndex.build(version, _zone_rows(code))
            _indexes[code] = index
    return index


def zones_for_points(lons, lats, *, language: str | None = None) -> np.ndarray:
    """For arrays of longitudes and latitudes (WGS 84), the id of the zone containing each point.

    Returns an ``int64`` array; ``NO_ZONE`` (-1) where no zone contains the point. Where zones overlap (a park
    inside an economic zone), the smallest one wins.
    """
    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return zone_index(language).containing(np.atleast_1d(points))


def zone_id_at(lon: float, lat: float, *, language: str | None = None) -> int | None:
    """The id of the zone that contains the point ``(lon, lat)``, or None."""
    zone_id = int(zones_for_points([lon], [lat], language=language)[0])
    return None if zone_id == NO_ZONE else zone_id


def zone_at(lon: float, lat: float, *, language: str | None = None):
    """The live ``ZonePage`` that contains ``(lon, lat)``, or None."""
    from zones.models import ZonePage

    zone_id = zone_id_at(lon, lat, language=language)
    return None if zone_id is None else ZonePage.objects.live().filter(pk=zone_id).first()


def _local_projection(lon: float, lat: float) -> Transformer:
    """An azimuthal equidistant projection centred on the point: distances from it are true metres."""
    return Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True)


def zones_within(lon: float, lat: float, metres: float, *, language: str | None = None) -> list[tuple[int, float]]:
    """Zones whose boundary comes within ``metres`` of ``(lon, lat)``: ``(zone id, distance in m)``, nearest first.

    Candidates come from the STRtree with a generous degree box; distances are then measured in an
    azimuthal equidistant projection centred on the point, so they are true ground distances.
    """
    index = zone_index(language)
    if not len(index.zone_ids):
        return []
    dlat = metres / 110_574 * 1.01 + 1e-9
    dlon = metres / (111_320 * max(math.cos(math.radians(lat)), 1e-6)) * 1.01 + 1e-9
    candidates = index.tree.query(shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat), predicate="intersects")
    if not len(candidates):
        return []
    transformer = _local_projection(lon, lat)
    projected = shapely.transform(index.geoms[candidates], lambda xy: np.column_stack(
        transformer.transform(xy[:, 0], xy[:, 1])))
    distances = shapely.distance(shapely.Point(0, 0), projected)
    keep = distances <= metres
    order = np.argsort(distances[keep], kind="stable")
    ids = index.zone_ids[candidates][keep][order]
    return list(zip(ids.tolist(), distances[keep][order].tolist(), strict=True))


def zones_in_bbox(min_lon: float, min_lat: float, max_lon: float, max_lat: float, *,
                  language: str | None = None) -> list[int]:
    """Ids of the zones whose boundary intersects the bounding box, smallest zone first."""
    index = zone_index(language)
    if not len(index.zone_ids):
        return []
    hits = np.sort(index.tree.query(shapely.box(min_lon, min_lat, max_lon, max_lat), predicate="intersects"))
    return index.zone_ids[hits].tolist()
