"""Dossier files are judged by their content, not their name or declared type."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from licensing.uploads import MAX_UPLOAD_BYTES, check_upload


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.pdf", b"%PDF-1.7\n...", "application/pdf"),
    ("scan.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
    ("photo.jpg", b"\xff\xd8\xff\xe0....", "image/jpeg"),
    ("charter.docx", _zip(["[Content_Types].xml", "word/document.xml"]),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("list.xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_accepted_types(name, content, expected):
    assert check_upload(SimpleUploadedFile(name, content, content_type="application/octet-stream")) == expected


@pytest.mark.parametrize(("name", "content"), [
    ("evil.pdf", b"<html><script>alert(1)</script>"),
    ("payload.docx", _zip(["evil.exe"])),
    ("empty.pdf", b""),
    ("broken.docx", b"PK\x03\x04 not really a zip"),
])
def test_refused_content(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content, content_type="application/pdf"))


def test_size_limit():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
    with pytest.raises(ValidationError, match="larger"):
        check_upload(big)
