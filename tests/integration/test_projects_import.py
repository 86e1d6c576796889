"""Spreadsheet import through the admin: mapping, row report, all-or-nothing or only-valid import."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.imports import ImportStatus
from projects.choices import CapitalChangeKind
from projects.models import CapitalChange, ImportJob, Project
from tests.factories_projects import HEADER, csv_bytes, good_row, make_sectors, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    make_sectors()
    client.force_login(admin_user)
    return client


def upload(client, data: bytes, name="projects.csv"):
    response = client.post(reverse("projects_import:upload"), {"file": SimpleUploadedFile(name, data)})
    return response, ImportJob.objects.order_by("-pk").first()


def map_and_validate(client, job):
    response = client.post(reverse("projects_import:mapping", args=[job.pk]), job.mapping)
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    return job


@pytest.mark.smoke
def test_clean_file_imports_every_row(admin_client):
    response, job = upload(admin_client, csv_bytes([good_row("IMP-001"), good_row("IMP-002", kind="")]))
    assert response.status_code == 302
    assert set(job.mapping) >= {"code", "name_vi", "investors", "capital"}
    job = map_and_validate(admin_client, job)
    assert job.status == ImportStatus.PREVIEWED
    assert job.report["problems"] == []
    assert Project.objects.count() == 0  # nothing saved before confirmation
    admin_client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    imported = Project.objects.get(code="IMP-001")
    assert imported.kind == "fdi" and imported.foreign_share_pct == Decimal("70") and imported.lead_country == "KR"
    assert imported.capital_vnd == Decimal("12500000") * 23500
    assert imported.shares.count() == 2
    assert CapitalChange.objects.filter(project=imported, kind=CapitalChangeKind.NEW).count() == 1


def test_bad_file_gets_a_row_report_and_nothing_is_saved(admin_client):
    project("DB-001")
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    rows = [
        good_row("OK-1"),
        good_row("BAD-TYPE", capital="twelve"),
        good_row("BAD-COUNTRY", investors="Foo|XX|100"),
        good_row("BAD-SECTOR", sector="9999"),
        good_row("BAD-SHARES", investors="A Co.|KR|60; B JSC|VN|30"),
        good_row("BAD-NEG", capital="-5"),
        good_row("OK-1"),
        good_row("DB-001"),
        good_row("BAD-FUTURE", registered_on=future),
        good_row("BAD-TCVN3", name_vi="C«ng ty S¶n xuÊt"),
        good_row("BAD-KIND", kind="domestic"),
        good_row("BAD-DATE", registered_on="31/02/2022"),
    ]
    _response, job = upload(admin_client, csv_bytes(rows))
    job = map_and_validate(admin_client, job)
    problems = {(p["row"], p["column"]) for p in job.report["problems"]}
    assert (3, "capital") in problems
    assert (4, "investors") in problems
    assert (5, "sector") in problems
    assert (6, "investors") in problems
    assert (7, "capital") in problems
    assert (8, "code") in problems        # duplicate in the file
    assert (9, "code") in problems        # already registered
    assert (10, "registered_on") in problems
    assert (11, "name_vi") in problems
    assert (12, "kind") in problems
    assert (13, "registered_on") in problems
    assert job.report["valid_rows"] == [2]
    page = admin_client.get(reverse("projects_import:report", args=[job.pk])).content.decode()
    assert "not a number" in page and "Import only the 1 valid row" in page
    # Importing everything is refused; nothing is saved.
    admin_client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    assert not Project.objects.filter(code="OK-1").exists()
    # Only the valid rows, on request.
    admin_client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "1"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert set(Project.objects.values_list("code", flat=True)) == {"DB-001", "OK-1"}


def test_cp1258_csv_is_decoded_with_a_warning(admin_client):
    name = "Nhà máy Bình Phước"
    data = csv_bytes([good_row("CP-1", name_vi=name)], encoding="cp1258")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _response, job = upload(admin_client, data)
    assert job.encoding == "cp1258"
    assert "Windows-1258" in job.report["warning"]
    job = map_and_validate(admin_client, job)
    admin_client.post(reverse("projects_import:run", args=[job.pk]), {"only_valid": "0"})
    assert Project.objects.get(code="CP-1").name_vi == name


def test_xlsx_upload_is_read(admin_client):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    row = good_row("X-1")
    row[HEADER.index("registered_on")] = datetime.datetime(2022, 5, 10)
    row[HEADER.index("capital")] = 12500000
    sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    _response, job = upload(admin_client, buffer.getvalue(), "projects.xlsx")
    assert job.file_format == "xlsx"
    job = map_and_validate(admin_client, job)
    assert job.report["problems"] == [] and job.report["valid_rows"] == [2]


@pytest.mark.parametrize("data,message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls"),
    (b"PK\x03\x04not really a zip", "not a valid XLSX"),
    (b"GIF89a\x00\x00\x00binary", "neither CSV"),
])
def test_uploads_are_checked_by_content(admin_client, data, message):
    response, job = upload(admin_client, data, "projects.csv")
    assert job is None
    assert message in response.content.decode()


def test_xlsx_with_entity_expansion_is_refused(admin_client):
    buffer = io.BytesIO()
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<workbook>&b;</workbook>')
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", bomb)
    response, job = upload(admin_client, buffer.getvalue(), "bomb.xlsx")
    assert job is None
    assert "not safe XML" in response.content.decode()


def test_private_upload_pages_need_permission(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    client.force_login(user)
    assert client.get(reverse("projects_import:upload")).status_code in (302, 403)


def test_sample_files(admin_client):
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "data" / "projects"
    _response, job = upload(admin_client, (folder / "projects_sample.csv").read_bytes())
    job = map_and_validate(admin_client, job)
    assert job.report["problems"] == [] and job.report["valid_rows"] == [2, 3]
    _response, job = upload(admin_client, (folder / "projects_bad.csv").read_bytes())
    job = map_and_validate(admin_client, job)
    assert job.report["valid_rows"] == []
    problems = {(p["row"], p["column"]) for p in job.report["problems"]}
    assert {(2, "capital"), (3, "investors"), (4, "code"), (5, "registered_on"), (5, "sector")} <= problems


def _xlsx_with(extra: dict[str, bytes], link: str | None = None, members: int = 0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for name, content in extra.items():
            archive.writestr(name, content)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16  # a symbolic link
            archive.writestr(info, "/etc/passwd")
        for number in range(members):
            archive.writestr(f"xl/extra{number}.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data,message", [
    (_xlsx_with({"../../evil.xml": b"<x/>"}), "list.xlsx: member ../../evil.xml leaves the archive folder (..)."),
    (_xlsx_with({"/tmp/evil.xml": b"<x/>"}), "list.xlsx: member /tmp/evil.xml has an absolute path."),
    (_xlsx_with({}, link="xl/styles.xml"), "list.xlsx: member xl/styles.xml is a symbolic link."),
    (_xlsx_with({"xl/vbaProject.bin": b"\0"}), "list.xlsx: member xl/vbaProject.bin is a macro project; "
                                               "workbooks with macros are not accepted."),
    (_xlsx_with({}, members=200), "list.xlsx contains 202 files; at most 200 are allowed."),
    (_xlsx_with({"xl/big.xml": b" " * 3 * 1024 * 1024}), "list.xlsx would unpack to 3 MB; at most 2 MB are allowed."),
])
def test_xlsx_archives_are_inspected_before_any_part_is_read(settings, data, message):
    from projects.importing.readers import check_upload

    settings.PROJECTS_IMPORT_MAX_UNZIPPED_BYTES = 2 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(data, "list.xlsx")
    assert refused.value.messages == [message]


def test_spreadsheet_size_limit_is_a_setting(admin_client, settings):
    settings.PROJECTS_IMPORT_MAX_BYTES = 3 * 1024 * 1024 // 2
    data = csv_bytes([good_row()] * 20_000)
    assert len(data) > settings.PROJECTS_IMPORT_MAX_BYTES
    response, job = upload(admin_client, data, "projects.csv")
    assert job is None and "The file is larger than 1.5 MB." in response.content.decode()
