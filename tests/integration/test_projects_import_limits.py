"""Spreadsheets that would tie up a web worker are refused before they are read: declared ranges past the
column or row limit, headers too wide, fields past the csv module's limit; each with a clear message."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from projects.models import ImportJob
from tests.factories_projects import make_sectors

pytestmark = pytest.mark.django_db


def workbook_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_declared_range(data: bytes, ref: str) -> bytes:
    """The same workbook, its first sheet declaring ``ref`` as its used range (as a hostile file may)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode(), content)
                assert ref.encode() in content
            target.writestr(info, content)
    return out.getvalue()


def upload(client, name: str, data: bytes):
    return client.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def importer(client, admin_user):
    make_sectors()
    client.force_login(admin_user)
    return client


def test_a_small_workbook_declaring_a_huge_range_is_refused_before_reading(importer):
    data = with_declared_range(workbook_bytes([["code", "name"], ["P-1", "Plant"]]), "A1:XFD2000")
    assert len(data) < 10_000
    response = importer.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile("bomb.xlsx", data)})
    text = response.content.decode()
    assert response.status_code == 200
    assert "declares 16384 columns (range A1:XFD2000)" in text and len(text) < 200_000
    assert not ImportJob.objects.exists()


def test_a_declared_row_count_past_the_limit_is_refused(importer, settings):
    settings.PROJECTS_IMPORT_MAX_ROWS = 1000
    data = with_declared_range(workbook_bytes([["code", "name"], ["P-1", "Plant"]]), "A1:B1000000")
    assert "declares 1000000 rows" in upload(importer, "rows.xlsx", data).content.decode()


def test_a_range_that_lies_small_does_not_pad_or_hide_columns(importer, settings):
    settings.PROJECTS_IMPORT_MAX_COLUMNS = 30
    wide = workbook_bytes([[f"col{i}" for i in range(40)], list(range(40))])
    data = with_declared_range(wide, "A1:B2")  # the file lies: the range it declares is small
    response = upload(importer, "wide.xlsx", data)
    assert "The header row has 40 columns; at most 30 are accepted." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_workbook_within_the_limits_is_not_padded_to_its_declared_range(importer):
    data = with_declared_range(workbook_bytes([["code", "name"], ["P-1", "Plant"]]), "A1:CV50")  # 100 columns
    response = upload(importer, "ok.xlsx", data)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.headers == ["code", "name"]  # not 100 columns of blanks offered in the mapping
    assert len(importer.get(reverse("projects_import:mapping", args=[job.pk])).content) < 200_000


def test_a_csv_field_past_the_csv_limit_is_a_line_error_not_a_500(importer):
    data = ("code,name\nP-1,Plant\nP-2," + "x" * 200_000 + "\n").encode()
    response = upload(importer, "big-field.csv", data)
    assert response.status_code == 200
    assert "Line 3: field larger than field limit" in response.content.decode()
    assert not ImportJob.objects.exists()
