"""One run of a confirmed GIS import: started once, read again from the staged file, saved in one transaction
(or not at all), its staged file removed whatever the outcome."""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from maps.checks import GISImportError, StagedUpload
from maps.importers.base import DataRefused

from ..models import ImportRecord, ImportStatus, ImportTarget
from ..models.gis_imports import StagedFileGone
from .infrastructure import save_infrastructure
from .options import ImportOptions
from .permissions import require_rights
from .preparing import read_and_prepare, target_index, target_zone
from .saving import save_plots, save_zones

logger = logging.getLogger(__name__)


def staged_of(record: ImportRecord) -> StagedUpload:
    """The staged upload of a previewed record; refused when it is gone (removed, or never staged)."""
    try:
        return record.staged_upload()
    except StagedFileGone as exc:
        raise DataRefused(_("The uploaded file of this import is no longer available; upload it again.")) from exc


def run_import(record_id: int) -> ImportRecord:
    """Read, check and save a claimed import in one transaction; a record not claimed, or already started,
    is left alone (so a task delivered twice runs it once)."""
    record = ImportRecord.objects.get(pk=record_id)
    if not record.start():
        return record
    try:
        return _run(record)
    finally:
        record.refresh_from_db(fields=["status"])
        if record.status == ImportStatus.RUNNING:  # an error none of the handlers expected: never stuck running
            record.discard_staged_files()
            record.fail(_("The import stopped on an unexpected error; nothing was saved."))


def _run(record: ImportRecord) -> ImportRecord:
    options = ImportOptions.from_json(record.options)
    try:
        staged = staged_of(record)
        record.report_progress(5)
        prepared = read_and_prepare(staged, options)
        require_rights(record.user, options, prepared.frame["code"])
        record.report_progress(30)

        def progress(fraction: float) -> None:
            record.report_progress(30 + int(fraction * 69), persist=False)

        with transaction.atomic():
            if options.target == ImportTarget.INFRASTRUCTURE:
                created, updated = save_infrastructure(prepared, progress)
            elif options.target == ImportTarget.PLOTS:
                created, updated = save_plots(prepared, target_zone(options), progress)
            else:
                created, updated = save_zones(prepared, target_index(options), options.publish, record.user,
                                              progress)
    except GISImportError as exc:
        record.discard_staged_files()
        record.fail(exc.message)
        return record
    except (ValidationError, DatabaseError) as exc:
        logger.warning("GIS import %s failed while saving: %s", record.pk, exc)
        record.discard_staged_files()
        record.fail(_("Nothing was saved: %(error)s") % {"error": "; ".join(getattr(exc, "messages", [str(exc)]))})
        return record
    record.discard_staged_files()
    record.finished(read_count=prepared.read_count, refused_count=prepared.refused_count, created_count=created,
                    updated_count=updated, repaired_count=len(prepared.repaired), repaired=prepared.repaired,
                    warnings=prepared.warnings, source_crs=prepared.source_crs)
    return record
