"""A large spreadsheet is validated and imported by a real Celery worker; the status endpoint reports progress."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.choices import ImportStatus
from projects.importing.service import ASYNC_ROWS
from projects.models import ImportJob, Project
from tests.factories_projects import csv_bytes, good_row, make_sectors

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(client, job, statuses, timeout=120):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        state = client.get(reverse("projects_import:status", args=[job.pk])).json()
        seen.append(state["percent"])
        job.refresh_from_db()
        if job.status in statuses:
            return state, seen
        time.sleep(0.3)
    raise AssertionError(f"job stuck in {job.status}; progress seen {seen[-5:]}")


def test_large_file_goes_through_the_worker(client, admin_user, celery_worker):
    make_sectors()
    client.force_login(admin_user)
    rows = [good_row(f"BIG-{i:04d}") for i in range(ASYNC_ROWS + 50)]
    client.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile("big.csv", csv_bytes(rows))})
    job = ImportJob.objects.get()
    assert job.total_rows == ASYNC_ROWS + 50
    client.post(reverse("projects_import:mapping", args=[job.pk]), job.mapping)
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATING
    page = client.get(reverse("projects_import:report", args=[job.pk])).content.decode()
    assert "import-progress.js" in page and "data-status-url" in page
    state, _seen = wait_for(client, job, {ImportStatus.VALIDATED})
    assert state["finished"] and state["percent"] == 100
    client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    wait_for(client, job, {ImportStatus.DONE, ImportStatus.FAILED})
    assert job.status == ImportStatus.DONE, job.report.get("error")
    assert Project.objects.count() == ASYNC_ROWS + 50
