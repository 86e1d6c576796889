"""Upload safety: everything an uploaded GIS file must pass BEFORE GDAL opens it.

The file is typed by its content (magic bytes), never by its name; archives are inspected with
``zipfile`` (sizes, ratio, member count, paths, links, nested archives, member types) and extracted into
a private temporary folder; KML is parsed with defusedxml first. Only the real path of the staged file
ever reaches GDAL, so VRT files, network and ``/vsi*`` paths from user input never do. Each refusal is an
:class:`UploadRefused` with a message naming the file or member.
"""

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree as SafeET
from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from django.conf import settings
from django.utils.translation import gettext as _

from core.archives import ArchiveLimits, ArchiveProblem, inspect_archive, megabytes

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SQLITE_MAGIC = b"SQLite format 3\x00"
GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
OTHER_ARCHIVE_MAGIC = (b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh", b"\xfd7zXZ")

SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".qix", ".sbn", ".sbx", ".fbn", ".fbx",
                   ".ain", ".aih", ".atx", ".ixs", ".mxs", ".xml"}
KMZ_PARTS = {".kml", ".png", ".jpg", ".jpeg", ".gif"}
ARCHIVE_EXTENSIONS = {".zip", ".kmz", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".gpkg", ".sqlite"}
NETWORK_OR_VSI = re.compile(r"(^|[/\\])vsi[a-z0-9_]*([/\\]|$)|://", re.IGNORECASE)

#: Allowed GDAL drivers per staged format; anything else GDAL might pick is refused.
ALLOWED_DRIVERS = {
    "shapefile": {"ESRI Shapefile"},
    "geojson": {"GeoJSON"},
    "kml": {"KML", "LIBKML"},
    "kmz": {"KML", "LIBKML"},
    "gpkg": {"GPKG"},
}
FORMAT_LABELS = {"shapefile": "Shapefile (zip)", "geojson": "GeoJSON", "kml": "KML", "kmz": "KMZ",
                 "gpkg": "GeoPackage"}


class GISImportError(Exception):
    """A problem with an uploaded GIS file; ``str(error)`` is the message shown to the editor."""

    code = "gis_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UploadRefused(GISImportError):
    """The upload failed a safety check and was never opened."""

    code = "refused"


class FileTooLarge(UploadRefused):
    code = "too_large"


class UnrecognisedFile(UploadRefused):
    code = "unrecognised"


class UnsafeArchive(UploadRefused):
    code = "unsafe_archive"


class UnsafeXML(UploadRefused):
    code = "unsafe_xml"


class FormatNotAllowed(UploadRefused):
    code = "format_not_allowed"


@dataclass
class StagedUpload:
    """A checked upload copied into a private folder: ``path`` is what GDAL may open, with ``driver``s."""

    name: str
    size: int
    format: str
    workdir: Path
    path: Path

    @property
    def allowed_drivers(self) -> set[str]:
        return ALLOWED_DRIVERS[self.format]

    def cleanup(self) -> None:
        """Remove the private folder and everything in it."""
        shutil.rmtree(self.workdir, ignore_errors=True)


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def upload_root() -> Path:
    """The private folder (outside MEDIA_ROOT) where uploads are staged."""
    root = Path(getattr(settings, "GIS_UPLOAD_DIR", Path(tempfile.gettempdir()) / "portal-gis-uploads"))
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def sniff(head: bytes) -> str:
    """The content type of a file from its first bytes: zip, sqlite, json, xml, archive or unknown."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(OTHER_ARCHIVE_MAGIC):
        return "archive"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        return "xml"
    return "unknown"


def stage_upload(source, name: str, size: int | None = None) -> StagedUpload:
    """Check ``source`` (a path or a binary file object) named ``name`` and stage it for reading.

    Raises an :class:`UploadRefused` subclass naming the problem; nothing is left on disk then.
    """
    name = PurePosixPath(str(name).replace("\\", "/")).name or "upload"
    workdir = Path(tempfile.mkdtemp(prefix="gis-", dir=upload_root()))
    try:
        raw = workdir / "upload.bin"
        written = _copy_limited(source, raw, name)
        staged = _stage(raw, name, written, workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return staged


def _copy_limited(source, target: Path, name: str) -> int:
    max_bytes = _limit("GIS_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
    total = 0
    opened = open(source, "rb") if isinstance(source, str | Path) else None  # noqa: SIM115
    stream = opened or source
    try:
        if hasattr(stream, "seek"):
            stream.seek(0)
        with open(target, "wb") as out:
            while chunk := stream.read(1024 * 1024):
                total += len(chunk)
                if total > max_bytes:
                    raise FileTooLarge(_("%(name)s is larger than the %(limit)s MB upload limit.") % {
                        "name": name, "limit": megabytes(max_bytes)})
                out.write(chunk)
    finally:
        if opened:
            opened.close()
    if total == 0:
        raise UnrecognisedFile(_("%(name)s is empty.") % {"name": name})
    return total


def _stem(name: str) -> str:
    """A safe file stem for the staged copy (GDAL names GeoJSON/KML layers after it)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", PurePosixPath(name).stem)[:60].strip("_") or "upload"


