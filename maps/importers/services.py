"""Import services called by the admin views and the Celery task: preview an upload, confirm it, run it.

Nothing is half-imported: a refused upload leaves no row behind; a confirmed import saves every feature
in one transaction or none.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.text import fold
from zones.choices import LandUse, PlotStatus
from zones.models import Plot, ZoneIndexPage, ZonePage

from ..checks import GISImportError, StagedUpload, stage_upload, upload_root
from ..models import ImportRecord, ImportStatus, ImportTarget
from . import handler_for
from .base import DataRefused, ImportOptions
from .processing import PreparedLayer, prepare_layer
from .saving import save_plots, save_zones

logger = logging.getLogger(__name__)


def layers_of(staged: StagedUpload) -> list[str]:
    """The layer names of a staged upload (for the layer choice on the form)."""
    return handler_for(staged).layers(staged)


def _target_zone(options: ImportOptions) -> ZonePage | None:
    if options.target != ImportTarget.PLOTS:
        return None
    zone = ZonePage.objects.filter(pk=options.zone_id).first() if options.zone_id else None
    if zone is None:
        raise DataRefused(_("Choose the zone the plots belong to."))
    return zone


def _target_index(options: ImportOptions) -> ZoneIndexPage:
    index = (ZoneIndexPage.objects.filter(pk=options.index_id).first() if options.index_id
             else ZoneIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
             or ZoneIndexPage.objects.first())
    if index is None:
        raise DataRefused(_("There is no zone index page to add zones to; create one first."))
    return index


def read_and_prepare(staged: StagedUpload, options: ImportOptions) -> PreparedLayer:
    """Read the staged file with its format handler and check/convert every feature."""
    handler = handler_for(staged)
    read = handler.read(staged, options)
    return prepare_layer(read, options, staged.name, zone=_target_zone(options))


#: A replacement changing an area by more than this share of the area it has now is flagged in the preview.
AREA_CHANGE_WARNING = 0.5
#: Combining marks (after NFD) and letters that only Vietnamese of the languages we serve writes.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323đĐ")


@dataclass(frozen=True)
class Replacement:
    """An existing zone or plot a feature of the layer will overwrite (matched by code).

    For plots, ``title`` is the plot's code, and the land use and status labels say what saving changes;
    for zones they are empty.
    """

    code: str
    title: str
    new_title: str
    area_ha: float | None
    new_area_ha: float
    land_use: str = ""
    new_land_use: str = ""
    status: str = ""
    new_status: str = ""

    @property
    def retitled(self) -> bool:
        return self.title != self.new_title

    @property
    def land_use_changed(self) -> bool:
        return self.land_use != self.new_land_use

    @property
    def status_changed(self) -> bool:
        return self.status != self.new_status

    @property
    def area_jumps(self) -> bool:
        """Whether saving changes the area by more than ``AREA_CHANGE_WARNING`` of what it is now."""
        if not self.area_ha:
            return False
        return abs(self.new_area_ha - self.area_ha) > AREA_CHANGE_WARNING * self.area_ha


def replacements(prepared: PreparedLayer, options: ImportOptions) -> dict[str, Replacement]:
    """By code, what saving ``prepared`` would overwrite: the editor sees it in the preview, before saving."""
    frame = prepared.frame
    codes = frame["code"].tolist()
    found = {}
    if options.target == ImportTarget.PLOTS:
        plots = {plot.code: plot for plot in Plot.objects.for_zone(_target_zone(options)).filter(code__in=codes)
                 .only("code", "area_m2", "land_use", "status")}
        for code, name, area, land_use, status in zip(codes, frame["name"], frame["area_m2"], frame["land_use"],
                                                      frame["status"], strict=True):
            if code in plots:
                plot = plots[code]
                found[code] = Replacement(
                    code=code, title=code, new_title=name, area_ha=_hectares(plot.area_m2),
                    new_area_ha=_hectares(area), land_use=str(LandUse(plot.land_use).label),
                    new_land_use=str(LandUse(land_use).label), status=str(PlotStatus(plot.status).label),
                    new_status=str(PlotStatus(status).label))
        return found
    zones = {zone.code: zone for zone in ZonePage.objects.filter(
        code__in=codes, locale_id=_target_index(options).locale_id).only("code", "title", "area_m2")}
    for code, name, area in zip(codes, frame["name"], frame["area_m2"], strict=True):
        if code in zones:
            found[code] = Replacement(code=code, title=zones[code].title, new_title=name,
                                      area_ha=_hectares(zones[code].area_m2), new_area_ha=_hectares(area))
    return found


def _hectares(area_m2) -> float | None:
    return round(float(area_m2) / 10_000, 2) if area_m2 is not None else None


def _looks_vietnamese(text: str) -> bool:
    return not _VIETNAMESE_MARKS.isdisjoint(unicodedata.normalize("NFD", text))


def preview_warnings(prepared: PreparedLayer, options: ImportOptions,
                     replaced: dict[str, Replacement]) -> list[str]:
    """What the editor must read before saving ``prepared``: areas that change by more than half, new zones
    named like an existing zone of the target index, Vietnamese names going into an English zone index."""
    kind = _("Plot") if options.target == ImportTarget.PLOTS else _("Zone")
    warnings = [
        _("%(kind)s %(code)s: saving changes its area from %(old)s ha to %(new)s ha, by more than half. Check "
          "that the file's row and its coordinate system are the right ones.") % {
            "kind": kind, "code": change.code, "old": _area(change.area_ha), "new": _area(change.new_area_ha)}
        for change in replaced.values() if change.area_jumps]
    if options.target == ImportTarget.PLOTS:
        return warnings
    index = _target_index(options)
    frame = prepared.frame
    new_zones = [(code, name) for code, name in zip(frame["code"], frame["name"], strict=True)
                 if code not in replaced]
    if new_zones:
        existing = {_name_key(title): (code, title) for code, title in
                    ZonePage.objects.child_of(index).values_list("code", "title")}
        for code, name in new_zones:
            same = existing.get(_name_key(name))
            if same and same[0] != code:
                warnings.append(_("“%(name)s” comes with the code %(code)s, which no zone has, but zone %(other)s is "
                                  "already called “%(title)s”: saving creates a second zone of that name.") % {
                    "name": name, "code": code, "other": same[0], "title": same[1]})
    vietnamese = [name for name in frame["name"] if _looks_vietnamese(str(name))]
    if vietnamese and index.locale.language_code.startswith("en"):
        warnings.append(_("The zone names in the file are Vietnamese (e.g. “%(name)s”) but they go into the "
                          "English zone index “%(index)s”: saving replaces the English titles by Vietnamese "
                          "ones. Choose the Vietnamese zone index for a Vietnamese file.") % {
            "name": vietnamese[0], "index": index.title})
    return warnings


#: Words that say what kind of zone a name is, not which: "Becamex Binh Phuoc" and "Becamex Binh Phuoc
#: Industrial Park" (or "KCN Becamex Bình Phước") name the same zone.
_ZONE_WORDS = re.compile(r"\b(?:industrial (?:park|zone|cluster)|export processing zone|high tech park|economic zone|"
                         r"border gate|khu cong nghiep|cum cong nghiep|khu che xuat|khu kinh te|cua khau|kcn|ccn|kkt|"
                         r"ip)\b")


def _name_key(name: str) -> str:
    """A zone name folded, without punctuation and without the words that only say its kind."""
    words = " ".join(re.sub(r"[\W_]+", " ", fold(str(name))).split())
    return " ".join(_ZONE_WORDS.sub(" ", words).split()) or words


def _area(hectares: float) -> str:
    return number_format(hectares, decimal_pos=2, use_l10n=True, force_grouping=True)


def preview_upload(upload, name: str, options: ImportOptions, user) -> tuple[ImportRecord, PreparedLayer]:
    """Check, stage and read an upload; record it as previewed. Raises GISImportError: then the history
    records the refusal (who, when, file name and size, the reason) and nothing of the file is kept."""
    try:
        staged = stage_upload(upload, name)
    except GISImportError as exc:
        _record_refusal(user, name, getattr(upload, "size", 0) or 0, "", options, exc.message)
        raise
    try:
        prepared = read_and_prepare(staged, options)
    except GISImportError as exc:
        staged.cleanup()
        _record_refusal(user, staged.name, staged.size, staged.format, options, exc.message)
        raise
    except BaseException:
        staged.cleanup()
        raise
    options.layer = prepared.layer
    record = ImportRecord.objects.create(
        user=user if getattr(user, "pk", None) else None, file_name=staged.name[:255], file_size=staged.size,
        format=staged.format, layer=prepared.layer[:255], source_crs=prepared.source_crs,
        target=options.target, zone_id=options.zone_id if options.target == ImportTarget.PLOTS else None,
        options={**options.to_json(), "staged_path": str(staged.path.relative_to(staged.workdir))},
        read_count=prepared.read_count, refused_count=prepared.refused_count,
        repaired_count=len(prepared.repaired), repaired=prepared.repaired, warnings=prepared.warnings,
        staging_dir=str(staged.workdir))
    return record, prepared


def _record_refusal(user, name: str, size: int, file_format: str, options: ImportOptions, message: str) -> None:
    now = timezone.now()
    ImportRecord.objects.create(
        user=user if getattr(user, "pk", None) else None, file_name=Path(str(name)).name[:255] or "upload",
        file_size=size, format=file_format, target=options.target,
        zone=ZonePage.objects.filter(pk=options.zone_id).first() if options.target == ImportTarget.PLOTS else None,
        status=ImportStatus.REFUSED, error=message, created_at=now, finished_at=now)


def staged_of(record: ImportRecord) -> StagedUpload:
    """The staged upload of a previewed record (inside the private upload folder only)."""
    workdir = Path(record.staging_dir).resolve()
    root = upload_root().resolve()
    if root not in workdir.parents or not workdir.is_dir():
        raise DataRefused(_("The uploaded file of this import is no longer available; upload it again."))
    path = (workdir / record.options.get("staged_path", "")).resolve()
    if workdir not in path.parents:
        raise DataRefused(_("The uploaded file of this import is no longer available; upload it again."))
    return StagedUpload(name=record.file_name, size=record.file_size, format=record.format, workdir=workdir,
                        path=path)


def confirm_import(record: ImportRecord) -> bool:
    """Save a previewed import: now for small layers, in a Celery task for large ones (returns True then)."""
    from ..tasks import run_gis_import

    if not record.can_confirm:
        raise DataRefused(_("This import was already confirmed or cancelled."))
    if record.read_count >= settings.GIS_IMPORT_ASYNC_FEATURES:
        updated = ImportRecord.objects.filter(pk=record.pk, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.QUEUED, progress=0)
        if updated:
            record.report_progress(0)
            transaction.on_commit(lambda: run_gis_import.delay(record.pk))
        return True
    run_import(record.pk)
    return False


def cancel_import(record: ImportRecord) -> None:
    """Drop a previewed import and its staged file."""
    if record.status != ImportStatus.PREVIEWED:
        raise DataRefused(_("Only a previewed import can be cancelled."))
    staged_cleanup(record)
    record.status = ImportStatus.CANCELLED
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "finished_at", "staging_dir"])


def staged_cleanup(record: ImportRecord) -> None:
    if record.staging_dir:
        try:
            staged_of(record).cleanup()
        except DataRefused:
            pass
        record.staging_dir = ""


def run_import(record_id: int) -> ImportRecord:
    """Read, check and save a previewed/queued import in one transaction; idempotent on a finished one."""
    claimed = ImportRecord.objects.filter(
        pk=record_id, status__in=[ImportStatus.PREVIEWED, ImportStatus.QUEUED]).update(status=ImportStatus.RUNNING)
    record = ImportRecord.objects.get(pk=record_id)
    if not claimed:
        return record
    options = ImportOptions.from_json(record.options)
    try:
        staged = staged_of(record)
        record.report_progress(5)
        prepared = read_and_prepare(staged, options)
        record.report_progress(30)

        def progress(fraction: float) -> None:
            record.report_progress(30 + int(fraction * 69), persist=False)

        with transaction.atomic():
            if options.target == ImportTarget.PLOTS:
                created, updated = save_plots(prepared, _target_zone(options), progress)
            else:
                created, updated = save_zones(prepared, _target_index(options), options.publish, record.user,
                                              progress)
    except GISImportError as exc:
        staged_cleanup(record)
        record.fail(exc.message)
        record.save(update_fields=["staging_dir"])
        return record
    except (ValidationError, DatabaseError) as exc:
        logger.warning("GIS import %s failed while saving: %s", record_id, exc)
        staged_cleanup(record)
        record.fail(_("Nothing was saved: %(error)s") % {"error": "; ".join(getattr(exc, "messages", [str(exc)]))})
        record.save(update_fields=["staging_dir"])
        return record
    staged_cleanup(record)
    record.status = ImportStatus.DONE
    record.progress = 100
    record.finished_at = timezone.now()
    record.read_count, record.refused_count = prepared.read_count, prepared.refused_count
    record.created_count, record.updated_count = created, updated
    record.repaired_count, record.repaired, record.warnings = (len(prepared.repaired), prepared.repaired,
                                                               prepared.warnings)
    record.source_crs = prepared.source_crs
    record.save()
    record.report_progress(100, persist=False)
    return record
