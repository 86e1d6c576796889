"""Checks on uploaded dossier files, made on their content before anything opens them."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Leading bytes -> content type. DOCX and XLSX are ZIP containers, told apart by the parts they hold.
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
]
OFFICE_TYPES = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NOT_ALLOWED = _("Only PDF, PNG, JPEG, DOCX and XLSX files are accepted.")


def _office_type(upload) -> str:
    """DOCX or XLSX by the ZIP's table of contents (read without extracting anything)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(NOT_ALLOWED) from exc
    finally:
        upload.seek(0)
    for marker, content_type in OFFICE_TYPES.items():
        if marker in names and "[Content_Types].xml" in names:
            return content_type
    raise ValidationError(NOT_ALLOWED)


def check_upload(upload) -> str:
    """The content type of ``upload`` judged by its first bytes; ``ValidationError`` if too big or not allowed."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return _office_type(upload) if content_type == "application/zip" else content_type
    raise ValidationError(NOT_ALLOWED)
