"""Benchmark: full GIS import of a 10,000-polygon layer in EPSG:9212 (VN-2000 / Binh Phuoc TM-3), as a
zipped Shapefile, as GeoJSON and as a GeoPackage, against a plain ``pyogrio.read_dataframe`` of the same file
in the same run; and the peak memory of the full import of a 200,000-polygon Shapefile against that of the
plain read (KML is not timed: its reader is not the import's cost, and the defusedxml check reads it whole).

Full import = upload checks and staging + read + CRS detection + reprojection to WGS 84 + validation and
repair + attribute mapping + plots-inside-zone check + saving every plot in one transaction (a bulk insert,
COPY on PostgreSQL) + the ImportRecord update: exactly what the Celery task runs.

    .venv/bin/python bench/gis_import.py [--features 10000] [--repeat 7] [--memory-features 200000]

Uses DATABASE_URL when set (e.g. postgres://root@127.0.0.1:5432/bench_gis), else a temporary SQLite file.
Targets: full import / lower bound <= 1.5 in every format; peak memory of the full import <= 2x that of the
plain read; and the first GIS import's full import <= 3x the plain read, which the lower bound alone exceeds
(its final line says so, with the lower bound's own ratio). Each memory figure is the peak resident set
size (``VmHWM`` of ``/proc/self/status``; getrusage's ``ru_maxrss`` would carry the parent's over) of a fresh
child process that does only that one thing: the plain read imports pyogrio and reads the file, the full
import sets Django up and runs the import. Timing uses ``--features`` (200,000 polygons in three formats,
five times each, would take tens of minutes); memory uses ``--memory-features``.

It also times a lower bound, with no code of ours: the least any import of the layer must do (read it,
test validity, reproject with pyproj, write each polygon as GeoJSON and store it with its code in one
transaction, COPY on PostgreSQL), without upload checks, staging, repair, attributes, areas, the zone check
or the import record. Its ratio says how much of the target the libraries and the database leave.

The plain read, the lower bound and the full import are timed in turns, ``--repeat`` rounds of the three in
each format, the formats in turns too, so that a slower spell of the machine falls on all three alike and on
no one format's rounds only; each figure is the best of its rounds, and every round is printed. One untimed
round of each format comes first: the first import in a process pays once for what later ones reuse (the
format's GDAL driver, the first queries' compilation), as the lower bound's first read does. Every timed run
starts after a full garbage collection (``_start_clock``).
"""

import sys
from pathlib import Path

