"""The admin import flow end to end (upload -> preview -> confirm -> saved), the VN-2000 happy path, the
Celery path with progress, the history and the exports."""

import io
import json
import zipfile

import geopandas as gpd
import pyogrio
import pytest
from django.test import override_settings
from django.urls import reverse
from pyproj import Transformer

from tests import factories_search as f
from tests.factories import zone_index
from tests.factories_gis import CORPUS, zone_with_boundary
from tests.waiting import wait_until
from zones.gis_import.forms import GISUploadForm
from zones.gis_import.options import ImportOptions
from zones.gis_import.services import confirm_import, preview_upload
from zones.models import ImportRecord, ImportStatus, Plot, ZonePage

ZONE_NAMES = ["Khu công nghiệp Minh Hưng III", "Khu công nghiệp Đồng Xoài I", "Khu kinh tế cửa khẩu Hoa Lư"]


def upload(client, name, **data):
    with open(CORPUS / name, "rb") as handle:
        return client.post(reverse("gis_import"), {"file": handle, "target": "zones", **data})


@pytest.mark.smoke
@pytest.mark.django_db
def test_vn2000_cp1258_shapefile_through_the_admin(client, home_page, admin_user):
    index = zone_index(home_page)
    client.force_login(admin_user)
    response = upload(client, "vn2000_cp1258.zip", publish="on")
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ImportRecord.objects.get()
    assert record.status == ImportStatus.PREVIEWED and record.source_crs == "EPSG:9212"
    assert ZonePage.objects.count() == 0  # nothing saved before the editor confirms

    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'id="gis-preview-map"' in html and 'id="gis-preview-data"' in html
    for name in ZONE_NAMES:
        assert name in html
    assert "EPSG:9212" in html and "<dd>Shapefile (zip)</dd>" in html

    client.post(reverse("gis_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE and (record.created_count, record.updated_count) == (3, 0)
    assert record.user == admin_user and record.finished_at
    zones = {zone.title: zone for zone in ZonePage.objects.child_of(index).live().specific()}
    assert set(zones) == set(ZONE_NAMES)

    # Coordinates: the first corner of zone 1 is (574000, 1270000) in EPSG:9212 -> pyproj's EPSG path.
    expected = Transformer.from_crs("EPSG:9212", "EPSG:4326", always_xy=True).transform(574000.0, 1270000.0)
    minh_hung = zones[ZONE_NAMES[0]]
    assert minh_hung.source_crs == "EPSG:9212" and minh_hung.code == "minh-hung-3"
    corner = minh_hung.shape.exterior.coords[0]
    assert corner == pytest.approx(expected, abs=0.5e-9)  # stored to 9 decimals of a degree (about 0.1 mm)
    assert all(round(value, 9) == value for value in corner)
    # A 2 km square in VN-2000 TM-3 is 400 ha in the file, so in the cadastral record: exactly that, not
    # the 0.01–0.05 % more or less a UTM zone would measure (measured again from the stored corners, which are
    # rounded to 0.1 mm: hundredths of a m²).
    assert minh_hung.area_m2 == pytest.approx(4_000_000, abs=0.05)


@pytest.mark.django_db
def test_reimport_updates_zones_by_code_as_drafts(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "zones_ok.geojson", publish="on")
    client.post(reverse("gis_import_confirm", args=[ImportRecord.objects.get().pk]))
    upload(client, "zones_ok.kml", code_column="", publish="")
    record = ImportRecord.objects.latest("created_at")
    client.post(reverse("gis_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    # The KML has no code column: codes come from the names, which match the GeoJSON's codes only by slug.
    assert record.status == ImportStatus.DONE
    assert ZonePage.objects.filter(code="becamex").count() == 1


@pytest.mark.parametrize("name", ["zones_ok.geojson", "zones_ok.kml", "zones_ok.kmz", "zones_ok.gpkg"])
@pytest.mark.django_db
def test_every_format_imports(home_page, admin_user, name):
    zone_index(home_page)
    with open(CORPUS / name, "rb") as handle:
        record, prepared = preview_upload(handle, name, ImportOptions(publish=True), admin_user)
    assert sorted(prepared.frame["name"]) == ["Becamex Binh Phuoc", "Chon Thanh I"]
    confirm_import(record, admin_user)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE and record.created_count == 2
    assert ZonePage.objects.live().count() == 2


@pytest.mark.django_db
def test_plots_import_maps_vietnamese_values_and_updates_by_code(home_page, admin_user):
    zone = zone_with_boundary(home_page)
    with open(CORPUS / "plots_ok.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok.geojson", ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record, admin_user)
    plots = {plot.code: plot for plot in Plot.objects.for_zone(zone)}
    assert {code: (p.land_use, p.status) for code, p in plots.items()} == {
        "A-01": ("industrial", "leased"), "A-02": ("warehouse", "available"), "A-03": ("green", "available")}
    assert all(p.area_m2 and p.min_lon and p.source_crs == "EPSG:4326" for p in plots.values())
    with open(CORPUS / "plots_ok_update.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok_update.geojson",
                                           ImportOptions(target="plots", zone_id=zone.pk), admin_user)
    confirm_import(record, admin_user)
    record.refresh_from_db()
    assert (record.created_count, record.updated_count) == (1, 1)
    assert Plot.objects.get(code="A-01").status == "available"
    assert Plot.objects.for_zone(zone).count() == 4


@pytest.mark.django_db
def test_preview_names_what_saving_would_replace(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "vn2000_cp1258.zip", publish="on")
    client.post(reverse("gis_import_confirm", args=[ImportRecord.objects.get().pk]))
    hoa_lu = ZonePage.objects.get(title=ZONE_NAMES[2])
    ZonePage.objects.filter(pk=hoa_lu.pk).update(title="Hoa Lu Border Gate Economic Zone", area_m2=283_640_000)
    fresh = upload(client, "zones_ok.geojson")  # other codes: nothing to replace
    assert fresh.status_code == 302
    html = client.get(fresh["Location"]).content.decode()
    assert "Saving adds 2 new zones" in html and "gis-replacements" not in html

    response = upload(client, "vn2000_cp1258.zip")
    html = client.get(response["Location"]).content.decode()
    assert "Saving adds 0 new zones" in html
    assert "3 existing zones have the same code as rows of the file" in html
    assert "Hoa Lu Border Gate Economic Zone" in html and "28364.0" in html  # the title and area it has now
    assert f"<strong>{ZONE_NAMES[2]}</strong>" in html  # the title it would get, marked as a change
    assert "Confirm and save (replaces 3)" in html
    assert ZonePage.objects.get(pk=hoa_lu.pk).title == "Hoa Lu Border Gate Economic Zone"  # nothing saved yet


@pytest.mark.django_db
def test_plot_preview_marks_rows_that_replace_plots(client, home_page, admin_user):
    zone = zone_with_boundary(home_page)
    with open(CORPUS / "plots_ok.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok.geojson", ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record, admin_user)
    client.force_login(admin_user)
    with open(CORPUS / "plots_ok_update.geojson", "rb") as handle:
        response = client.post(reverse("gis_import"), {"file": handle, "target": "plots", "zone": zone.pk})
    html = client.get(response["Location"]).content.decode()
    assert "Saving adds 1 new plot." in html
    assert "1 plot of this zone has the same code as a row of the file" in html
    assert html.count("replaces A-01") == 1 and "<td>new</td>" in html


@pytest.mark.django_db
def test_form_lists_each_zone_once_and_names_each_index_language(home_page):
    zone = zone_with_boundary(home_page, title="Minh Hung III")
    vi_zone = zone.copy_for_translation(f.vi_home(home_page).locale, copy_parents=True)
    only_vi = ZonePage(title="Chỉ có tiếng Việt", slug="chi-vi", code="chi-vi")
    vi_zone.get_parent().add_child(instance=only_vi)
    form = GISUploadForm()
    assert list(form.fields["zone"].queryset) == [only_vi, zone]
    labels = [label for _value, label in form.fields["index"].choices][1:]
    assert labels == ["Zones (English)", f"{vi_zone.get_parent().title} (Tiếng Việt)"]


@pytest.mark.django_db
def test_refused_upload_shows_the_message_in_the_form(client, home_page, admin_user):
    client.force_login(admin_user)
    response = upload(client, "kml_billion_laughs.kml")
    assert response.status_code == 200
    assert "kml_billion_laughs.kml declares XML entities" in response.content.decode()
    refusal = ImportRecord.objects.get()  # in the history: who, when, which file, why; nothing else kept
    assert (refusal.status, refusal.user, refusal.file_name) == ("refused", admin_user, "kml_billion_laughs.kml")
    assert refusal.error.startswith("kml_billion_laughs.kml declares XML entities") and not refusal.staging_dir
    assert not refusal.can_confirm and refusal.is_finished
    history = client.get(reverse("gis_import_detail", args=[refusal.pk])).content.decode()
    assert "declares XML entities" in history


@pytest.mark.django_db
def test_import_needs_permission(client, home_page, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-reader-1234", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("gis_import")).status_code in {302, 403}


@pytest.mark.django_db
def test_history_is_read_only(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "zones_ok.geojson")
    record = ImportRecord.objects.get()
    assert client.get(reverse("gis_import_history:index")).status_code == 200
    assert client.get(reverse("gis_import_history:inspect", args=[record.pk])).status_code == 200
    assert client.get(reverse("gis_import_history:edit", args=[record.pk])).status_code in {302, 403}


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_ASYNC_THRESHOLD_BYTES=1)
def test_large_import_runs_in_celery_with_progress(client, home_page, admin_user, celery_worker):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "vn2000_cp1258.zip", publish="on")
    record = ImportRecord.objects.get()
    assert client.get(reverse("gis_import_status", args=[record.pk])).json()["progress"] == 0
    client.post(reverse("gis_import_confirm", args=[record.pk]))
    status_url = reverse("gis_import_status", args=[record.pk])
    seen = []

    def finished():
        state = client.get(status_url).json()
        seen.append(state["progress"])
        return state["finished"]

    wait_until(finished, timeout=120, interval=0.2, message="the import finishing")
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE, record.error
    assert record.created_count == 3 and ZonePage.objects.live().count() == 3
    assert seen[-1] == 100 and seen == sorted(seen)


def _read_back(content: bytes, fmt: str, tmp_path) -> gpd.GeoDataFrame:
    tmp_path.mkdir(parents=True, exist_ok=True)
    if fmt == "shp":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            archive.extractall(tmp_path)
        return pyogrio.read_dataframe(next(tmp_path.glob("*.shp")))
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(content)
    return pyogrio.read_dataframe(path)


@pytest.mark.parametrize("fmt", ["geojson", "kml", "shp", "gpkg"])
@pytest.mark.django_db
def test_public_exports_round_trip(client, home_page, admin_user, tmp_path, fmt):
    zone = zone_with_boundary(home_page, title="Khu công nghiệp Minh Hưng III")
    with open(CORPUS / "plots_ok.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok.geojson", ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record, admin_user)
    Plot.objects.filter(code="A-01").update(notes="CONFIDENTIAL negotiation note")
    draft = ZonePage(title="Secret draft", slug="secret", code="secret", live=False)
    zone_index(home_page).add_child(instance=draft)

    response = client.get(f"/en/maps/export/zones.{fmt}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    zones = _read_back(response.content, fmt, tmp_path / "z")
    names = list(zones["name"] if "name" in zones else zones["Name"])
    assert names == ["Khu công nghiệp Minh Hưng III"]
    assert zones.geometry.iloc[0].bounds == pytest.approx((106.9, 11.5, 106.95, 11.55))

    response = client.get(f"/en/maps/export/zones/{zone.pk}/plots.{fmt}")
    assert response.status_code == 200
    assert b"CONFIDENTIAL" not in response.content
    plots = _read_back(response.content, fmt, tmp_path / "p")
    assert len(plots) == 3
    assert client.get(f"/en/maps/export/zones/{draft.pk}/plots.{fmt}").status_code == 404
    assert client.get("/en/maps/export/zones.vrt").status_code == 404


@pytest.mark.django_db
def test_admin_export_buttons_and_downloads(client, home_page, admin_user):
    zone = zone_with_boundary(home_page)
    client.force_login(admin_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[zone.pk])).content.decode()
    assert reverse("gis_export_plots", args=[zone.pk, "gpkg"]) in edit
    response = client.get(reverse("gis_export_zones", args=["geojson"]))
    assert response.status_code == 200
    assert json.loads(response.content)["features"][0]["properties"]["code"] == "test-park"
