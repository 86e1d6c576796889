"""Benchmark: a zone page with 500 plots and the overview (zone index) page with 500 zones, against the same
pages with 5 plots / 5 zones: server time, SQL queries, and bytes sent (HTML plus the scripts and stylesheets
it references), compared with a default folium map of the same features.
Targets: query count independent of the number of plots/zones; overview bytes <= 0.5x default folium bytes.

Big zones: the page of a zone with 5,000 plots (whose map fetches its plots from the plots endpoint) against
the page of a zone with 50 plots, in the same run. Targets: server time <= 2x, HTML <= 300 KB; the endpoint's
bytes and time for the 5,000 plots are printed too.

    .venv/bin/python bench/zone_pages.py [--zones N] [--plots N] [--big-plots N] [--base-plots N] [--repeat N]

Uses a throwaway SQLite database unless DATABASE_URL is set (what it creates is deleted afterwards).
"""

import sys
from pathlib import Path

# bench/ holds other scripts (bench/statistics.py) that would shadow the standard library if bench/ came
# first on sys.path, as it does for a script run from there: move it to the end.
_BENCH = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _BENCH] + [_BENCH]

import argparse  # noqa: E402
import gzip  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from _maps_data import cleanup, create_plots, create_zones, irregular_polygons, plot_grid, setup_django  # noqa: E402

ASSET_RE = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*rel="stylesheet"[^>]*\bhref)="([^"]+)"')


def static_bytes(url: str) -> int:
    """The size of a local static file referenced by ``url``."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    if path is None:
        raise FileNotFoundError(url)
    return Path(path).stat().st_size


def measure(client, url: str, repeat: int) -> dict:
    """Median server time, SQL query count and bytes (HTML, assets, gzip of HTML) of GET ``url``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    response = client.get(url)  # the first request renders the map; later ones find it in the cache
    cold = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    html = response.content
    assets = {u: static_bytes(u) for u in ASSET_RE.findall(html.decode())}
    return {"ms": statistics.median(times) * 1000, "cold_ms": cold * 1000, "queries": len(queries), "html": len(html),
            "assets": sum(assets.values()), "html_gz": len(gzip.compress(html)), "asset_list": assets}


