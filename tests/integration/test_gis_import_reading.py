"""How a GIS import opens its file: a GeoPackage by GDAL's GeoPackage driver alone (listed once, read once), a
layer the editor chose only if the file has it under that exact name, and a run that meets an error nobody
expected ends failed, with nothing saved."""

import shutil

import pyogrio
import pyogrio.raw
import pytest
import shapely

from core.imports import ImportStatus
from maps.checks import GISImportError
from tests.factories import zone_index
from tests.factories_gis import CORPUS, zone_with_boundary
from tests.integration.test_gis_import_batches import claimed, plots_file
from zones.gis_import.options import ImportOptions
from zones.gis_import.running import run_import
from zones.gis_import.services import preview_upload
from zones.models import ImportRecord, Plot

pytestmark = pytest.mark.django_db


def spy(monkeypatch, module, name: str) -> list:
    """The first argument of every call of ``module.name`` (a GDAL open), the calls themselves going through."""
    calls, real = [], getattr(module, name)

    def recorded(source, *args, **kwargs):
        calls.append(str(source))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def test_a_geopackage_is_listed_and_read_by_its_own_driver_alone(home_page, admin_user, tmp_path, monkeypatch):
    zone = zone_with_boundary(home_page)
    record = claimed(plots_file(tmp_path, "gpkg", ["A-1", "A-2"]), zone, admin_user)
    listed, infos = spy(monkeypatch, pyogrio, "list_layers"), spy(monkeypatch, pyogrio, "read_info")
    read = spy(monkeypatch, pyogrio.raw, "open_arrow")
    record = run_import(record.pk)
    assert record.status == ImportStatus.DONE, record.error
    assert record.created_count == 2
    assert infos == []  # the listing by the GeoPackage driver is the driver check
    assert len(listed) == len(read) == 1
    assert all(source.startswith("GPKG:") for source in listed + read)


@pytest.mark.parametrize(("name", "layer", "message"), [
    ("several_layers.gpkg", "ZONES", "several_layers.gpkg has no layer ZONES; its layers are: zones, roads."),
    ("several_layers.gpkg", "parks", "several_layers.gpkg has no layer parks; its layers are: zones, roads."),
    # GDAL would open a layer named in another case: the editor's choice must be the file's exact name.
    ("points_for_zones.kml", "POINTS_FOR_ZONES", "points_for_zones.kml has no layer POINTS_FOR_ZONES; its layers "
                                                 "are: points_for_zones."),
    ("points_for_zones.kml", "parks", "points_for_zones.kml has no layer parks; its layers are: points_for_zones."),
])
def test_a_chosen_layer_the_file_lacks_is_refused_naming_its_layers(home_page, admin_user, name, layer, message):
    zone_index(home_page)
    with open(CORPUS / name, "rb") as handle, pytest.raises(GISImportError) as caught:
        preview_upload(handle, name, ImportOptions(target="zones", layer=layer), admin_user)
    assert caught.value.message == message


def test_a_chosen_layer_of_a_geopackage_is_read_when_confirmed(home_page, admin_user, tmp_path):
    zone_index(home_page)
    path = tmp_path / "several_layers.gpkg"
    shutil.copy(CORPUS / "several_layers.gpkg", path)
    with open(path, "rb") as handle:
        record, prepared = preview_upload(handle, path.name, ImportOptions(target="zones", layer="zones",
                                                                           publish=True), admin_user)
    assert record.claim()
    record = run_import(record.pk)
    assert record.status == ImportStatus.DONE, record.error
    assert record.layer == "zones" and record.created_count == len(prepared.frame) == 1


def test_an_error_nobody_expected_fails_the_import_and_saves_nothing(home_page, admin_user, tmp_path, monkeypatch):
    zone = zone_with_boundary(home_page)
    record = claimed(plots_file(tmp_path, "geojson", ["A-1", "A-2"]), zone, admin_user)

    def broken(*args, **kwargs):
        raise RuntimeError("GEOS ran out of memory")

    monkeypatch.setattr(shapely, "to_geojson", broken)
    with pytest.raises(RuntimeError):
        run_import(record.pk)
    record = ImportRecord.objects.get(pk=record.pk)
    assert record.status == ImportStatus.FAILED
    assert record.error == "The import stopped on an unexpected error; nothing was saved."
    assert record.staging_dir == "" and not Plot.objects.for_zone(zone).exists()
