"""A confirmed GIS import reads, checks and saves its layer a batch at a time (zones.gis_import.running):
every feature is saved whatever the batch size, rows are numbered across batches, and a problem found in a
later batch leaves nothing of the earlier ones saved."""

import zipfile

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
import shapely.geometry
from django.db import connection

from core.imports import ImportStatus
from maps.checks import stage_upload
from tests.factories import square_deg
from tests.factories_gis import LAT0, LON0, zone_with_boundary
from zones.gis_import import running
from zones.gis_import.options import ImportOptions
from zones.gis_import.running import run_import
from zones.gis_import.services import confirm_import, preview_upload
from zones.models import ImportRecord, Plot

pytestmark = pytest.mark.django_db


def plots_file(folder, fmt: str, codes: list[str], geometries=None):
    """A layer of plots inside the test zone with ``codes``, written as ``fmt``; returns its path."""
    geometries = geometries or [square_deg(LON0 + 0.001 + 0.004 * (i % 10), LAT0 + 0.001 + 0.004 * (i // 10), 0.003)
                                for i in range(len(codes))]
    frame = gpd.GeoDataFrame({"code": codes, "land_use": ["CN"] * len(codes), "status": ["Trống"] * len(codes)},
                             geometry=geometries, crs=4326)
    if fmt == "zip":
        pyogrio.write_dataframe(frame, folder / "plots.shp", encoding="UTF-8")
        path = folder / "plots.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for part in folder.glob("plots.*"):
                if part != path:
                    archive.write(part, part.name)
        return path
    path = folder / f"plots.{fmt}"
    pyogrio.write_dataframe(frame, path, driver={"geojson": "GeoJSON", "gpkg": "GPKG"}[fmt])
    return path


def claimed(path, zone, user) -> ImportRecord:
    """A record claimed for running ``path`` into ``zone``'s plots, as a confirmation leaves it (no preview:
    what the run itself refuses is tested)."""
    staged = stage_upload(path, path.name)
    options = ImportOptions(target="plots", zone_id=zone.pk)
    return ImportRecord.objects.create(
        user=user, file_name=path.name, file_size=staged.size, format=staged.format, target="plots", zone=zone,
        options={**options.to_json(), "staged_path": str(staged.path.relative_to(staged.workdir))},
        status=ImportStatus.RUNNING, staging_dir=str(staged.workdir))


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(running, "BATCH_FEATURES", 3)


@pytest.mark.parametrize("fmt", ["geojson", "zip", "gpkg"])
def test_a_layer_of_several_batches_is_saved_whole(home_page, admin_user, tmp_path, small_batches, fmt):
    zone = zone_with_boundary(home_page)
    codes = [f"L-{i:02d}" for i in range(8)]
    path = plots_file(tmp_path, fmt, codes)
    with open(path, "rb") as handle:
        record, _prepared = preview_upload(handle, path.name, ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record, admin_user)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE, record.error
    assert (record.read_count, record.created_count) == (8, 8)
    assert sorted(Plot.objects.for_zone(zone).values_list("code", flat=True)) == codes
    assert record.current_progress() == 100


def test_rows_are_numbered_across_batches(home_page, admin_user, tmp_path, small_batches):
    zone = zone_with_boundary(home_page)
    codes = [f"L-{i:02d}" for i in range(8)]
    geometries = [square_deg(LON0 + 0.001 + 0.004 * i, LAT0 + 0.001, 0.003) for i in range(8)]
    geometries[6] = None
    record = run_import(claimed(plots_file(tmp_path, "geojson", codes, geometries), zone, admin_user).pk)
    assert record.status == ImportStatus.DONE, record.error
    assert (record.read_count, record.refused_count, record.created_count) == (8, 1, 7)
    assert "Refused 1 features without geometry: rows 7." in record.warnings


@pytest.mark.parametrize("problem", ["duplicate", "outside"])
def test_a_problem_in_a_later_batch_saves_nothing(home_page, admin_user, tmp_path, small_batches, problem):
    zone = zone_with_boundary(home_page)
    Plot.objects.create(zone=zone, code="L-00", land_use="warehouse", status="leased")
    codes = [f"L-{i:02d}" for i in range(8)]
    geometries = [square_deg(LON0 + 0.001 + 0.004 * i, LAT0 + 0.001, 0.003) for i in range(8)]
    if problem == "duplicate":
        codes[7] = "L-01"
    else:
        geometries[7] = square_deg(LON0 + 1, LAT0 + 1, 0.003)
    record = run_import(claimed(plots_file(tmp_path, "geojson", codes, geometries), zone, admin_user).pk)
    assert record.status == ImportStatus.FAILED
    expected = "duplicate plot codes — L-01: rows 2, 8" if problem == "duplicate" else "plots L-07 lie outside"
    assert expected in record.error
    assert list(Plot.objects.for_zone(zone).values_list("code", "land_use", "status")) == [
        ("L-00", "warehouse", "leased")]


@pytest.mark.parametrize("fmt", ["geojson", "zip", "gpkg"])
def test_saved_plots_hold_their_boundary_as_geojson(home_page, admin_user, tmp_path, fmt):
    """The bulk insert stores each plot's boundary as a GeoJSON object (not a JSON string) with its box."""
    zone = zone_with_boundary(home_page)
    square = square_deg(LON0 + 0.001, LAT0 + 0.001, 0.003)
    fine = square_deg(LON0 + 0.00512345678912, LAT0 + 0.00112345678912, 0.003)  # corners to 14 decimals
    record = run_import(claimed(plots_file(tmp_path, fmt, ["A-1", "A-2"], [square, fine]), zone, admin_user).pk)
    assert record.status == ImportStatus.DONE, record.error
    stored = shapely.get_coordinates(Plot.objects.for_zone(zone).get(code="A-2").shape)
    assert (np.round(stored, 9) == stored).all()  # to 9 decimals of a degree (about 0.1 mm), as stored
    assert tuple(stored.min(axis=0)) == pytest.approx(fine.bounds[:2], abs=0.5e-9)
    plot = Plot.objects.for_zone(zone).get(code="A-1")
    assert plot.geometry["type"] == "Polygon"
    assert shapely.geometry.shape(plot.geometry).normalize().equals_exact(square.normalize(), tolerance=1e-9)
    assert (plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat) == pytest.approx(square.bounds, abs=1e-9)
    assert Plot.objects.filter(pk=plot.pk, geometry__type="Polygon").exists()  # a JSON object in the database


def test_saved_plots_keep_their_geojson_text_as_written(home_page, admin_user, tmp_path):
    """The plots' geometry column keeps the GeoJSON text the import wrote (not taken apart and written out again),
    and the ORM reads it back as an object, whole and by key."""
    zone = zone_with_boundary(home_page)
    record = run_import(claimed(plots_file(tmp_path, "gpkg", ["A-1", "A-2"]), zone, admin_user).pk)
    assert record.status == ImportStatus.DONE, record.error
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Plot._meta.db_table)
        cursor.execute(f"SELECT code, CAST(geometry AS text) FROM {table} WHERE zone_id = %s", [zone.pk])  # noqa: S608
        stored = dict(cursor.fetchall())
    assert stored == {plot.code: shapely.to_geojson(plot.shape) for plot in Plot.objects.for_zone(zone)}
    assert dict(Plot.objects.for_zone(zone).values_list("code", "geometry__type")) == {"A-1": "Polygon",
                                                                                        "A-2": "Polygon"}


def test_batches_mixing_new_and_replaced_plots_are_saved_whole(home_page, admin_user, tmp_path, small_batches):
    """New plots go through one bulk insert kept open across batches; a batch replacing plots reads and updates
    them in between (batches of 3: the first and second replace one plot each, the last replaces none)."""
    zone = zone_with_boundary(home_page)
    for code in ("L-01", "L-05"):
        Plot.objects.create(zone=zone, code=code, land_use="warehouse", status="leased")
    codes = [f"L-{i:02d}" for i in range(8)]
    record = run_import(claimed(plots_file(tmp_path, "geojson", codes), zone, admin_user).pk)
    assert record.status == ImportStatus.DONE, record.error
    assert (record.created_count, record.updated_count) == (6, 2)
    saved = dict(Plot.objects.for_zone(zone).values_list("code", "land_use"))
    assert saved == dict.fromkeys(codes, "industrial")
    assert all(plot.geometry["type"] == "Polygon" for plot in Plot.objects.for_zone(zone))
