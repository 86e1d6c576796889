"""The bad-file corpus: every bad file is refused with its exact message and leaves no row behind; every
awkward-but-valid file imports with the expected repair or warning."""

import pytest
from django.test import override_settings

from maps.checks import GISImportError
from tests.factories import zone_index
from tests.factories_gis import CORPUS, zone_with_boundary
from zones.gis_import.options import ImportOptions
from zones.gis_import.running import run_import
from zones.gis_import.services import preview_upload
from zones.models import ImportRecord, ImportStatus, Plot, ZonePage

pytestmark = pytest.mark.django_db

REFUSED = [
    ("zip_bomb.zip", "zip_bomb.zip is compressed 1028 times (member bomb.dbf); more than 100 times looks like a "
                     "zip bomb."),
    ("huge_total.zip", "huge_total.zip would unpack to 270 MB; at most 200 MB are allowed."),
    ("too_many_members.zip", "too_many_members.zip contains 60 files; at most 50 are allowed."),
    ("traversal.zip", "traversal.zip: member ../../evil.shp leaves the archive folder (..)."),
    ("absolute_path.zip", "absolute_path.zip: member /tmp/evil.shp has an absolute path."),
    ("symlink.zip", "symlink.zip: member zones.shp is a symbolic link."),
    ("nested.zip", "nested.zip: member inner.zip is a nested archive; archives inside archives are refused."),
    ("nested_by_content.zip", "nested_by_content.zip: member zones.dbf is a nested archive; archives inside "
                              "archives are refused."),
    ("vrt_in_zip.zip", "vrt_in_zip.zip: member zones.vrt is a GDAL VRT file; VRT files are never opened."),
    ("disguised_vrt.geojson", "disguised_vrt.geojson is a GDAL VRT file; VRT files are never opened."),
    ("vsicurl_member.zip", "vsicurl_member.zip: member /vsicurl/http://example.invalid/zones.shp names a network "
                           "or GDAL virtual file system path."),
    ("truncated.zip", "truncated.zip is not a readable zip archive (damaged or truncated)."),
    ("missing_shp.zip", "missing_shp.zip contains no .shp file (a zipped Shapefile needs .shp, .shx and .dbf) "
                        "and no .kml file."),
    ("text_as_zip.zip", "text_as_zip.zip is not a GIS file: its content is not a zip archive, GeoPackage, "
                        "GeoJSON or KML."),
    ("png_as_geojson.geojson", "png_as_geojson.geojson is not a GIS file: its content is not a zip archive, "
                               "GeoPackage, GeoJSON or KML."),
    ("gzip_as_geojson.geojson", "gzip_as_geojson.geojson is a compressed archive that is not a zip file; only "
                                "zip archives are accepted."),
    ("sqlite_not_gpkg.gpkg", "sqlite_not_gpkg.gpkg is an SQLite database but not a GeoPackage."),
    ("empty_file.geojson", "empty_file.geojson is empty."),
    ("kml_billion_laughs.kml", "kml_billion_laughs.kml declares XML entities; they are refused (entity "
                               "expansion attack)."),
    ("kml_external_entity.kml", "kml_external_entity.kml declares XML entities; they are refused (entity "
                                "expansion attack)."),
    ("kml_network_link.kml", "kml_network_link.kml contains a KML NetworkLink; network links are not followed."),
    ("no_prj.zip", "no_prj.zip does not say which coordinate system it uses (no .prj file); choose one under "
                   "'Coordinate system'."),
    ("projected_as_degrees.geojson", "projected_as_degrees.geojson declares EPSG:4326 (WGS 84 "
                                     "(longitude/latitude)) (degrees) but its coordinates are projected (e.g. "
                                     "574000, 1270000); choose the right coordinate system, e.g. EPSG:9212."),
    ("lines_for_zones.geojson", "lines_for_zones.geojson has no polygons: rows 1, 2 are LineString; a zone layer "
                                "needs polygons."),
    ("points_for_zones.kml", "points_for_zones.kml has no polygons: rows 1, 2 are Point; a zone layer needs "
                             "polygons."),
    ("empty_layer.geojson", "empty_layer.geojson: the layer empty_layer is empty (no features)."),
    ("several_layers.gpkg", "several_layers.gpkg contains 2 layers (zones, roads); choose one."),
    ("no_name_column.geojson", "no_name_column.geojson: choose the column that holds the zone names (columns: "
                               "area)."),
]

