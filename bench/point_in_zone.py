"""Benchmark: 100,000 points against 500 zones — the spatial service (maps.spatial.zones_for_points)
against geopandas.sjoin on the same data, in the same run. Target: service time / sjoin time <= 1.5.

    .venv/bin/python bench/point_in_zone.py [--points N] [--zones N] [--repeat N]

Uses a throwaway SQLite database unless DATABASE_URL is set (the zones it creates are deleted afterwards).
"""

import argparse
import time

import numpy as np
from _maps_data import BBOX, cleanup, create_zones, irregular_polygons, setup_django


def best_of(repeat: int, func):
    """The fastest of ``repeat`` runs of ``func`` (seconds) and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
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

    from maps import spatial

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
        service_time, ours = best_of(args.repeat, lambda: spatial.zones_for_points(lons, lats))

        def sjoin():
            points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
            joined = gpd.sjoin(points, zones_gdf, how="left", predicate="within")
            return joined["zone_id"].fillna(spatial.NO_ZONE).astype(np.int64).groupby(level=0).first().to_numpy()

        sjoin_time, theirs = best_of(args.repeat, sjoin)
        assert np.array_equal(cold, ours), "cold and warm service answers differ"
        assert np.array_equal(ours, theirs), "the service and geopandas.sjoin disagree"

        inside = int((ours != spatial.NO_ZONE).sum())
        print(f"database: {db.split(':', 1)[0]}; {args.points:,} points x {args.zones} zones "
              f"({shapely_vertices(geoms):,} vertices); {inside:,} points fall in a zone; best of {args.repeat}")
        print(f"spatial service, index cached : {service_time * 1000:9.1f} ms")
        print(f"spatial service, cold (builds index from the database): {cold_time * 1000:9.1f} ms")
        print(f"geopandas.sjoin                : {sjoin_time * 1000:9.1f} ms")
        print(f"ratio service / sjoin = {service_time / sjoin_time:.2f} (target <= 1.5); "
              f"cold / sjoin = {cold_time / sjoin_time:.2f}")
    finally:
        cleanup(index)


def shapely_vertices(geoms) -> int:
    import shapely

    return int(shapely.get_num_coordinates(geoms).sum())


if __name__ == "__main__":
    main()
