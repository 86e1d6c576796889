"""The import lifecycle shared by GIS files and spreadsheets (core.imports): one run per confirmation however
many confirm at once, and the daily removal of the staged files of finished or abandoned imports."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.imports import ABANDONED_AFTER, ImportStatus, lifecycle_models, remove_staged_files
from maps.importers.base import DataRefused
from projects.importing.service import create_job
from projects.models import ImportJob
from tests.factories import zone_index
from tests.factories_gis import CORPUS
from tests.factories_projects import csv_bytes, good_row
from zones.gis_import.options import ImportOptions
from zones.gis_import.running import run_import
from zones.gis_import.services import confirm_import, preview_upload
from zones.models import ImportRecord, ZonePage

pytestmark = pytest.mark.django_db


def previewed_gis(admin_user, name="vn2000_cp1258.zip") -> ImportRecord:
    with open(CORPUS / name, "rb") as handle:
        record, _prepared = preview_upload(handle, name, ImportOptions(publish=True), admin_user)
    return record


def test_both_import_models_share_the_lifecycle():
    assert set(lifecycle_models()) == {ImportRecord, ImportJob}


def test_two_confirmations_of_one_import_save_it_once(home_page, admin_user):
    zone_index(home_page)
    record = previewed_gis(admin_user)
    other_view = ImportRecord.objects.get(pk=record.pk)  # a second request loaded it at the same moment
    assert record.claim()
    assert not other_view.claim()
    assert run_import(record.pk).status == ImportStatus.DONE
    assert run_import(record.pk).status == ImportStatus.DONE  # a redelivered task leaves it alone
    assert ZonePage.objects.count() == 3
    with pytest.raises(DataRefused, match="already confirmed"):
        confirm_import(other_view, admin_user)


def test_a_claimed_import_is_started_once(home_page, admin_user):
    zone_index(home_page)
    record = previewed_gis(admin_user)
    assert record.claim()
    first, second = ImportRecord.objects.get(pk=record.pk), ImportRecord.objects.get(pk=record.pk)
    assert first.start() and not second.start()


def test_a_confirmed_spreadsheet_is_imported_once(client, admin_user):
    from tests.factories_projects import make_sectors

    make_sectors()
    client.force_login(admin_user)
    client.post(reverse("projects_import:upload"),
                {"file": SimpleUploadedFile("p.csv", csv_bytes([good_row("ONCE-1")]))})
    job = ImportJob.objects.get()
    client.post(reverse("projects_import:mapping", args=[job.pk]), job.mapping)
    run_url = reverse("projects_import:run", args=[job.pk])
    client.post(run_url, {"only_valid": "0"})
    client.post(run_url, {"only_valid": "0"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.report["imported"] == 1


def test_staged_files_of_finished_and_abandoned_imports_are_removed(home_page, admin_user):
    zone_index(home_page)
    done = previewed_gis(admin_user)
    done_dir = Path(done.staging_dir)
    confirm_import(done, admin_user)
    waiting = previewed_gis(admin_user)
    abandoned = previewed_gis(admin_user)
    ImportRecord.objects.filter(pk=abandoned.pk).update(created_at=timezone.now() - ABANDONED_AFTER
                                                        - datetime.timedelta(minutes=1))
    sheet = create_job(SimpleUploadedFile("old.csv", csv_bytes([good_row("OLD-1")])), admin_user)
    ImportJob.objects.filter(pk=sheet.pk).update(created_at=timezone.now() - 2 * ABANDONED_AFTER)
    sheet_path = Path(sheet.file.path)
    assert sheet_path.exists() and Path(abandoned.staging_dir).is_dir() and Path(waiting.staging_dir).is_dir()

    assert remove_staged_files() == 2

    assert not done_dir.exists()
    abandoned.refresh_from_db()
    assert abandoned.status == ImportStatus.CANCELLED and not abandoned.staging_dir
    sheet.refresh_from_db()
    assert sheet.status == ImportStatus.CANCELLED and not sheet.file and not sheet_path.exists()
    waiting.refresh_from_db()
    assert waiting.status == ImportStatus.PREVIEWED and Path(waiting.staging_dir).is_dir()  # still in use
    assert remove_staged_files() == 0  # idempotent


def test_the_beat_runs_the_staged_file_removal_daily():
    from portal.celery import app

    entry = app.conf.beat_schedule["imports-remove-staged-files"]
    assert entry["task"] == "core.imports.remove_staged_import_files"
    assert entry["task"] in app.tasks


@pytest.fixture
def fresh_content_types():
    """Content types cached during the test are forgotten after it (its rows are rolled back)."""
    from django.contrib.contenttypes.models import ContentType

    yield
    ContentType.objects.clear_cache()


def test_the_move_to_zones_keeps_the_import_permissions_users_had(django_user_model, fresh_content_types):
    """Before the move, editors held maps.add_importrecord; the data migration carries it to zones."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.filter(app_label="zones", model="importrecord").delete()  # as before the move
    old_type = ContentType.objects.create(app_label="maps", model="importrecord")
    permission = Permission.objects.create(content_type=old_type, codename="add_importrecord", name="Can add")
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(permission)
    migration = importlib.import_module("zones.migrations.0004_importrecord_from_maps")

    migration.move_content_type(apps, None)

    ContentType.objects.clear_cache()
    editor = django_user_model.objects.get(pk=editor.pk)
    assert editor.has_perm("zones.add_importrecord")
    assert ContentType.objects.get_for_model(ImportRecord).pk == old_type.pk