def _stage(raw: Path, name: str, size: int, workdir: Path) -> StagedUpload:
    with open(raw, "rb") as handle:
        head = handle.read(128)
    kind = sniff(head)
    if kind == "zip":
        fmt, path = _stage_zip(raw, name, workdir)
    elif kind == "sqlite":
        if head[68:72] not in GPKG_APPLICATION_IDS:
            raise UnrecognisedFile(_("%(name)s is an SQLite database but not a GeoPackage.") % {"name": name})
        fmt, path = "gpkg", raw.rename(workdir / f"{_stem(name)}.gpkg")
    elif kind == "json":
        fmt, path = "geojson", raw.rename(workdir / f"{_stem(name)}.geojson")
    elif kind == "xml":
        check_kml(raw, name)
        fmt, path = "kml", raw.rename(workdir / f"{_stem(name)}.kml")
    elif kind == "archive":
        raise UnrecognisedFile(_("%(name)s is a compressed archive that is not a zip file; "
                                 "only zip archives are accepted.") % {"name": name})
    else:
        raise UnrecognisedFile(_("%(name)s is not a GIS file: its content is not a zip archive, "
                                 "GeoPackage, GeoJSON or KML.") % {"name": name})
    return StagedUpload(name=name, size=size, format=fmt, workdir=workdir, path=path)


def check_kml(path: Path, name: str) -> None:
    """Parse XML with defusedxml: refuse entities, DTDs with external references, VRT and non-KML roots."""
    try:
        tree = SafeET.parse(path, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, DTDForbidden) as exc:
        raise UnsafeXML(_("%(name)s declares XML entities; they are refused (entity expansion attack).") % {
            "name": name}) from exc
    except ExternalReferenceForbidden as exc:
        raise UnsafeXML(_("%(name)s refers to an external XML resource; it is refused.") % {"name": name}) from exc
    except SafeET.ParseError as exc:
        raise UnrecognisedFile(_("%(name)s is not well-formed XML: %(error)s") % {
            "name": name, "error": exc}) from exc
    root = tree.getroot()
    local = root.tag.rsplit("}", 1)[-1]
    if local == "OGRVRTDataSource":
        raise FormatNotAllowed(_("%(name)s is a GDAL VRT file; VRT files are never opened.") % {"name": name})
    if local != "kml":
        raise UnrecognisedFile(_("%(name)s is XML but not KML (root element <%(root)s>).") % {
            "name": name, "root": local})
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "NetworkLink":
            raise FormatNotAllowed(_("%(name)s contains a KML NetworkLink; network links are not followed.")
                                   % {"name": name})


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """What a GIS archive may not hold beyond the shared path checks (core.archives)."""
    member = info.filename
    if NETWORK_OR_VSI.search(member):
        return _("member %(member)s names a network or GDAL virtual file system path.")
    if info.is_dir():
        return None
    suffix = PurePosixPath(member).suffix.lower()
    if suffix in ARCHIVE_EXTENSIONS:
        return _("member %(member)s is a nested archive; archives inside archives are refused.")
    if suffix == ".vrt":
        return _("member %(member)s is a GDAL VRT file; VRT files are never opened.")
    if suffix not in SHAPEFILE_PARTS | KMZ_PARTS:
        return _("member %(member)s has a file type that is not allowed.")
    return None


