"""Checking and reading uploaded spreadsheets (CSV, XLSX) before anything parses them in earnest.

An upload is accepted only when its size is within the limit and its content (not its name) is CSV text or an
XLSX package whose zip members are sane and whose XML parses under defusedxml (no entity tricks)."""

import csv
import datetime
import io
import re
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


def max_columns() -> int:
    """Columns a sheet may have (``PROJECTS_IMPORT_MAX_COLUMNS``): a project row needs a few dozen."""
    return int(getattr(settings, "PROJECTS_IMPORT_MAX_COLUMNS", 100))


def max_rows() -> int:
    """Data rows a sheet may have (``PROJECTS_IMPORT_MAX_ROWS``)."""
    return int(getattr(settings, "PROJECTS_IMPORT_MAX_ROWS", 200_000))


_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")


def _cell_position(ref: str) -> tuple[int, int]:
    """(column, row) numbers of a cell reference such as "XFD2000" (16384, 2000)."""
    match = _CELL.match(ref.strip().upper())
    if not match:
        raise ValueError(ref)
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return column, int(match.group(2))


def check_dimension(ref: str, part: str) -> None:
    """Refuse a worksheet whose declared range (``<dimension ref="A1:XFD2000">``) exceeds the column or row
    limit, before any cell is read."""
    try:
        columns, rows = _cell_position(ref.split(":")[-1])
    except ValueError:
        return  # a range we cannot read is checked again, cell by cell, when the rows are read
    if columns > max_columns():
        raise ValidationError(_("The sheet %(part)s declares %(count)s columns (range %(range)s); at most "
                                "%(limit)s are accepted.") % {"part": part, "count": columns, "range": ref,
                                                               "limit": max_columns()})
    if rows - 1 > max_rows():
        raise ValidationError(_("The sheet %(part)s declares %(count)s rows (range %(range)s); at most %(limit)s "
                                "are accepted.") % {"part": part, "count": rows, "range": ref, "limit": max_rows()})


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
                        for _event, element in SafeElementTree.iterparse(stream):
                            if element.tag.endswith("}dimension") and member.filename.startswith("xl/worksheets/"):
                                check_dimension(element.get("ref", ""), member.filename)
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
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # rows as stored, not padded to the range the file declares
        rows = sheet.iter_rows(values_only=True)
    else:
        # Windows-1258 writes tones as combining marks: compose them so names compare and search as typed.
        text = unicodedata.normalize("NFC", data.decode(encoding or "utf-8-sig"))
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(io.StringIO(text), dialect)
    rows = _guarded(rows)
    header = next(rows, None)
    if not header:
        raise ValidationError(_("The file has no header row."))
    headers = [str(h).strip() if h is not None else "" for h in header]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > max_columns():
        raise ValidationError(_("The header row has %(count)s columns; at most %(limit)s are accepted.")
                              % {"count": len(headers), "limit": max_columns()})
    return headers, (list(row) for row in rows if any(cell not in (None, "") for cell in row))


def _guarded(rows) -> Iterator:
    """``rows`` with the row limit applied and the csv module's errors (a field over its size limit, a NUL
    byte) turned into a ``ValidationError`` that names the line."""
    number = 0
    try:
        for number, row in enumerate(rows, start=1):  # noqa: B007 - read after the loop on error
            if number > max_rows() + 1:
                raise ValidationError(_("The file has more than %(limit)s data rows.") % {"limit": max_rows()})
            yield row
    except csv.Error as error:
        raise ValidationError(_("Line %(line)s: %(problem)s") % {"line": number + 1, "problem": error}) from error


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
