"""The GIS import of infrastructure through the admin: points, lines and polygons of one layer chosen for the
file or of the layer a column names; bad rows named (file, row, field) with nothing saved; a second import
updates by code; only editors allowed to add and change infrastructure may import it."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from pyproj import Geod
from shapely.geometry import shape

from zones.models import ImportRecord, ImportStatus, InfrastructureFeature

pytestmark = pytest.mark.django_db


def feature(geometry: dict, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


POINT = {"type": "Point", "coordinates": [106.63, 11.45]}
LINE = {"type": "LineString", "coordinates": [[106.62, 11.43], [106.90, 11.535]]}
POLYGON = {"type": "Polygon", "coordinates": [[[106.60, 11.36], [106.603, 11.36], [106.603, 11.363],
                                               [106.60, 11.363], [106.60, 11.36]]]}


def geojson_file(tmp_path, name: str, features: list[dict]):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def upload(client, path, **data):
    with open(path, "rb") as handle:
        return client.post(reverse("gis_import"), {"file": handle, "target": "infrastructure", **data})


def confirm(client, response):
    assert response.status_code == 302, response.content.decode()[:3000]
    record = ImportRecord.objects.latest("created_at")
    client.post(reverse("gis_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    return record


def test_points_lines_and_polygons_with_a_layer_column(client, admin_user, tmp_path):
    client.force_login(admin_user)
    path = geojson_file(tmp_path, "ha_tang.geojson", [
        feature(POINT, ten="Trạm biến áp 220 kV Chơn Thành", loai="Trạm biến áp", cong_suat="2 × 250 MVA"),
        feature(LINE, ten="Quốc lộ 14", loai="Quốc lộ", trang_thai="Hiện hữu"),
        feature(POLYGON, ten="Trạm xử lý nước thải Becamex", loai="XLNT", trang_thai="Quy hoạch"),
    ])
    response = upload(client, path)
    preview = client.get(response["Location"]).content.decode()
    assert "Saving adds 3 new infrastructure features" in preview and "Power substation" in preview
    record = confirm(client, response)
    assert record.status == ImportStatus.DONE and (record.created_count, record.updated_count) == (3, 0)
    saved = {f.layer: f for f in InfrastructureFeature.objects.all()}
    assert set(saved) == {"substation", "road", "wastewater_plant"}
    assert saved["substation"].geometry["type"] == "Point" and saved["substation"].details_vi == "2 × 250 MVA"
    assert saved["road"].geometry["type"] == "LineString" and saved["road"].status == "existing"
    assert saved["road"].min_lon == pytest.approx(106.62) and saved["road"].max_lat == pytest.approx(11.535)
    plant = saved["wastewater_plant"]
    ellipsoidal = abs(Geod(ellps="WGS84").geometry_area_perimeter(shape(POLYGON))[0])  # ~327 m × 332 m
    assert plant.status == "planned" and plant.area_m2 == pytest.approx(ellipsoidal, rel=1e-4)
    assert plant.source_crs == "EPSG:4326" and not plant.illustrative

    # Again, with a name changed: updated by layer and name, nothing added.
    path = geojson_file(tmp_path, "ha_tang.geojson", [
        feature(POINT, ten="Trạm biến áp 220 kV Chơn Thành", loai="substation", cong_suat="3 × 250 MVA")])
    record = confirm(client, upload(client, path))
    assert (record.created_count, record.updated_count) == (0, 1)
    assert InfrastructureFeature.objects.get(layer="substation").details_vi == "3 × 250 MVA"
    assert InfrastructureFeature.objects.count() == 3


def test_one_layer_for_the_whole_file(client, admin_user, tmp_path):
    client.force_login(admin_user)
    path = geojson_file(tmp_path, "roads.geojson", [feature(LINE, name="National Road 13"),
                                                    feature(LINE, name="Ho Chi Minh Road")])
    record = confirm(client, upload(client, path, infrastructure_layer="road"))
    assert record.status == ImportStatus.DONE
    assert set(InfrastructureFeature.objects.values_list("layer", "name_vi")) == {
        ("road", "National Road 13"), ("road", "Ho Chi Minh Road")}


@pytest.mark.parametrize(("rows", "message"), [
    ([feature(POINT, ten="A", loai="Trạm biến áp"), feature(POINT, ten="B", loai="Trạm biến áp"),
      feature(POINT, ten="C", loai="hồ bơi")],
     "bad.geojson: Unknown layer values: &#x27;hồ bơi&#x27; (row 3)"),
    ([feature(POINT, ten="A", loai="Trạm biến áp"), feature(LINE, ten="", loai="Quốc lộ")],
     "bad.geojson: rows 2 have no name (column ten)."),
    ([feature(POINT, ten="A")], "bad.geojson: choose the layer of the whole file, or the column"),
])
def test_bad_rows_are_named_and_nothing_is_saved(client, admin_user, tmp_path, rows, message):
    client.force_login(admin_user)
    response = upload(client, geojson_file(tmp_path, "bad.geojson", rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InfrastructureFeature.objects.exists()
    assert ImportRecord.objects.get().status == ImportStatus.REFUSED


def test_only_editors_who_may_add_and_change_infrastructure_import_it(client, django_user_model, tmp_path):
    user = django_user_model.objects.create_user("gis", "gis@example.org", "pw-import-2026", is_staff=True)
    group = Group.objects.create(name="gis-importers")
    group.permissions.add(*Permission.objects.filter(codename__in=[
        "access_admin", "add_importrecord", "view_importrecord", "add_infrastructurefeature"]))
    user.groups.add(group)
    client.force_login(user)
    path = geojson_file(tmp_path, "ports.geojson", [feature(POINT, name="Cat Lai port")])
    response = upload(client, path, infrastructure_layer="port")
    assert "You may not add or change infrastructure features." in response.content.decode()
    group.permissions.add(Permission.objects.get(codename="change_infrastructurefeature"))
    user = django_user_model.objects.get(pk=user.pk)  # permissions are cached on the instance
    client.force_login(user)
    record = confirm(client, upload(client, path, infrastructure_layer="port"))
    assert record.status == ImportStatus.DONE and InfrastructureFeature.objects.get().layer == "port"