def _stage_zip(raw: Path, name: str, workdir: Path) -> tuple[str, Path]:
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive(_("%(name)s is not a readable zip archive (damaged or truncated).") % {
            "name": name}) from exc
    with archive:
        infos = archive.infolist()
        _check_archive(infos, name)
        files = [info for info in infos if not info.is_dir()]
        suffixes = [PurePosixPath(info.filename).suffix.lower() for info in files]
        shp = [info for info, suffix in zip(files, suffixes, strict=True) if suffix == ".shp"]
        kml = [info for info, suffix in zip(files, suffixes, strict=True) if suffix == ".kml"]
        if len(shp) > 1:
            raise UnsafeArchive(_("%(name)s contains several shapefiles (%(list)s); upload one layer per zip.") % {
                "name": name, "list": ", ".join(info.filename for info in shp)})
        if shp:
            fmt, main = "shapefile", shp[0]
            stem = PurePosixPath(main.filename).stem
            names = {PurePosixPath(info.filename).name.lower() for info in files}
            missing = [ext for ext in (".shx", ".dbf") if f"{stem}{ext}".lower() not in names]
            if missing:
                raise UnsafeArchive(_("%(name)s: the shapefile %(shp)s has no %(missing)s file.") % {
                    "name": name, "shp": main.filename, "missing": " / ".join(missing)})
        elif len(kml) == 1:
            fmt, main = "kmz", kml[0]
        elif kml:
            raise UnsafeArchive(_("%(name)s contains several KML files; upload one at a time.") % {"name": name})
        else:
            raise UnsafeArchive(_("%(name)s contains no .shp file (a zipped Shapefile needs .shp, .shx and "
                                  ".dbf) and no .kml file.") % {"name": name})
        target = workdir / "layer"
        target.mkdir()
        for info in files:
            _extract_member(archive, info, target, name)
    path = target / PurePosixPath(main.filename).name
    if fmt == "kmz":
        check_kml(path, f"{name}: {main.filename}")
    return fmt, path


def _check_archive(infos: list[zipfile.ZipInfo], name: str) -> None:
    limits = ArchiveLimits(max_members=_limit("GIS_ARCHIVE_MAX_MEMBERS", 50),
                           max_uncompressed_bytes=_limit("GIS_ARCHIVE_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024),
                           max_ratio=_limit("GIS_ARCHIVE_MAX_RATIO", 100))
    seen: set[str] = set()

    def member_check(info: zipfile.ZipInfo) -> str | None:
        problem = _member_problem(info)
        base = PurePosixPath(info.filename).name.lower()
        if problem is None and not info.is_dir():
            if base in seen:
                return _("member %(member)s appears twice.")
            seen.add(base)
        return problem

    try:
        inspect_archive(infos, name, limits, member_check)
    except ArchiveProblem as exc:
        raise UnsafeArchive(str(exc)) from exc


def _extract_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, name: str) -> None:
    """Copy one member by streaming, never trusting its header: stop if it grows past its declared size."""
    out_path = target / PurePosixPath(info.filename).name
    written = 0
    try:
        with archive.open(info) as member, open(out_path, "wb") as out:
            first = True
            while chunk := member.read(256 * 1024):
                if first and chunk.startswith(ZIP_MAGIC + OTHER_ARCHIVE_MAGIC + (SQLITE_MAGIC,)):
                    raise UnsafeArchive(_("%(name)s: member %(member)s is a nested archive; archives inside "
                                          "archives are refused.") % {"name": name, "member": info.filename})
                first = False
                written += len(chunk)
                if written > info.file_size:
                    raise UnsafeArchive(_("%(name)s: member %(member)s is larger than its header says.") % {
                        "name": name, "member": info.filename})
                out.write(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise UnsafeArchive(_("%(name)s: member %(member)s cannot be read (damaged or truncated archive).") % {
            "name": name, "member": info.filename}) from exc
