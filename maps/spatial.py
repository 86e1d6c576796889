"""A spatial index of areas: which area contains a point, which areas lie within a distance of a point or
inside a bounding box.

The caller hands over ``(id, GeoJSON text)`` rows; boundaries are held in a shapely ``STRtree``, smallest area
first. :class:`AreaIndexes` keeps one index per key (a language, say) in each process and rebuilds it when
the caller's data changed: ``invalidate()`` in any process bumps a version kept in the shared cache
(``core.caching``). Queries are vectorised (``STRtree.query`` on arrays of geometries with a predicate);
nothing loops over features in Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer

from core.caching import ProcessCache

#: The id returned for a point that no area contains.
NO_AREA = -1

Rows = Iterable[tuple[int, str]]


@dataclass(frozen=True)
class AreaIndex:
    """Area boundaries ordered by area (smallest first), their ids and their STRtree."""

    ids: np.ndarray
    geoms: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def build(cls, rows: Rows) -> AreaIndex:
        """An index of ``rows`` (id, GeoJSON geometry text); shapes are parsed in one vectorised call."""
        rows = list(rows)
        if not rows:
            empty = np.array([], dtype=object)
            return cls(ids=np.array([], dtype=np.int64), geoms=empty, tree=shapely.STRtree(empty))
        ids, texts = (np.array(column) for column in zip(*rows, strict=True))
        ids = ids.astype(np.int64)
        geoms = shapely.from_geojson(texts)
        order = np.argsort(shapely.area(geoms), kind="stable")
        ids, geoms = ids[order], geoms[order]
        shapely.prepare(geoms)
        return cls(ids=ids, geoms=geoms, tree=shapely.STRtree(geoms))

    def __len__(self) -> int:
        return len(self.ids)

    def containing(self, lons, lats) -> np.ndarray:
        """For arrays of longitudes and latitudes (WGS 84), the id of the smallest area containing each point.

        Returns an ``int64`` array; ``NO_AREA`` (-1) where no area contains the point.
        """
        points = np.atleast_1d(shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)))
        result = np.full(len(points), NO_AREA, dtype=np.int64)
        if not len(self.ids) or not len(points):
            return result
        point_idx, tree_idx = self.tree.query(points, predicate="within")
        # Tree positions follow area order, so the smallest position per point is the smallest area.
        best = np.full(len(points), len(self.ids), dtype=np.int64)
        np.minimum.at(best, point_idx, tree_idx)
        found = best < len(self.ids)
        result[found] = self.ids[best[found]]
        return result

    def within(self, lon: float, lat: float, metres: float) -> list[tuple[int, float]]:
        """Areas whose boundary comes within ``metres`` of ``(lon, lat)``: ``(id, distance in m)``, nearest first.

        Candidates come from the STRtree with a generous degree box; distances are then measured in an
        azimuthal equidistant projection centred on the point, so they are true ground distances.
        """
        if not len(self.ids):
            return []
        dlat = metres / 110_574 * 1.01 + 1e-9
        dlon = metres / (111_320 * max(math.cos(math.radians(lat)), 1e-6)) * 1.01 + 1e-9
        candidates = self.tree.query(shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat),
                                     predicate="intersects")
        if not len(candidates):
            return []
        transformer = _local_projection(lon, lat)
        projected = shapely.transform(self.geoms[candidates], lambda xy: np.column_stack(
            transformer.transform(xy[:, 0], xy[:, 1])))
        distances = shapely.distance(shapely.Point(0, 0), projected)
        keep = distances <= metres
        order = np.argsort(distances[keep], kind="stable")
        ids = self.ids[candidates][keep][order]
        return list(zip(ids.tolist(), distances[keep][order].tolist(), strict=True))

    def in_bbox(self, min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> list[int]:
        """Ids of the areas whose boundary intersects the bounding box, smallest area first."""
        if not len(self.ids):
            return []
        hits = np.sort(self.tree.query(shapely.box(min_lon, min_lat, max_lon, max_lat), predicate="intersects"))
        return self.ids[hits].tolist()


def _local_projection(lon: float, lat: float) -> Transformer:
    """An azimuthal equidistant projection centred on the point: distances from it are true metres."""
    return Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True)


class AreaIndexes:
    """One :class:`AreaIndex` per key and process, built from ``load(key)`` rows and rebuilt in every process
    after ``invalidate()`` (the version lives in the shared cache under ``version_key``)."""

    def __init__(self, version_key: str, load: Callable[[Hashable], Rows]):
        self._cache = ProcessCache(version_key, lambda key: AreaIndex.build(load(key)))

    @property
    def version_key(self) -> str:
        return self._cache.version.key

    def get(self, key: Hashable) -> AreaIndex:
        """The index of ``key``, rebuilt if the data changed since this process built it."""
        return self._cache.get(key)

    def current_version(self) -> int:
        """The version of the data now (a lost cache entry restarts from the clock, never from a small number)."""
        return self._cache.version.current()

    def invalidate(self) -> int:
        """Mark every process's indexes stale; returns the new version."""
        return self._cache.version.bump()