# bench/ holds scripts named like standard modules (statistics.py): put the project root first instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
_TMP = Path(tempfile.mkdtemp(prefix="bench-gis-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP / 'bench.sqlite3'}")
os.environ.setdefault("PORTAL_VAR_DIR", str(_TMP / "var"))


def _start_clock() -> float:
    """The start of a timed run, after a full garbage collection: the shapely geometries every run allocates
    are tracked objects, and without it a full collection of the whole heap (about 200 ms with Django and
    Wagtail loaded) would land in whichever run crossed the collector's threshold, read, lower bound or import."""
    gc.collect()
    return time.perf_counter()


def make_layer(count: int):
    """``count`` jittered 40 m plots with 12-vertex boundaries on a grid in EPSG:9212, and a zone around them."""
    import geopandas as gpd
    import numpy as np
    import shapely

    side = int(np.ceil(np.sqrt(count)))
    index = np.arange(count)
    x0 = 570_000 + (index % side) * 50.0
    y0 = 1_265_000 + (index // side) * 50.0
    t = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    rng = np.random.default_rng(42)
    radius = 20 + rng.uniform(-2, 2, size=(count, 12))
    xs = x0[:, None] + 25 + radius * np.cos(t)
    ys = y0[:, None] + 25 + radius * np.sin(t)
    coords = np.stack([xs, ys], axis=-1)
    coords = np.concatenate([coords, coords[:, :1]], axis=1)
    polygons = shapely.polygons(coords)
    frame = gpd.GeoDataFrame({"MA_LO": [f"L-{i:05d}" for i in index],
                              "LOAI_DAT": rng.choice(["CN", "Kho bãi", "Dịch vụ"], count),
                              "TRANG_THAI": rng.choice(["Trống", "Đã thuê", "Đặt cọc"], count)},
                             geometry=polygons, crs="EPSG:9212")
    zone = shapely.box(*frame.total_bounds).buffer(100)
    zone_wgs = gpd.GeoSeries([zone], crs="EPSG:9212").to_crs(4326).iloc[0]
    return frame, zone_wgs


def write_files(frame, folder: Path) -> dict[str, Path]:
    import pyogrio

    shp_dir = folder / "shp"
    shp_dir.mkdir()
    pyogrio.write_dataframe(frame, shp_dir / "plots.shp", encoding="UTF-8")
    zipped = folder / "plots.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(shp_dir.iterdir()):
            archive.write(part, part.name)
    geojson = folder / "plots.geojson"
    pyogrio.write_dataframe(frame, geojson, driver="GeoJSON")
    gpkg = folder / "plots.gpkg"
    pyogrio.write_dataframe(frame, gpkg, layer="plots", driver="GPKG")
    return {"Shapefile (zip)": zipped, "GeoJSON": geojson, "GeoPackage": gpkg}


def setup_site(zone_geometry, code: str = "bench-zone"):
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from portal import demo
    from zones.models import ZoneIndexPage, ZonePage

    home = demo.ensure_home_pages()
    index = ZoneIndexPage.objects.first()
    if index is None:
        index = ZoneIndexPage(title="Zones", slug="zones")
        home.add_child(instance=index)
    zone = ZonePage.objects.filter(code=code).first()
    if zone is None:
        zone = ZonePage(title=f"Bench zone {code}", slug=code, code=code)
        zone.set_geometry(zone_geometry, "EPSG:4326")
        index.add_child(instance=zone)
    else:  # a zone left by an earlier run with fewer features: its boundary must cover this run's layer
        zone.set_geometry(zone_geometry, "EPSG:4326")
        zone.save()
    return zone


def baseline(path: Path) -> float:
    """Plain pyogrio read of the same file (for the zip: of the .shp inside, via GDAL's /vsizip/)."""
    import pyogrio

    source = f"/vsizip/{path}/plots.shp" if path.suffix == ".zip" else path
    start = _start_clock()
    frame = pyogrio.read_dataframe(source)
    elapsed = time.perf_counter() - start
    assert len(frame) > 0
    return elapsed


def lower_bound(path: Path) -> float:
    """Read, validity test, reprojection, GeoJSON and a code + geometry insert into a scratch table."""
    import numpy as np
    import pyogrio
    import shapely
    from django.db import connection, transaction
    from pyproj import Transformer

    source = f"/vsizip/{path}/plots.shp" if path.suffix == ".zip" else path
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor")
        cursor.execute("CREATE TABLE bench_floor (code varchar(40) PRIMARY KEY, geometry text NOT NULL)")
    start = _start_clock()
    frame = pyogrio.read_dataframe(source, use_arrow=True)
    geoms = np.asarray(frame.geometry.array, dtype=object)
    assert shapely.is_valid(geoms).all()
    transformer = Transformer.from_crs(frame.crs, 4326, always_xy=True)
    wgs = shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    rows = zip(frame["MA_LO"].tolist(), shapely.to_geojson(wgs).tolist(), strict=True)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY bench_floor (code, geometry) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany("INSERT INTO bench_floor (code, geometry) VALUES (%s, %s)", rows)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor")
    return elapsed


def schema_cost(path: Path, zone, repeat: int) -> float | None:
    """PostgreSQL only (else None): how much longer the lower bound's insert takes into a scratch copy of the
    plots table (its columns, its indexes, the deferred zone foreign key) than into its two-column table;
    a breakdown of the full import's cost that no code of ours decides (the figures and targets above ignore it)."""
    import numpy as np
    import pyogrio
    import shapely
    from django.db import connection, transaction
    from pyproj import Transformer

    from zones.models import Plot

    if connection.vendor != "postgresql":
        return None
    source = f"/vsizip/{path}/plots.shp" if path.suffix == ".zip" else path
    frame = pyogrio.read_dataframe(source, use_arrow=True)
    transformer = Transformer.from_crs(frame.crs, 4326, always_xy=True)
    wgs = shapely.transform(np.asarray(frame.geometry.array, dtype=object),
                            lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    rows = list(zip(frame["MA_LO"].tolist(), shapely.to_geojson(wgs).tolist(), strict=True))
    plots, zones = (connection.ops.quote_name(model._meta.db_table) for model in (Plot, type(zone)))

    def insert(table: str, columns: str, extra: tuple) -> float:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table}")
        start = _start_clock()
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + extra)
        return time.perf_counter() - start

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor, bench_floor_plots")
        cursor.execute("CREATE TABLE bench_floor (code varchar(40) PRIMARY KEY, geometry text NOT NULL)")
        cursor.execute(f"CREATE TABLE bench_floor_plots (LIKE {plots} INCLUDING ALL)")
        cursor.execute(f"ALTER TABLE bench_floor_plots ADD FOREIGN KEY (zone_id) REFERENCES {zones} (page_ptr_id) "
                       "DEFERRABLE INITIALLY DEFERRED")
    try:
        floor = min(insert("bench_floor", "code, geometry", ()) for _ in range(repeat))
        shaped = min(insert("bench_floor_plots", "code, geometry, zone_id, source_crs, land_use, status, notes",
                            (zone.pk, "EPSG:9212", "industrial", "available", "")) for _ in range(repeat))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_floor, bench_floor_plots")
    return shaped - floor


def editor():
    """The editor the import runs for (a superuser: the page-rights check costs what it costs for anyone)."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username="bench-editor", defaults={
        "is_staff": True, "is_superuser": True})
    return user


def full_import(path: Path, zone) -> tuple[float, int]:
    from django.db import connection

    from maps.checks import stage_upload
    from zones.gis_import.options import ImportOptions
    from zones.gis_import.running import run_import
    from zones.models import ImportRecord, ImportStatus, Plot

    Plot.objects.filter(zone=zone)._raw_delete(Plot.objects.db)  # no per-row signals: not what is timed
    if connection.vendor == "postgresql":  # without autovacuum, every run would insert into a bloated table
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {connection.ops.quote_name(Plot._meta.db_table)}")
    options = ImportOptions(target="plots", zone_id=zone.pk)
    start = _start_clock()
    with open(path, "rb") as handle:
        staged = stage_upload(handle, path.name)
    record = ImportRecord.objects.create(
        user=editor(), file_name=path.name, file_size=staged.size, format=staged.format, target="plots", zone=zone,
        options={**options.to_json(), "staged_path": str(staged.path.relative_to(staged.workdir))},
        status=ImportStatus.RUNNING, staging_dir=str(staged.workdir))  # claimed, as a confirmation does
    record = run_import(record.pk)
    elapsed = time.perf_counter() - start
    assert record.status == ImportStatus.DONE, record.error
    return elapsed, record.created_count


def child(kind: str, path: Path, zone_code: str) -> None:
    """One memory measurement in this (fresh) process: print its peak RSS in kB after a plain read or a full import."""
    if kind == "plain":
        baseline(path)
    else:
        import django

        django.setup()
        from zones.models import ZonePage

        full_import(path, ZonePage.objects.get(code=zone_code))
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
    peak = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    print(f"maxrss_kb {int(peak.split()[1])}")


def peak_rss_mb(kind: str, path: Path, zone_code: str) -> float:
    """Peak RSS (MB) of a child process doing one plain read or one full import of ``path``."""
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--path", str(path), "--zone", zone_code],  # noqa: S603 - this script
                          capture_output=True, text=True, env=os.environ.copy(), check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("maxrss_kb "))
    return int(line.split()[1]) / 1024


def memory(features: int) -> None:
    """Peak memory of the full import of a ``features``-polygon Shapefile against its plain read."""
    frame, zone_geometry = make_layer(features)
    folder = _TMP / "memory"
    folder.mkdir()
    files = write_files(frame, folder)
    del frame
    setup_site(zone_geometry, "bench-memory")
    path = files["Shapefile (zip)"]
    plain = min(peak_rss_mb("plain", path, "bench-memory") for _ in range(2))
    full = min(peak_rss_mb("full", path, "bench-memory") for _ in range(2))
    ratio = full / plain
    print(f"memory, {features} polygons, Shapefile (zip) {path.stat().st_size / 2**20:.1f} MB: peak RSS of a child "
          f"process (VmHWM, best of 2): plain read {plain:7.1f} MB   full import "
          f"{full:7.1f} MB   ratio {ratio:5.2f}")
    print(f"target: full import peak memory <= 2x plain read: {'met' if ratio <= 2 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--memory-features", type=int, default=200_000)
    parser.add_argument("--child", choices=["plain", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--zone", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path, args.zone)
        return

    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # the site's set-up and each import log what they save: not this script's output
    from django.conf import settings
    from django.db import connection

    frame, zone_geometry = make_layer(args.features)
    files = write_files(frame, _TMP)
    zone = setup_site(zone_geometry)
    print(f"GIS import benchmark: {args.features} polygons in EPSG:9212, database {connection.vendor}, "
          f"best of {args.repeat}; upload limit {settings.GIS_UPLOAD_MAX_BYTES // 2**20} MB; timing at "
          f"{args.features} polygons, memory at {args.memory_features}")
    ratios, read_ratios = {}, {}
    for path in files.values():  # untimed: the first round in a process pays one-off costs
        baseline(path), lower_bound(path), full_import(path, zone)
    timings = {label: [] for label in files}
    for _round in range(args.repeat):
        for label, path in files.items():
            timings[label].append((baseline(path), lower_bound(path), full_import(path, zone)))
    for label, path in files.items():
        rounds = timings[label]
        plain, floor = (min(measured[i] for measured in rounds) for i in (0, 1))
        runs = [full for _plain, _floor, full in rounds]
        best = min(elapsed for elapsed, _created in runs)
        created = runs[-1][1]
        print(f"{label:16s} {path.stat().st_size / 2**20:6.1f} MB  read_dataframe {plain * 1000:8.1f} ms   "
              f"full import {best * 1000:8.1f} ms (median {statistics.median(e for e, _ in runs) * 1000:.1f}, "
              f"{created} plots saved)   ratio {best / plain:5.2f}  (target <= 3)")
        print(f"{'':16s} lower bound (read, validity, reprojection, GeoJSON, insert; nothing of ours) "
              f"{floor * 1000:8.1f} ms   ratio {floor / plain:5.2f}")
        ratios[label] = best / floor
        read_ratios[label] = (best / plain, floor / plain)
        print(f"{'':16s} full import / lower bound {best / floor:5.2f}  (target <= 1.5); rounds, lower bound / full "
              f"import ms: {'  '.join(f'{lower * 1000:.0f}/{full * 1000:.0f}' for _p, lower, (full, _c) in rounds)}")
        extra = schema_cost(path, zone, args.repeat)
        if extra is not None:
            print(f"{'':16s} breakdown: the same insert into the plots table's shape (its columns, indexes, zone FK) "
                  f"takes {extra * 1000:6.1f} ms more ({extra / floor:4.2f}x the lower bound); full import / "
                  f"(lower bound + that) {best / (floor + extra):5.2f}")
    memory(args.memory_features)
    slowest = max(read_ratios, key=read_ratios.get)
    print(f"target: full import <= 3x plain read in every format (worst: {slowest} {read_ratios[slowest][0]:.2f}; "
          f"its lower bound alone is {read_ratios[slowest][1]:.2f}x): "
          f"{'met' if read_ratios[slowest][0] <= 3 else 'MISSED'}")
    worst = max(ratios, key=ratios.get)
    print(f"target: full import <= 1.5x lower bound in every format (worst: {worst} {ratios[worst]:.2f}): "
          f"{'met' if ratios[worst] <= 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
