"""A large spreadsheet is validated and imported by a real Celery worker; the status endpoint reports progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.imports import ImportStatus
from projects.models import ImportJob, Project
from tests.factories_projects import csv_bytes, good_row, make_sectors
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 250


def wait_for(client, job, statuses, timeout=120):
    """The status endpoint's last answer once the job reached one of ``statuses``, and the percents seen."""
    seen = []

    def reached():
        # The job first, then its status: an answer read after the job got there cannot be an older one.
        job.refresh_from_db()
        arrived = job.status in statuses
        state = client.get(reverse("projects_import:status", args=[job.pk])).json()
        seen.append(state["percent"])
        return state if arrived else None

    state = wait_until(reached, timeout=timeout, interval=0.3, message=f"job reaching {statuses}")
    return state, seen


def test_large_file_goes_through_the_worker(client, admin_user, celery_worker, settings):
    make_sectors()
    client.force_login(admin_user)
    rows = [good_row(f"BIG-{i:04d}") for i in range(ROWS)]
    data = csv_bytes(rows)
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = len(data)  # this file, not a smaller one, goes to the worker
    client.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile("big.csv", data)})
    job = ImportJob.objects.get()
    assert job.total_rows == 0  # a large file's rows are counted by the worker, not in the upload request
    client.post(reverse("projects_import:mapping", args=[job.pk]), job.mapping)
    job.refresh_from_db()
    assert job.status == ImportStatus.STAGED and job.validation_pending
    page = client.get(reverse("projects_import:report", args=[job.pk])).content.decode()
    assert "import-progress.js" in page and "data-status-url" in page
    state, _seen = wait_for(client, job, {ImportStatus.PREVIEWED})
    assert state["finished"] and state["percent"] == 100
    job.refresh_from_db()
    assert job.total_rows == ROWS
    client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    wait_for(client, job, {ImportStatus.DONE, ImportStatus.FAILED})
    assert job.status == ImportStatus.DONE, job.report.get("error")
    assert job.started_at is not None and job.finished_at is not None
    assert Project.objects.count() == ROWS


def test_a_small_file_is_validated_and_imported_in_the_request(client, admin_user, settings):
    make_sectors()
    client.force_login(admin_user)
    data = csv_bytes([good_row("SMALL-1")])
    settings.IMPORT_ASYNC_THRESHOLD_BYTES = len(data) + 1
    client.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile("small.csv", data)})
    job = ImportJob.objects.get()
    client.post(reverse("projects_import:mapping", args=[job.pk]), job.mapping)
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED and not job.validation_pending
    client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Project.objects.filter(code="SMALL-1").exists()
