"""Import services called by the admin views: preview an upload, confirm it, cancel it.

Nothing is half-imported: a refused upload leaves no row behind but its refusal in the history; a confirmed
import saves every feature in one transaction or none (see ``running``).
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maps.checks import GISImportError, stage_upload
from maps.importers.base import DataRefused
from maps.importers.processing import PreparedLayer

from ..models import ImportRecord, ImportStatus, ImportTarget, ZonePage
from .options import ImportOptions
from .permissions import require_rights
from .preparing import read_and_prepare
from .running import run_import
from .tasks import run_gis_import


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
        require_rights(user, options, prepared.frame["code"])
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
        options={**options.to_json(), "staged_path": str(staged.path.relative_to(staged.workdir)),
                 # the zones' codes, for the page rights checked at confirm (plots need only their zone's)
                 "codes": list(prepared.frame["code"]) if options.target == ImportTarget.ZONES else []},
        read_count=prepared.read_count, refused_count=prepared.refused_count,
        repaired_count=len(prepared.repaired), repaired=prepared.repaired, warnings=prepared.warnings,
        staging_dir=str(staged.workdir), status=ImportStatus.PREVIEWED)
    return record, prepared


def _record_refusal(user, name: str, size: int, file_format: str, options: ImportOptions, message: str) -> None:
    now = timezone.now()
    ImportRecord.objects.create(
        user=user if getattr(user, "pk", None) else None, file_name=Path(str(name)).name[:255] or "upload",
        file_size=size, format=file_format, target=options.target,
        zone=ZonePage.objects.filter(pk=options.zone_id).first() if options.target == ImportTarget.PLOTS else None,
        status=ImportStatus.REFUSED, error=message, created_at=now, finished_at=now)


def confirm_import(record: ImportRecord, user) -> bool:
    """Save a previewed import: now for small files, in a Celery task for large ones (returns True then).

    ``user``, who confirms, needs the page rights the import uses (checked again when it runs). The record is
    claimed first, so of two confirmations at once only one runs it."""
    if not record.can_confirm:
        raise DataRefused(_("This import was already confirmed or cancelled."))
    require_rights(user, ImportOptions.from_json(record.options), record.options.get("codes", []))
    if not record.claim():
        raise DataRefused(_("This import was already confirmed or cancelled."))
    record.report_progress(0)
    if record.file_size >= settings.IMPORT_ASYNC_THRESHOLD_BYTES:
        transaction.on_commit(lambda: run_gis_import.delay(record.pk))
        return True
    run_import(record.pk)
    return False


def cancel_import(record: ImportRecord) -> None:
    """Drop a previewed import and its staged file."""
    if not record.cancel():
        raise DataRefused(_("Only a previewed import can be cancelled."))
