"""Plots side by side: which plots are adjacent (touching, or within a tolerance measured in metres) and the
sets of adjacent plots grown from each plot until they are large enough. Vectorised: one STRtree query for
every plot, one numpy step per plot added to the sets. Knows no model: ``zones.siting`` hands it arrays."""

import numpy as np
import shapely

from maps.geometry import WGS84, reproject

#: Plots whose boundaries are this close (metres) count as adjacent: digitising slack, not a road between them.
ADJACENCY_TOLERANCE_M = 1.0
#: The most plots a set of adjacent plots may have.
MAX_SET_PLOTS = 6


def _utm(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The EPSG code of the UTM zone of each point."""
    number = np.clip(np.floor((lon + 180) / 6).astype(np.int64) + 1, 1, 60)
    return np.where(lat >= 0, 32600, 32700) + number


def adjacent_pairs(geoms: np.ndarray, group: np.ndarray, tolerance_m: float = ADJACENCY_TOLERANCE_M) -> np.ndarray:
    """Pairs (i, j), i < j, of WGS 84 ``geoms`` of the same ``group`` whose boundaries touch or lie within
    ``tolerance_m`` metres, measured in the UTM zone of the group's centre (one STRtree query for all)."""
    present = np.flatnonzero(~shapely.is_missing(geoms))
    if len(present) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    geoms, group = geoms[present], group[present]
    bounds = shapely.bounds(geoms)
    _groups, inverse = np.unique(group, return_inverse=True)
    counts = np.bincount(inverse)
    lon = np.bincount(inverse, (bounds[:, 0] + bounds[:, 2]) / 2) / counts
    lat = np.bincount(inverse, (bounds[:, 1] + bounds[:, 3]) / 2) / counts
    crs = _utm(lon, lat)[inverse]
    projected = np.empty(len(geoms), dtype=object)
    for code in np.unique(crs):
        rows = np.flatnonzero(crs == code)
        projected[rows] = reproject(geoms[rows], WGS84, f"EPSG:{code}")
    tree = shapely.STRtree(projected)
    left, right = tree.query(projected, predicate="dwithin", distance=tolerance_m)
    keep = (left < right) & (group[left] == group[right])
    return np.column_stack([present[left[keep]], present[right[keep]]])


def grow_sets(pairs: np.ndarray, area: np.ndarray, starts: np.ndarray, need: float,
              max_plots: int = MAX_SET_PLOTS) -> np.ndarray:
    """The sets of adjacent plots grown from each of ``starts`` by the largest neighbour not yet in the set
    (ties: the lowest index) until their ``area`` together reaches ``need`` (at most ``max_plots`` plots);
    each set once, as a row of sorted indices padded with -1. ``pairs`` are the adjacent (i, j) index pairs.
    Every start grows at once: one numpy step per plot added."""
    none = np.zeros((0, max_plots), dtype=np.int64)
    if not len(starts):
        return none
    n = len(area)
    both = np.concatenate([pairs, pairs[:, ::-1]]) if len(pairs) else np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((both[:, 1], both[:, 0]))
    neighbours = both[order, 1]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(both[:, 0], minlength=n))])
    members = np.full((len(starts), max_plots), -1, dtype=np.int64)
    members[:, 0] = starts
    total = area[starts].astype(float)
    stuck = np.zeros(len(starts), dtype=bool)
    for step in range(1, max_plots):
        rows = np.flatnonzero((total < need) & ~stuck)
        if not len(rows):
            break
        owner = np.repeat(rows, step)
        member = members[rows, :step].ravel()
        degree = indptr[member + 1] - indptr[member]
        owner = np.repeat(owner, degree)
        offsets = np.arange(degree.sum()) - np.repeat(np.cumsum(degree) - degree, degree)
        candidate = neighbours[np.repeat(indptr[member], degree) + offsets]
        fresh = ~(members[owner, :step] == candidate[:, None]).any(axis=1)
        owner, candidate = owner[fresh], candidate[fresh]
        best = np.lexsort((candidate, -area[candidate], owner))
        owner, candidate = owner[best], candidate[best]
        first = np.concatenate([[True], owner[1:] != owner[:-1]]) if len(owner) else np.zeros(0, dtype=bool)
        owner, candidate = owner[first], candidate[first]
        stuck[rows] = True
        stuck[owner] = False
        members[owner, step] = candidate
        total[owner] += area[candidate]
    grown = members[(total >= need) & (members[:, 1] >= 0)]
    if not len(grown):
        return none
    grown = np.unique(np.sort(np.where(grown < 0, n, grown), axis=1), axis=0)  # padding sorts last
    return np.where(grown == n, -1, grown)
