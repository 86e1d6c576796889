"""Benchmark: the site finder (``zones.siting.find_sites``) on 500 zones and 100,000 plots, against a geopandas
baseline written for the same question in the same run.

    .venv/bin/python bench/site_selection.py [--zones 500] [--plots-per-zone 200] [--repeat 3]

Each zone gets a grid of touching rectangular plots of mixed sizes (rows and columns of random widths), with
mixed statuses (available, reserved, leased) and land uses (some not leasable) and some plot prices of their
own. The question: a site of at least ``--need-ha`` hectares, one available leasable plot or adjacent ones
together. The baseline reads the same plots from the same database with pandas, builds a GeoDataFrame,
finds adjacent plots with ``geopandas.sjoin(predicate="dwithin")`` in a UTM projection and grows the sets
by the same rule (largest neighbour first, ties to the lowest plot id, at most ``MAX_SET_PLOTS`` plots,
plots too small alone only), then ranks each zone's options the same way. Both must give the same options
in the same order. Target: ours / baseline <= 1.5 (median of ``--repeat`` runs each).

Uses a throwaway SQLite database unless DATABASE_URL is set (what it creates is deleted afterwards).
"""

import sys
from pathlib import Path

# bench/ holds a statistics.py of its own: move bench/ to the end of the path.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from decimal import Decimal  # noqa: E402

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from _maps_data import cleanup, create_zones, irregular_polygons, setup_django  # noqa: E402

TARGET_RATIO = 1.5


def plot_grid(zone_geom, count: int, rng) -> np.ndarray:
    """``count`` touching rectangles tiling the zone's bounding box, rows and columns of random widths."""
    min_x, min_y, max_x, max_y = shapely.bounds(zone_geom)
    cols = int(np.ceil(np.sqrt(count / 2)))
    rows = int(np.ceil(count / cols))
    xs = min_x + (max_x - min_x) * np.concatenate([[0], np.cumsum(w := rng.uniform(0.4, 2.5, cols)) / w.sum()])
    ys = min_y + (max_y - min_y) * np.concatenate([[0], np.cumsum(h := rng.uniform(0.4, 2.5, rows)) / h.sum()])
    idx = np.arange(count)
    col, row = idx % cols, idx // cols
    return shapely.box(xs[col], ys[row], xs[col + 1], ys[row + 1])


def create_plots(zones, per_zone: int, seed: int = 5) -> int:
    """Plots for every zone, written with one bulk insert per batch (areas measured together, vectorised)."""
    from maps.geometry import geodesic_areas
    from zones.choices import LandUse, PlotStatus
    from zones.models import Plot

    rng = np.random.default_rng(seed)
    statuses = np.array([PlotStatus.AVAILABLE, PlotStatus.RESERVED, PlotStatus.LEASED], dtype=object)
    uses = np.array([LandUse.INDUSTRIAL, LandUse.WAREHOUSE, LandUse.GREEN], dtype=object)
    total = 0
    for start in range(0, len(zones), 50):
        batch = []
        for zone in zones[start:start + 50]:
            geoms = plot_grid(zone.shape, per_zone, rng)
            areas = geodesic_areas(geoms)
            bounds = shapely.bounds(geoms)
            texts = shapely.to_geojson(geoms)
            status = rng.choice(statuses, len(geoms), p=[0.5, 0.2, 0.3])
            use = rng.choice(uses, len(geoms), p=[0.8, 0.1, 0.1])
            own_price = rng.random(len(geoms)) < 0.3
            prices = rng.integers(30, 90, len(geoms))
            for i in range(len(geoms)):
                batch.append(Plot(zone=zone, code=f"P{i:04d}", status=status[i], land_use=use[i],
                                  price_override_usd=Decimal(int(prices[i])) if own_price[i] else None,
                                  geometry=json.loads(texts[i]), source_crs="EPSG:4326", area_m2=float(areas[i]),
                                  min_lon=bounds[i, 0], min_lat=bounds[i, 1], max_lon=bounds[i, 2],
                                  max_lat=bounds[i, 3]))
        Plot.objects.bulk_create(batch, batch_size=2000)
        total += len(batch)
    return total


BASELINE_SQL = """
SELECT pl.id, pl.zone_id, pl.code, CAST(pl.geometry AS TEXT) AS geojson, pl.area_m2, pl.price_override_usd,
       z.land_price_min_usd
FROM zones_plot pl
JOIN zones_zonepage z ON z.page_ptr_id = pl.zone_id
JOIN wagtailcore_page p ON p.id = z.page_ptr_id
WHERE p.live AND p.locale_id = %s AND pl.status = 'available' AND pl.land_use IN ('industrial', 'warehouse', 'services')
ORDER BY pl.id
"""


