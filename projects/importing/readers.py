"""Checking and reading uploaded spreadsheets (CSV, XLSX) before anything parses them in earnest.

An upload is accepted only when its size is within the limit and its content (not its name) is CSV text or an
XLSX package whose zip members are sane and whose XML parses under defusedxml (no entity tricks)."""

import csv
import datetime
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.archives import ArchiveLimits, ArchiveProblem, inspect_archive, megabytes

MAX_ZIP_MEMBERS = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
REQUIRED_XLSX_PARTS = {"[Content_Types].xml", "xl/workbook.xml"}
LEGACY_ENCODINGS = ["cp1258", "cp1252", "latin-1"]


@dataclass
class CheckedUpload:
    """What the checks found: the format ("csv" or "xlsx") and, for CSV, the text encoding."""

    file_format: str
    encoding: str = ""
    warning: str = ""


def check_size(size: int) -> None:
    """Refuse a spreadsheet above the ``PROJECTS_IMPORT_MAX_BYTES`` setting (10 MB) before it is read."""
    limit = int(getattr(settings, "PROJECTS_IMPORT_MAX_BYTES", 10 * 1024 * 1024))
    if size > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": megabytes(limit)})


def check_upload(data: bytes, name: str = "") -> CheckedUpload:
    """Accept a CSV or XLSX file by its content; raise ``ValidationError`` with a clear reason otherwise."""
    if not data:
        raise ValidationError(_("The file is empty."))
    check_size(len(data))
    if data.startswith(ZIP_MAGIC):
        _check_xlsx(data, name or _("The workbook"))
        return CheckedUpload("xlsx")
    if data.startswith(OLE_MAGIC):
        raise ValidationError(_("Old Excel (.xls) files are not accepted: save the sheet as .xlsx or CSV."))
    if b"\x00" in data[:8192]:
        raise ValidationError(_("The file is neither CSV text nor an XLSX workbook."))
    encoding, warning = detect_encoding(data)
    return CheckedUpload("csv", encoding, warning)


def _macro(info: zipfile.ZipInfo) -> str | None:
    if "vbaproject" in info.filename.lower() and info.filename.lower().endswith(".bin"):
        return _("member %(member)s is a macro project; workbooks with macros are not accepted.")
    return None


def _check_xlsx(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The workbook is not a valid XLSX (zip) file.")) from error
    limits = ArchiveLimits(max_members=MAX_ZIP_MEMBERS, max_uncompressed_bytes=int(getattr(
        settings, "PROJECTS_IMPORT_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024)))
    with archive:
        members = archive.infolist()
        try:
            inspect_archive(members, name, limits, _macro)
        except ArchiveProblem as error:
            raise ValidationError(str(error)) from error
        if not REQUIRED_XLSX_PARTS <= {m.filename for m in members}:
            raise ValidationError(_("The zip file is not an Excel workbook (XLSX)."))
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(member) as stream:
                        for _event, _element in SafeElementTree.iterparse(stream):
                            pass
                except (DefusedXmlException, SafeElementTree.ParseError) as error:
                    raise ValidationError(_("The workbook part %(part)s is not safe XML.")
                                          % {"part": member.filename}) from error


def detect_encoding(data: bytes) -> tuple[str, str]:
    """The text encoding of a CSV file, and a warning when it is not UTF-8 (legacy Vietnamese code pages)."""
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig", ""
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=LEGACY_ENCODINGS).best()
    encoding = best.encoding if best else "cp1258"
    if encoding not in ("cp1258", "windows_1258"):
        # Vietnamese text in a single-byte code page is almost always Windows-1258.
        encoding = "cp1258"
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 and could not be read as Windows-1258 either: save it "
                                "as CSV UTF-8.")) from error
    return encoding, _("The file is not UTF-8; it was read as Windows-1258 (cp1258). Check that Vietnamese "
                       "names look right before importing, or save the file as CSV UTF-8.")


def read_table(data: bytes, file_format: str, encoding: str = "") -> tuple[list[str], Iterator[list]]:
    """The header row and an iterator over the data rows (lists of cell values)."""
    if file_format == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
    else:
        # Windows-1258 writes tones as combining marks: compose them so names compare and search as typed.
        text = unicodedata.normalize("NFC", data.decode(encoding or "utf-8-sig"))
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(io.StringIO(text), dialect)
    header = next(rows, None)
    if not header:
        raise ValidationError(_("The file has no header row."))
    headers = [str(h).strip() if h is not None else "" for h in header]
    return headers, (list(row) for row in rows if any(cell not in (None, "") for cell in row))


def as_text(value) -> str:
    """A cell as trimmed text (dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
