"""One run of a confirmed GIS import: claimed once, read again from the staged file, saved in one transaction
(or not at all), its staged file removed whatever the outcome."""

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maps.checks import GISImportError, StagedUpload, upload_root
from maps.importers.base import DataRefused

from ..models import ImportRecord, ImportStatus, ImportTarget
from .options import ImportOptions
from .preparing import read_and_prepare, target_index, target_zone
from .saving import save_plots, save_zones

logger = logging.getLogger(__name__)


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


def staged_cleanup(record: ImportRecord) -> None:
    """Remove the record's staged file (if still there) and forget its folder (the caller saves the record)."""
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
                created, updated = save_plots(prepared, target_zone(options), progress)
            else:
                created, updated = save_zones(prepared, target_index(options), options.publish, record.user,
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