def baseline(need_m2: float, locale_id: int) -> dict[int, list[tuple[int, ...]]]:
    """The same question answered the geopandas way: each zone's options (plot id tuples), best first."""
    import geopandas as gpd
    import pandas as pd
    from django.db import connection

    from zones.siting import ADJACENCY_TOLERANCE_M, MAX_SET_PLOTS

    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, [locale_id])
        frame = pd.DataFrame(cursor.fetchall(), columns=[c[0] for c in cursor.description])
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(shapely.from_geojson(frame["geojson"].to_numpy(dtype=str)),
                                                         crs="EPSG:4326"))
    gdf["area_m2"] = gdf["area_m2"].fillna(0.0)
    price = gdf["price_override_usd"].where(gdf["price_override_usd"].notna(), gdf["land_price_min_usd"])
    gdf["rent"] = [None if p is None or pd.isna(p) else Decimal(str(p)) * int(round(a))
                   for p, a in zip(price, gdf["area_m2"], strict=True)]
    area, zone_of = (dict(zip(gdf["id"], gdf[c], strict=True)) for c in ("area_m2", "zone_id"))
    rent = dict(zip(gdf["id"], gdf["rent"], strict=True))
    options: dict[int, list[tuple[int, ...]]] = {}
    for pid in gdf.loc[gdf["area_m2"] >= need_m2, "id"]:
        options.setdefault(zone_of[pid], []).append((pid,))
    small = gdf[gdf["area_m2"] < need_m2].to_crs(gdf.estimate_utm_crs())
    joined = gpd.sjoin(small[["id", "zone_id", "geometry"]], small[["id", "zone_id", "geometry"]],
                       predicate="dwithin", distance=ADJACENCY_TOLERANCE_M)
    joined = joined[(joined["id_left"] != joined["id_right"]) & (joined["zone_id_left"] == joined["zone_id_right"])]
    neighbours = joined.groupby("id_left")["id_right"].apply(set).to_dict()
    seen = set()
    for start in small["id"]:
        members, total = [start], area[start]
        while total < need_m2 and len(members) < MAX_SET_PLOTS:
            candidates = set().union(*(neighbours.get(m, set()) for m in members)) - set(members)
            if not candidates:
                break
            best = max(candidates, key=lambda c: (area[c], -c))
            members.append(best)
            total += area[best]
        key = tuple(sorted(members))
        if total >= need_m2 and len(key) > 1 and key not in seen:
            seen.add(key)
            options.setdefault(zone_of[start], []).append(key)
    for zone_options in options.values():
        def rank(option):
            rents = [rent[p] for p in option]
            cost = None if any(r is None for r in rents) else sum(rents)
            return (len(option), sum(area[p] for p in option) - need_m2, cost is None, cost or 0, option)
        zone_options.sort(key=rank)
    return options


def ours(need_m2: float) -> dict[int, list[tuple[int, ...]]]:
    """``find_sites`` for the same need: each zone's options (plot id tuples), best first."""
    from zones.siting import SiteNeeds, find_sites

    search = find_sites(SiteNeeds(land_m2=Decimal(str(need_m2))))
    return {found.zone.pk: [option.plot_ids for option in found.options] for found in search.zones if found.options}


def timed(func, *args, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--plots-per-zone", type=int, default=200)
    parser.add_argument("--need-ha", type=float, default=None,
                        help="default: 1.5 times the median plot, rounded to 0.1 ha (mixed singles and sets)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    db = setup_django()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from wagtail.models import Locale

    from zones.models import Plot

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    translation.activate("en")
    start = time.perf_counter()
    index, zones = create_zones(irregular_polygons(args.zones, vertices=24, seed=11), "sites")
    count = create_plots(zones, args.plots_per_zone)
    median_ha = float(np.median(Plot.objects.values_list("area_m2", flat=True))) / 10_000
    need_ha = args.need_ha or round(1.5 * median_ha, 1)
    print(f"database: {db.split(':', 1)[0]}; {len(zones)} zones, {count:,} plots (median {median_ha:.2f} ha) "
          f"created in {time.perf_counter() - start:.1f} s; need {need_ha} ha")
    try:
        need = need_ha * 10_000
        locale_id = Locale.get_active().pk
        ours(need)  # warm up: imports, translations, PROJ
        baseline(need, locale_id)
        ours_s, mine = timed(ours, need, repeat=args.repeat)
        base_s, theirs = timed(baseline, need, locale_id, repeat=args.repeat)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            ours(need)
        singles = sum(1 for options in mine.values() for o in options if len(o) == 1)
        sets = sum(1 for options in mine.values() for o in options if len(o) > 1)
        same = mine == theirs
        print(f"options: {singles:,} single plots, {sets:,} sets of adjacent plots in {len(mine)} zones; "
              f"largest set {max((len(o) for v in mine.values() for o in v), default=0)} plots; "
              f"{len(queries)} queries")
        print(f"same answers (every zone's options, in the same order): {same}")
        if not same:
            differing = [z for z in set(mine) | set(theirs) if mine.get(z) != theirs.get(z)]
            print(f"    zones differing: {len(differing)}, e.g. {differing[:3]}")
        ratio = ours_s / base_s
        print(f"find_sites: {ours_s * 1000:.0f} ms; geopandas baseline: {base_s * 1000:.0f} ms "
              f"(median of {args.repeat})")
        print(f"ratio ours / baseline = {ratio:.2f} (target <= {TARGET_RATIO}) -> "
              f"{'met' if ratio <= TARGET_RATIO else 'MISSED'}; same answers -> {'met' if same else 'MISSED'}")
    finally:
        cleanup(index)


if __name__ == "__main__":
    main()
