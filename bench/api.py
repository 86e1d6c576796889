"""Benchmark: OGC API - Features items of the plots collection against the same rows read by one SQL query, and
the requests per second of the API under gunicorn.

1. 100,000 plots (bulk created) are read through /ogc/collections/plots/items in pages of 1,000 (Django's test
   client, following the ``next`` links), and the same rows by ONE raw SQL query serialised to the same GeoJSON
   FeatureCollection with the standard json module, in the same run. Target: pages / one query <= 1.5.
2. Requests per second on the /api/v1/zones/ list (and on a page of OGC zones) under gunicorn with production
   settings, driven by a bounded pool of urllib threads on 127.0.0.1 for a few seconds: stated, no target.

    DATABASE_URL=postgres://root@127.0.0.1:5432/bench_api .venv/bin/python bench/api.py [--plots N] [--repeat N]

Needs PostgreSQL (``DATABASE_URL``); what it creates is deleted afterwards.
"""

import sys
from pathlib import Path

# bench/ holds scripts named like standard modules (bench/statistics.py): move it to the end of sys.path.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from collections import Counter  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

from support.postgres import PROXY_HEADERS, production_server, setup_django, timed  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001 - figures appear as they are measured

TARGET_RATIO = 1.5
PAGE = 1_000
PREFIX = "bench-api"

REFERENCE_SQL = """
SELECT p.id, p.geometry, p.code, z.code, p.land_use, p.status, p.area_m2, p.source_crs
FROM zones_plot p JOIN zones_zonepage z ON z.page_ptr_id = p.zone_id JOIN wagtailcore_page zp ON zp.id = z.page_ptr_id
WHERE zp.translation_key IN (SELECT wp.translation_key FROM wagtailcore_page wp
                             JOIN zones_zonepage live ON live.page_ptr_id = wp.id WHERE wp.live)
ORDER BY p.id
"""


def create_plots(total: int, zones: int = 10):
    """``zones`` live zone pages with ``total`` rectangular plots between them, bulk created with their
    bounding boxes and areas computed for the whole layer at once. Returns the zone index page."""
    import shapely
    from _maps_data import create_zones, irregular_polygons, plot_grid

    from maps.geometry import geodesic_areas
    from zones.choices import LandUse, PlotStatus
    from zones.models import Plot

    index, zone_pages = create_zones(irregular_polygons(zones, vertices=40), PREFIX)
    per_zone = total // zones
    statuses, uses = list(PlotStatus.values), list(LandUse.values)
    for zone in zone_pages:
        geoms = plot_grid(zone.shape, per_zone)
        bounds, areas = shapely.bounds(geoms), geodesic_areas(geoms)
        rings = shapely.get_coordinates(shapely.get_exterior_ring(geoms)).reshape(len(geoms), -1, 2)
        plots = [Plot(zone=zone, code=f"P{i:05d}", status=statuses[i % 3], land_use=uses[i % len(uses)],
                      geometry={"type": "Polygon", "coordinates": [ring.tolist()]}, source_crs="EPSG:9212",
                      min_lon=b[0], min_lat=b[1], max_lon=b[2], max_lat=b[3], area_m2=float(a),
                      notes="not public", price_override_usd=None)
                 for i, (ring, b, a) in enumerate(zip(rings, bounds, areas, strict=True))]
        Plot.objects.bulk_create(plots, batch_size=5_000)
    return index


def walk_pages() -> tuple[int, int]:
    """GET every page of the plots collection (limit 1,000) through the test client: (features, bytes)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    url, features, size = f"/ogc/collections/plots/items?limit={PAGE}", 0, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content
        # The client reads the count and the links at the end of the page, not the features (the reference
        # side parses nothing either).
        tail = json.loads(b"{" + body[body.rindex(b'"numberMatched"'):])
        features += tail["numberReturned"]
        size += len(body)
        url = next((link["href"] for link in tail["links"] if link["rel"] == "next"), None)
    return features, size


def one_query() -> tuple[int, int]:
    """The same rows by ONE raw SQL query, serialised as one FeatureCollection with json: (features, bytes)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(REFERENCE_SQL)
        rows = cursor.fetchall()
    features = [{"type": "Feature", "id": pk, "geometry": geometry if not isinstance(geometry, str)
                 else json.loads(geometry),
                 "properties": {"code": code, "zone": zone, "land_use": land_use, "status": status,
                                "area_ha": None if area is None else round(area / 10_000, 4), "src_crs": crs}}
                for pk, geometry, code, zone, land_use, status, area, crs in rows]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return len(features), len(body)


