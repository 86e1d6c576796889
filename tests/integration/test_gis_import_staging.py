"""A checked upload stays staged for its uploader: refused or previewed, the editor changes the CRS, layer,
columns or target and the file is checked again without uploading it again; the layer is one of the
file's; fields of another target are ignored; the status reads queued, running, done."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from core.imports import ABANDONED_AFTER, remove_staged_files
from tests.factories import zone_index
from tests.factories_gis import CORPUS, TWO_LAYERS, two_layer_gpkg, zone_with_boundary
from zones.gis_import.admin_views import status_label
from zones.gis_import.forms import GISUploadForm
from zones.models import ImportRecord, ImportStatus, ZonePage

pytestmark = pytest.mark.django_db


#: What the form needs of a staged import: a file already uploaded, its layers not known.
STAGED = SimpleNamespace(file_name="zones.geojson", layer="", options={})


@pytest.fixture
def gpkg(tmp_path) -> Path:
    return two_layer_gpkg(tmp_path / "two_layers.gpkg")


def post_file(client, path: Path, **data):
    with open(path, "rb") as handle:
        return client.post(reverse("gis_import"), {"file": handle, "target": "zones", **data})


def token_in(html: str) -> str:
    found = re.search(r'name="staged" value="([^"]+)"', html)
    assert found, "no staged file in the form"
    return found.group(1)


def change_url(client, record: ImportRecord) -> str:
    html = client.get(reverse("gis_import_detail", args=[record.pk])).content.decode()
    found = re.search(r'href="([^"]*\?staged=[^"]+)"', html)
    assert found, "no link to change the options"
    return found.group(1).replace("&amp;", "&")


def test_a_refused_file_stays_staged_and_is_checked_again_with_a_crs(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    response = post_file(client, CORPUS / "no_prj.zip")
    html = response.content.decode()
    assert response.status_code == 200 and "does not say which coordinate system it uses" in html
    record = ImportRecord.objects.get()
    assert record.status == ImportStatus.REFUSED and Path(record.staging_dir).is_dir()
    assert 'class="gis-staged-name">no_prj.zip<' in html and "Or choose another file" in html

    response = client.post(reverse("gis_import"), {"staged": token_in(html), "target": "zones", "crs": "9212"})
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert ImportRecord.objects.count() == 1  # the same upload, checked again
    assert (record.status, record.source_crs, record.read_count, record.error) == (
        ImportStatus.PREVIEWED, "EPSG:9212", 3, "")
    assert ZonePage.objects.count() == 0  # still nothing saved


def test_a_previewed_file_is_checked_again_with_another_layer_and_crs(client, home_page, admin_user, gpkg):
    zone_index(home_page)
    client.force_login(admin_user)
    response = post_file(client, gpkg)
    record = ImportRecord.objects.get()
    assert response.status_code == 302 and record.status == ImportStatus.PREVIEWED
    assert (record.layer, record.read_count) == ("khu_wgs84", 2)  # the first layer, by default
    assert any("contains 2 layers (khu_wgs84, khu_vn2000)" in warning for warning in record.warnings)

    form = client.get(change_url(client, record)).content.decode()
    options = re.findall(r'<option value="([^"]*)"( selected)?>', form.split('name="layer"')[1].split("</select>")[0])
    assert options == [("khu_wgs84", " selected"), ("khu_vn2000", "")]

    response = client.post(reverse("gis_import"), {"staged": token_in(form), "target": "zones",
                                                   "layer": "khu_vn2000", "crs": "9212"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.layer, record.source_crs, record.read_count) == (
        ImportStatus.PREVIEWED, "khu_vn2000", "EPSG:9212", 3)
    html = client.get(response["Location"]).content.decode()
    for name in TWO_LAYERS["khu_vn2000"]:
        assert name in html
    assert "Khu A" not in html

    client.post(reverse("gis_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE and record.created_count == 3
    assert not Path(record.staging_dir or "/nonexistent").exists()


def test_a_layer_not_in_the_file_is_refused_by_the_form(client, home_page, admin_user, gpkg):
    zone_index(home_page)
    client.force_login(admin_user)
    post_file(client, gpkg)
    record = ImportRecord.objects.get()
    form = client.get(change_url(client, record)).content.decode()
    response = client.post(reverse("gis_import"), {"staged": token_in(form), "target": "zones",
                                                   "layer": "/vsicurl/http://example.invalid/x"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    record.refresh_from_db()
    assert record.layer == "khu_wgs84" and record.status == ImportStatus.PREVIEWED


def test_the_first_upload_has_no_layer_field_and_a_single_layer_file_lists_its_own(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    assert 'name="layer"' not in client.get(reverse("gis_import")).content.decode()
    post_file(client, CORPUS / "zones_ok.geojson")
    record = ImportRecord.objects.get()
    form = client.get(change_url(client, record)).content.decode()
    assert re.search(r'<option value="zones_ok" selected>zones_ok</option>', form)


def test_an_expired_staged_file_is_refused_with_a_clear_message(client, home_page, admin_user, gpkg):
    zone_index(home_page)
    client.force_login(admin_user)
    post_file(client, gpkg)
    record = ImportRecord.objects.get()
    token = token_in(client.get(change_url(client, record)).content.decode())
    staging = Path(record.staging_dir)
    ImportRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - ABANDONED_AFTER - datetime.timedelta(minutes=1))

    response = client.post(reverse("gis_import"), {"staged": token, "target": "zones", "layer": "khu_vn2000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "two_layers.gpkg was kept for 2 days after its upload and has expired; choose the file again." in html
    assert 'name="staged"' not in html
    record.refresh_from_db()
    assert record.status == ImportStatus.CANCELLED and not staging.exists() and record.layer == "khu_wgs84"
    assert 'href="/admin/gis-import/?staged=' not in client.get(
        reverse("gis_import_detail", args=[record.pk])).content.decode()


def test_another_users_staged_file_cannot_be_used(client, home_page, admin_user, django_user_model, gpkg):
    zone_index(home_page)
    client.force_login(admin_user)
    post_file(client, gpkg)
    record = ImportRecord.objects.get()
    token = token_in(client.get(change_url(client, record)).content.decode())
    other = django_user_model.objects.create_superuser("other", "other@example.org", "pw-other-1234")
    client.force_login(other)

    detail = client.get(reverse("gis_import_detail", args=[record.pk])).content.decode()
    assert "?staged=" not in detail  # only the uploader is offered the file
    for sent in (token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), str(record.pk)):
        response = client.post(reverse("gis_import"), {"staged": sent, "target": "zones", "layer": "khu_vn2000",
                                                       "crs": "9212"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "This staged file is not one you uploaded; choose the file again." in html
        assert "two_layers.gpkg" not in html.split("Recent imports")[0]
    assert client.get(f"{reverse('gis_import')}?staged={token}").content.decode().count('name="staged"') == 0
    record.refresh_from_db()
    assert (record.status, record.layer, record.user) == (ImportStatus.PREVIEWED, "khu_wgs84", admin_user)
    assert ImportRecord.objects.count() == 1


def test_choosing_another_file_drops_the_staged_one(client, home_page, admin_user, gpkg):
    zone_index(home_page)
    client.force_login(admin_user)
    post_file(client, gpkg)
    first = ImportRecord.objects.get()
    token = token_in(client.get(change_url(client, first)).content.decode())
    with open(CORPUS / "zones_ok.geojson", "rb") as handle:
        response = client.post(reverse("gis_import"), {"staged": token, "file": handle, "target": "zones"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == ImportStatus.CANCELLED and not first.staging_dir
    assert ImportRecord.objects.latest("pk").file_name == "zones_ok.geojson"


def test_refused_files_keep_their_staged_file_until_it_expires(client, home_page, admin_user):
    client.force_login(admin_user)
    post_file(client, CORPUS / "no_prj.zip")
    refused = ImportRecord.objects.get()
    assert remove_staged_files() == 0 and Path(refused.staging_dir).is_dir()
    ImportRecord.objects.filter(pk=refused.pk).update(created_at=timezone.now() - 2 * ABANDONED_AFTER)
    staging = Path(refused.staging_dir)
    assert remove_staged_files() == 1
    refused.refresh_from_db()
    assert refused.status == ImportStatus.REFUSED and not refused.staging_dir and not staging.exists()
    assert "does not say which coordinate system" in refused.error  # the refusal stays in the history


def test_fields_of_another_target_are_ignored(home_page):
    index, zone = zone_index(home_page), zone_with_boundary(home_page)
    form = GISUploadForm({"target": "zones", "zone": zone.pk, "land_use_column": "loai_dat", "code_column": "ma",
                          "index": index.pk, "publish": "on", "value_map": "CN = industrial"}, staged=STAGED)
    assert form.is_valid(), form.errors
    options = form.options()
    assert (options.zone_id, options.index_id, options.publish) == (None, index.pk, True)
    assert options.columns == {"code": "ma"} and options.value_map == {}
    assert form.ignored == ["Zone", "Land use column", "Value mapping"]

    form = GISUploadForm({"target": "plots", "zone": zone.pk, "index": index.pk, "publish": "on",
                          "name_column": "ten", "land_use_column": "loai_dat"}, staged=STAGED)
    assert form.is_valid(), form.errors
    options = form.options()
    assert (options.zone_id, options.index_id, options.publish) == (zone.pk, None, False)
    assert options.columns == {"land_use": "loai_dat"}

    form = GISUploadForm({"target": "plots", "index": index.pk}, staged=STAGED)
    assert not form.is_valid() and form.errors["zone"] == ["Choose the zone the plots belong to."]


def test_the_form_marks_each_field_with_its_targets_and_notes_ignored_ones(client, home_page, admin_user):
    zone = zone_with_boundary(home_page)
    client.force_login(admin_user)
    html = client.get(reverse("gis_import")).content.decode()
    assert 'class="gis-target-note"' in html
    marks = {}
    for chunk in html.split('<div class="gis-field"')[1:]:
        marks[re.search(r'name="(\w+)"', chunk).group(1)] = re.match(r'(?: data-gis-targets="([^"]+)")?>',
                                                                       chunk).group(1)
    assert marks["index"] == "zones" and marks["zone"] == "plots" and marks["land_use_column"] == "plots"
    assert marks["details_column"] == "infrastructure" and marks["crs"] is None and marks["target"] is None

    response = post_file(client, CORPUS / "zones_ok.geojson", zone=zone.pk, index="")
    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["Not used for this kind of import, so ignored: Zone."]
    assert ImportRecord.objects.get().zone is None


def test_the_status_reads_queued_then_running_then_done(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    post_file(client, CORPUS / "zones_ok.geojson")
    record = ImportRecord.objects.get()
    assert record.claim()
    status_url = reverse("gis_import_status", args=[record.pk])
    assert client.get(status_url).json()["status_label"] == "Queued"
    detail = client.get(reverse("gis_import_detail", args=[record.pk])).content.decode()
    assert re.search(r'class="w-header__subtitle gis-status" data-status="running">Queued<', detail)
    assert re.search(r'class="gis-progress-status gis-status" data-status="running"[^>]*>Queued<', detail)
    assert record.start() and status_label(record) == "Running"
    assert client.get(status_url).json()["status_label"] == "Running"
    record.finished(created_count=2, updated_count=0)
    state = client.get(status_url).json()
    assert (state["status_label"], state["summary"], state["finished"]) == ("Done", "2 created, 0 updated.", True)