REFUSED_PLOTS = [
    ("duplicate_plot_codes.geojson", "duplicate_plot_codes.geojson: duplicate plot codes — A-01: rows 1, 3."),
    ("plots_outside_zone.geojson", "plots_outside_zone.geojson: plots FAR-9 lie outside the zone Test park."),
    ("unknown_land_use.geojson", "Unknown land use values: 'casino' (row 1). Map them in 'Value mapping', e.g. "
                                 "\"casino = industrial\"."),
]


def counts() -> tuple[int, int, list]:
    """Zones and plots (unchanged by a refused file) and the import history's entries (one more: the refusal)."""
    history = list(ImportRecord.objects.order_by("pk").values_list("status", "error"))
    return ZonePage.objects.count(), Plot.objects.count(), history


def unchanged_but_refusal_recorded(before, message: str) -> bool:
    zones, plots, history = counts()
    return (zones, plots) == before[:2] and history == [*before[2], ("refused", message)]


def preview(name: str, options: ImportOptions, user=None):
    with open(CORPUS / name, "rb") as handle:
        return preview_upload(handle, name, options, user)


@pytest.mark.parametrize(("name", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_zone_files(home_page, name, message):
    zone_index(home_page)
    before = counts()
    with pytest.raises(GISImportError) as caught:
        preview(name, ImportOptions(target="zones"))
    assert caught.value.message == message
    assert unchanged_but_refusal_recorded(before, message)


@pytest.mark.parametrize(("name", "message"), REFUSED_PLOTS, ids=[case[0] for case in REFUSED_PLOTS])
def test_refused_plot_files(home_page, name, message):
    zone = zone_with_boundary(home_page)
    before = counts()
    with pytest.raises(GISImportError) as caught:
        preview(name, ImportOptions(target="plots", zone_id=zone.pk))
    assert caught.value.message == message
    assert unchanged_but_refusal_recorded(before, message)


@pytest.mark.smoke
@override_settings(GIS_UPLOAD_MAX_BYTES=10_000)
def test_oversize_file_is_refused_before_anything_is_read(home_page):
    before = counts()
    with pytest.raises(GISImportError) as caught:
        preview("oversize.geojson", ImportOptions())
    assert caught.value.message == "oversize.geojson is larger than the 0.0095 MB upload limit."
    assert unchanged_but_refusal_recorded(before, caught.value.message)


def test_several_layers_import_once_a_layer_is_chosen(home_page, admin_user):
    zone_index(home_page)
    record, prepared = preview("several_layers.gpkg", ImportOptions(layer="zones"), admin_user)
    assert record.layer == "zones" and list(prepared.frame["name"]) == ["Park"]


def test_no_prj_imports_with_the_crs_the_editor_chooses(home_page, admin_user):
    zone_index(home_page)
    record, prepared = preview("no_prj.zip", ImportOptions(crs_epsg=9212), admin_user)
    assert record.source_crs == "EPSG:9212"
    lon, lat = prepared.frame.geometry.iloc[0].exterior.coords[0]
    assert 106.9 < lon < 107.0 and 11.4 < lat < 11.5


AWKWARD = [
    ("self_intersecting.geojson", "repaired", "Row 1: Self-intersection[106.905 11.505] — repaired."),
    ("curved.gpkg", "warning", "Curved geometries (CURVEPOLYGON) were converted to straight segments."),
    ("z_coordinates.geojson", "warning", "Z/M coordinates were dropped from 1 features (only x and y are kept)."),
    ("mixed_types.geojson", "warning", "Refused 1 features that are Point, not polygons: rows 2."),
    ("null_geometry.geojson", "warning", "Refused 1 features without geometry: rows 2."),
    ("cp1258_no_cpg.zip", "warning", "The file does not say how its text is encoded (no .cpg); it was read as "
                                     "cp1258. Choose another encoding if names look wrong."),
]


@pytest.mark.parametrize(("name", "kind", "expected"), AWKWARD, ids=[case[0] for case in AWKWARD])
def test_awkward_files_import_with_repairs_and_warnings(home_page, admin_user, name, kind, expected):
    zone_index(home_page)
    record, prepared = preview(name, ImportOptions(publish=True), admin_user)
    assert expected in (prepared.repaired if kind == "repaired" else prepared.warnings)
    assert record.claim()  # as the confirmation does
    record = run_import(record.pk)
    assert record.status == ImportStatus.DONE, record.error
    assert expected in (record.repaired if kind == "repaired" else record.warnings)
    assert record.created_count == len(prepared.frame) == ZonePage.objects.count()
    assert all(zone.shape.is_valid and zone.shape.geom_type in {"Polygon", "MultiPolygon"} and not zone.shape.has_z
               for zone in ZonePage.objects.all())
    if name == "curved.gpkg":
        curved = ZonePage.objects.get(title="Curved park").shape
        assert len(curved.exterior.coords) > 20


OTHER_JSON_FORMATS = [
    ("topology.geojson", "TopoJSON", '{"type": "Topology", "objects": {"zones": {"type": "GeometryCollection", '
                                     '"geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": '
                                     '"A"}}]}}, "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}'),
    ("esri.geojson", "ESRIJSON", '{"geometryType": "esriGeometryPolygon", "spatialReference": {"wkid": 4326}, '
                                 '"fields": [{"name": "name", "type": "esriFieldTypeString"}], "features": '
                                 '[{"attributes": {"name": "A"}, "geometry": {"rings": [[[0, 0], [1, 0], [1, 1], '
                                 '[0, 0]]]}}]}'),
    ("sequence.geojson", "GeoJSONSeq", '{"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": '
                                       '"Point", "coordinates": [1, 2]}}\n{"type": "Feature", "properties": '
                                       '{"name": "B"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}\n'),
]


@pytest.mark.parametrize(("name", "driver", "content"), OTHER_JSON_FORMATS,
                         ids=[case[0] for case in OTHER_JSON_FORMATS])
def test_json_that_another_gdal_driver_would_open_is_refused(home_page, tmp_path, name, driver, content):
    zone_index(home_page)
    path = tmp_path / name
    path.write_text(content)
    before = counts()
    with open(path, "rb") as handle, pytest.raises(GISImportError) as caught:
        preview_upload(handle, name, ImportOptions(target="zones"), None)
    assert caught.value.message == f"{name} would be opened by the GDAL driver {driver}, which is not allowed."
    assert unchanged_but_refusal_recorded(before, caught.value.message)


def test_geojson_layer_named_in_the_file_keeps_its_name(home_page, tmp_path, admin_user):
    zone_index(home_page)
    path = tmp_path / "named.geojson"
    path.write_text('{"type": "FeatureCollection", "name": "khu_cong_nghiep", "features": [{"type": "Feature", '
                    '"properties": {"name": "Park"}, "geometry": {"type": "Polygon", "coordinates": [[[106.9, 11.5], '
                    '[106.91, 11.5], [106.91, 11.51], [106.9, 11.5]]]}}]}')
    with open(path, "rb") as handle:
        record, prepared = preview_upload(handle, "named.geojson", ImportOptions(target="zones"), admin_user)
    assert record.layer == prepared.layer == "khu_cong_nghiep"
    assert record.claim()  # as the confirmation does
    record = run_import(record.pk)
    assert record.status == ImportStatus.DONE, record.error


def test_a_world_layer_touching_the_antimeridian_by_float_noise_is_read_as_degrees(home_page, tmp_path, admin_user):
    zone_index(home_page)
    path = tmp_path / "world.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Fiji", '
                    '"code": "fj"}, "geometry": {"type": "Polygon", "coordinates": [[[177.0, -18.0], '
                    '[180.00000000000006, -18.0], [180.00000000000006, -16.0], [177.0, -16.0], [177.0, -18.0]]]}}]}')
    for options in (ImportOptions(target="zones"), ImportOptions(target="zones", crs_epsg=4326)):
        with open(path, "rb") as handle:
            record, prepared = preview_upload(handle, "world.geojson", options, admin_user)
        assert record.source_crs == "EPSG:4326"
        area = float(prepared.frame["area_m2"].iloc[0])
        # 3° x 2° at 17° S on the WGS 84 ellipsoid: 70,716.8 km² by pyproj's geodesic Geod.
        assert area == pytest.approx(70_716.8e6, rel=1e-3)