def default_folium_bytes(features: list[dict]) -> dict:
    """A default folium map of the same zones: one GeoJson layer with full boundaries, popups and tooltips,
    and a MarkerCluster with one Marker (and popup) per zone, folium's CDN assets left as they are."""
    import folium
    from folium.plugins import MarkerCluster

    fmap = folium.Map(location=[11.7, 106.8], zoom_start=9)
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f["id"], "geometry": f["geometry"],
         "properties": {"name": f["name"], "kind": f["kind_label"], "status": f["status_label"], "url": f["url"]}}
        for f in features]}
    folium.GeoJson(collection, popup=folium.GeoJsonPopup(fields=["name", "kind", "status"]),
                   tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(fmap)
    cluster = MarkerCluster().add_to(fmap)
    for f in features:
        lon, lat = f["centroid"]
        folium.Marker([lat, lon], tooltip=f["name"],
                      popup=folium.Popup(f'<b>{f["name"]}</b><br><a href="{f["url"]}">Open</a>')).add_to(cluster)
    html = fmap.get_root().render().encode()
    return {"html": len(html), "html_gz": len(gzip.compress(html)), "assets": default_asset_bytes(fmap)}


def default_asset_bytes(fmap) -> tuple[int, list[str]]:
    """Bytes of folium's default assets that exist locally as the same libraries (Leaflet, jQuery 3.7.1,
    Leaflet.markercluster); the ones that do not (Bootstrap, Font Awesome, glyphicons, awesome-markers) are
    counted as 0 bytes, which makes the default smaller and our ratio an upper bound."""
    import django

    admin_jquery = Path(django.__file__).parent / "contrib/admin/static/admin/js/vendor/jquery/jquery.min.js"
    cluster = "/static/vendor/leaflet.markercluster/"
    local = {"leaflet.js": static_bytes("/static/vendor/leaflet/leaflet.js"),
             "leaflet.css": static_bytes("/static/vendor/leaflet/leaflet.css"),
             "jquery-3.7.1.min.js": admin_jquery.stat().st_size,
             "leaflet.markercluster.js": static_bytes(cluster + "leaflet.markercluster.js"),
             "MarkerCluster.css": static_bytes(cluster + "MarkerCluster.css"),
             "MarkerCluster.Default.css": static_bytes(cluster + "MarkerCluster.Default.css")}
    html = fmap.get_root().render()
    urls = re.findall(r'(?:src|href)="(https://[^"]+)"', html)
    counted = sum(size for name, size in local.items() if any(u.endswith(name) for u in urls))
    missing = [u for u in urls if not any(u.endswith(name) for name in local)]
    return counted, missing


def measure_endpoint(client, url: str, repeat: int) -> dict:
    """Server time of GET ``url`` when built (the first request) and when cached (median of ``repeat``), its
    bytes (and gzipped) and number of features."""
    start = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    body = response.content
    return {"ms": statistics.median(times) * 1000, "cold_ms": cold * 1000, "bytes": len(body),
            "gz": len(gzip.compress(body)), "features": len(response.json()["features"])}


def big_zone_report(client, huge_zone, base_zone, args) -> None:
    """The page of a zone of ``--big-plots`` plots against one of ``--base-plots`` plots, and the plots
    endpoint of the big one at the zoom its map opens at; a ``met``/``MISSED`` line per target."""
    from django.conf import settings
    from django.urls import reverse

    from maps.rendering import fitted_zoom

    huge = measure(client, huge_zone.url, args.repeat)
    base = measure(client, base_zone.url, args.repeat)
    zoom = fitted_zoom((huge_zone.min_lon, huge_zone.min_lat, huge_zone.max_lon, huge_zone.max_lat))
    url = f"{reverse('zones:zone_plot_map', args=[huge_zone.pk])}?unit=ha&zoom={zoom}"
    endpoint = measure_endpoint(client, url, args.repeat)
    print(f"\nbig zones (ZONE_MAP_EMBED_LIMIT = {settings.ZONE_MAP_EMBED_LIMIT}): server ms = median of "
          f"{args.repeat} requests after the first")
    print(f"{'page':32} {'server ms':>10} {'first ms':>9} {'queries':>8} {'HTML B':>10} {'HTML gz B':>10}")
    for name, r in ((f"zone page, {args.big_plots} plots", huge), (f"zone page, {args.base_plots} plots", base)):
        print(f"{name:32} {r['ms']:10.1f} {r['cold_ms']:9.1f} {r['queries']:8d} {r['html']:10,d} {r['html_gz']:10,d}")
    print(f"{f'plots endpoint, zoom {zoom}':32} {endpoint['ms']:10.1f} {endpoint['cold_ms']:9.1f} {'':>8} "
          f"{endpoint['bytes']:10,d} {endpoint['gz']:10,d}  ({endpoint['features']} plots; first = built, "
          "then cached)")
    ratio = huge["ms"] / base["ms"]
    print(f"zone page time {args.big_plots} / {args.base_plots} plots = {ratio:.2f}x (target <= 2x): "
          f"{'met' if ratio <= 2 else 'MISSED'}")
    limit = 300 * 1024
    print(f"zone page HTML at {args.big_plots} plots = {huge['html']:,} B (target <= {limit:,} B): "
          f"{'met' if huge['html'] <= limit else 'MISSED'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--plots", type=int, default=500)
    parser.add_argument("--big-plots", type=int, default=5000)
    parser.add_argument("--base-plots", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = setup_django()

    from django.test import Client
    from django.utils import translation

    from zones.services import zone_map_features, zones_under

    translation.activate("en")
    big_index, big_zones = create_zones(irregular_polygons(args.zones, seed=3), "big")
    small_index, small_zones = create_zones(irregular_polygons(5, seed=4), "small")
    create_plots(big_zones[0], plot_grid(big_zones[0].shape, args.plots))
    create_plots(small_zones[0], plot_grid(small_zones[0].shape, 5))
    huge_zone, base_zone = big_zones[1], big_zones[2]
    create_plots(huge_zone, plot_grid(huge_zone.shape, args.big_plots))
    create_plots(base_zone, plot_grid(base_zone.shape, args.base_plots))
    try:
        client = Client(HTTP_HOST="localhost")
        rows = [
            (f"zone page, {args.plots} plots", measure(client, big_zones[0].url, args.repeat)),
            ("zone page, 5 plots", measure(client, small_zones[0].url, args.repeat)),
            (f"overview, {args.zones} zones", measure(client, big_index.url, args.repeat)),
            ("overview, 5 zones", measure(client, small_index.url, args.repeat)),
        ]
        print(f"database: {db.split(':', 1)[0]}; server ms = median of {args.repeat} requests after the first "
              "(maps cached); first ms = the first request, which renders the map")
        print(f"{'page':24} {'server ms':>10} {'first ms':>9} {'queries':>8} {'HTML B':>10} {'assets B':>10} "
              f"{'total B':>10} {'HTML gz B':>10}")
        for name, r in rows:
            print(f"{name:24} {r['ms']:10.1f} {r['cold_ms']:9.1f} {r['queries']:8d} {r['html']:10,d} "
                  f"{r['assets']:10,d} {r['html'] + r['assets']:10,d} {r['html_gz']:10,d}")
        print(f"queries independent of size: zone page {rows[0][1]['queries']} vs {rows[1][1]['queries']}, "
              f"overview {rows[2][1]['queries']} vs {rows[3][1]['queries']}")

        default = default_folium_bytes(zone_map_features(zones_under(big_index)))
        counted, missing = default["assets"]
        ours = rows[2][1]["html"] + rows[2][1]["assets"]
        theirs = default["html"] + counted
        print(f"default folium map of the same {args.zones} zones: HTML {default['html']:,} B "
              f"(gzip {default['html_gz']:,} B) + assets {counted:,} B = {theirs:,} B; "
              f"not counted (no local copy, counted as 0): {len(missing)} files")
        for url in missing:
            print(f"    {url}")
        print(f"overview page (whole page: HTML + every script and stylesheet) = {ours:,} B")
        html, gz = rows[2][1]["html"] / default["html"], rows[2][1]["html_gz"] / default["html_gz"]
        print(f"ratio overview / default folium = {ours / theirs:.2f} (HTML only {html:.2f}, gzipped HTML {gz:.2f}) "
              f"(target <= 0.5): {'met' if ours <= 0.5 * theirs else 'MISSED'}")
        big_zone_report(client, huge_zone, base_zone, args)
    finally:
        cleanup(big_index, small_index)


if __name__ == "__main__":
    main()