def requests_per_second(paths: list[str], seconds: float, threads: int, max_requests: int) -> dict:
    """gunicorn (production settings, 2 workers) on a local port, driven by ``threads`` urllib threads for
    ``seconds`` (at most ``max_requests`` each path): requests per second and status codes per path."""
    environment = {"API_RATE_ADDRESS": "10000000/m", "API_RATE_KEY": "10000000/m"}
    headers = {**PROXY_HEADERS, "Accept": "application/json"}
    results = {}
    with production_server(**environment) as base_url:
        for path in paths:
            url = f"{base_url}{path}"

            def fetch(_n, url=url) -> int:
                try:
                    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as reply:  # noqa: S310 - http on 127.0.0.1
                        reply.read()
                        return reply.status
                except urllib.error.HTTPError as error:
                    return error.code
                except OSError:
                    return "no answer"

            for _ in range(4):  # each worker's first answer also imports and compiles what it needs
                urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120).read()  # noqa: S310 - http on 127.0.0.1
            codes: Counter = Counter()
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=threads) as pool:
                done = 0
                while done < max_requests and time.monotonic() - started < seconds:
                    batch = min(threads * 4, max_requests - done)
                    codes.update(pool.map(fetch, range(batch)))
                    done += batch
            elapsed = time.monotonic() - started
            results[path] = {"rps": done / elapsed, "requests": done, "codes": dict(codes)}
    return results


def remove(index, zones: bool = True) -> None:
    """Delete the benchmark's plots, and its zones unless ``zones`` is False (again: a no-op)."""
    from zones.models import Plot

    plots = Plot.objects.filter(zone__code__startswith=f"bench-{PREFIX}")
    Plot.projects.through.objects.filter(plot__in=plots).delete()
    plots._raw_delete(plots.db)  # no per-row signals for 100,000 throwaway rows
    if zones and type(index).objects.filter(pk=index.pk).exists():
        index.refresh_from_db()
        index.delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    os.environ.setdefault("API_RATE_ADDRESS", "1000000/m")  # one client reads every page: not a flood
    setup_django("bench_api")
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("This benchmark runs on PostgreSQL.")
    started = time.perf_counter()
    index = create_plots(args.plots)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE zones_plot")  # as autovacuum does after a bulk load: statistics, visibility map
    print(f"created {args.plots:,} plots in {time.perf_counter() - started:.1f} s")
    try:
        walk_pages()  # warm up: imports, the CRS tables, the database's caches
        one_query()
        pages_s, (pages_n, pages_bytes) = timed(walk_pages, args.repeat)
        query_s, (query_n, query_bytes) = timed(one_query, args.repeat)
        assert pages_n == query_n, (pages_n, query_n)
        ratio = pages_s / query_s
        print(f"items in pages of {PAGE:,} (test client): {pages_n:,} features, {pages_bytes / 1e6:.1f} MB, "
              f"{pages_s:.2f} s (median of {args.repeat})")
        print(f"one raw SQL query + json.dumps:          {query_n:,} features, {query_bytes / 1e6:.1f} MB, "
              f"{query_s:.2f} s (median of {args.repeat})")
        print(f"ratio pages / one query: {ratio:.2f} (target <= {TARGET_RATIO}) -> "
              f"{'met' if ratio <= TARGET_RATIO else 'MISSED'}")
        # The lists under load with the ten zones and without their plots: the zone list sums its land figures
        # over each zone's plots (zones.models.ZoneQuerySet.with_land): 2-3 s a request, profiled, with 10,000 a zone.
        remove(index, zones=False)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE zones_plot")  # the deleted rows' space, as autovacuum would
        paths = ["/api/v1/zones/", "/ogc/collections/zones/items?limit=10"]
        for path, result in requests_per_second(paths, args.seconds, args.threads, 20_000).items():
            print(f"gunicorn, 2 workers, {args.threads} client threads, {path}: {result['rps']:.0f} requests/s "
                  f"({result['requests']} requests, status {result['codes']}) - stated, no target")
        print(f"targets: OGC items / one query <= {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'MISSED'}")
    finally:
        remove(index)


if __name__ == "__main__":
    main()
