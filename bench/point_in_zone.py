"""Benchmark: 100,000 points against 500 zones — the spatial service (zones.spatial.zones_for_points over maps.spatial)
against geopandas.sjoin on the same data, in the same run. Target: service time / sjoin time <= 1.5.

    .venv/bin/python bench/point_in_zone.py [--points N] [--zones N] [--repeat N]

Uses a throwaway SQLite database unless DATABASE_URL is set (the zones it creates are deleted afterwards).
"""

import sys
from pathlib import Path

# bench/ holds other scripts (bench/statistics.py) that would shadow the standard library if bench/ came
# first on sys.path, as it does for a script run from there: move it to the end.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import gc  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from _maps_data import BBOX, cleanup, create_zones, irregular_polygons, setup_django  # noqa: E402


def best_of(repeat: int, func):
    """The fastest of ``repeat`` runs of ``func`` (seconds) and its last result, with the garbage collector off
    during each run, as ``timeit`` does: both sides make 100,000 point objects, and a collection of the whole
    heap (Django and Wagtail loaded) would otherwise land in whichever run crosses the collector's threshold."""
    times, result = [], None
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.perf_counter()
            result = func()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = setup_django()

    import geopandas as gpd
    from django.utils import translation

    from zones import spatial

    translation.activate("en")
    geoms = irregular_polygons(args.zones)
    index, zones = create_zones(geoms, "pip")
    try:
        rng = np.random.default_rng(7)
        lons = rng.uniform(BBOX[0], BBOX[2], args.points)
        lats = rng.uniform(BBOX[1], BBOX[3], args.points)
        zone_ids = np.array([z.pk for z in zones])
        zones_gdf = gpd.GeoDataFrame({"zone_id": zone_ids}, geometry=geoms, crs="EPSG:4326")

        spatial.bump_version()
        start = time.perf_counter()
        cold = spatial.zones_for_points(lons, lats)
        cold_time = time.perf_counter() - start

        def sjoin():
            points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
            joined = gpd.sjoin(points, zones_gdf, how="left", predicate="within")
            return joined["zone_id"].fillna(spatial.NO_ZONE).astype(np.int64).groupby(level=0).first().to_numpy()

        # Interleaved, so that load from other processes hits both sides alike.
        service_times, sjoin_times = [], []
        for _ in range(args.repeat):
            seconds, ours = best_of(1, lambda: spatial.zones_for_points(lons, lats))
            service_times.append(seconds)
            seconds, theirs = best_of(1, sjoin)
            sjoin_times.append(seconds)
        service_time, sjoin_time = min(service_times), min(sjoin_times)
        assert np.array_equal(cold, ours), "cold and warm service answers differ"
        assert np.array_equal(ours, theirs), "the service and geopandas.sjoin disagree"

        inside = int((ours != spatial.NO_ZONE).sum())
        print(f"database: {db.split(':', 1)[0]}; {args.points:,} points x {args.zones} zones "
              f"({shapely_vertices(geoms):,} vertices); {inside:,} points fall in a zone; best of {args.repeat}")
        print(f"spatial service, index cached : {service_time * 1000:9.1f} ms")
        print(f"spatial service, cold (builds index from the database): {cold_time * 1000:9.1f} ms")
        print(f"geopandas.sjoin                : {sjoin_time * 1000:9.1f} ms")
        ratio = service_time / sjoin_time
        print(f"ratio service / sjoin = {ratio:.2f}; cold / sjoin = {cold_time / sjoin_time:.2f}")
        print(f"target: service <= 1.5x geopandas.sjoin: {'met' if ratio <= 1.5 else 'MISSED'}")
    finally:
        cleanup(index)


def shapely_vertices(geoms) -> int:
    import shapely

    return int(shapely.get_num_coordinates(geoms).sum())


if __name__ == "__main__":
    main()
