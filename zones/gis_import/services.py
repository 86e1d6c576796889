"""Import services called by the admin views: preview an upload, check its staged file again with other
options, confirm it, cancel it.

An upload that passes the safety checks stays staged, tied to its uploader, for ``STAGED_FOR`` after the
upload, whether its preview was refused or shown: the editor changes the CRS, layer, columns or target and
the file is checked again without being uploaded again (``staged_token`` / ``staged_record`` / ``recheck``).
The daily ``core.imports.remove_staged_import_files`` removes it after that.

Nothing is half-imported: a refused upload leaves its refusal in the history (and, when it was safe to
open, its staged file for the expiry period); a confirmed import saves every feature in one transaction or
none (see ``running``).
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.imports import ABANDONED_AFTER
from maps.checks import GISImportError, StagedUpload, stage_upload
from maps.importers import handler_for
from maps.importers.base import DataRefused, LayerRequired
from maps.importers.processing import PreparedLayer

from ..models import ImportRecord, ImportStatus, ImportTarget, ZonePage
from .options import ImportOptions
from .permissions import require_rights
from .preparing import layers_of, read_and_prepare
from .running import run_import, staged_of
from .tasks import run_gis_import

#: How long a staged file is kept after its upload (the daily clean-up's period for abandoned imports).
STAGED_FOR = ABANDONED_AFTER
#: The statuses of an import whose staged file may be checked again.
RECHECKABLE = (ImportStatus.STAGED, ImportStatus.PREVIEWED, ImportStatus.REFUSED)
_SIGNING_SALT = "zones.gis_import.staged"


def preview_upload(upload, name: str, options: ImportOptions, user, *, first_layer: bool = False
                   ) -> tuple[ImportRecord, PreparedLayer]:
    """Check, stage and read an upload; record it as previewed. Raises GISImportError, and the history
    records the refusal (who, when, file name and size, the reason): a file refused by the safety checks is
    not kept, one refused when read stays staged for ``recheck``. ``first_layer``: read the first layer of a
    file with several when none is chosen (the admin form lists them once the file is staged)."""
    record, staged = stage_file(upload, name, options, user)
    return _check(record, staged, options, user, first_layer)


def stage_file(upload, name: str, options: ImportOptions, user) -> tuple[ImportRecord, StagedUpload]:
    """Check an upload's safety and stage it for ``user``, as an import not read yet. Raises
    GISImportError (recorded in the history as a refusal, nothing kept) when the file is unsafe."""
    try:
        staged = stage_upload(upload, name)
    except GISImportError as exc:
        _record_refusal(user, name, getattr(upload, "size", 0) or 0, "", options, exc.message)
        raise
    record = ImportRecord.objects.create(
        user=user if getattr(user, "pk", None) else None, file_name=staged.name[:255], file_size=staged.size,
        format=staged.format, target=options.target, staging_dir=str(staged.workdir),
        options={"staged_path": str(staged.path.relative_to(staged.workdir)), "layers": _layers(staged)},
        status=ImportStatus.STAGED)
    return record, staged


def _layers(staged: StagedUpload) -> list[str]:
    """The layers of a file that may hold several (a single-layer file's is learnt when it is read)."""
    if handler_for(staged).single_layer:
        return []
    try:
        return layers_of(staged)
    except GISImportError:
        return []


def _read(staged: StagedUpload, options: ImportOptions, first_layer: bool) -> PreparedLayer:
    try:
        return read_and_prepare(staged, options)
    except LayerRequired:
        if not first_layer or options.layer:
            raise
    names = layers_of(staged)
    options.layer = names[0]
    prepared = read_and_prepare(staged, options)
    prepared.warnings.append(_("%(name)s contains %(count)d layers (%(list)s): the first, %(layer)s, is shown; "
                               "choose another under 'Layer'.") % {
        "name": staged.name, "count": len(names), "list": ", ".join(names), "layer": names[0]})
    return prepared


def _check(record: ImportRecord, staged: StagedUpload, options: ImportOptions, user, first_layer: bool
           ) -> tuple[ImportRecord, PreparedLayer]:
    """Read the staged file of ``record`` (held in the staged status) with ``options``: previewed, or refused
    with the reason, its file kept either way."""
    try:
        prepared = _read(staged, options, first_layer)
        require_rights(user, options, prepared.frame["code"])
    except GISImportError as exc:
        _refuse(record, options, exc.message)
        raise
    except BaseException:
        _refuse(record, options, _("%(name)s could not be checked: an unexpected error; nothing was saved.") % {
            "name": record.file_name})
        raise
    options.layer = prepared.layer
    layers = record.options.get("layers") or [prepared.layer]
    record.options = {**options.to_json(), "staged_path": record.options["staged_path"], "layers": layers,
                      # the zones' codes, for the page rights checked at confirm (plots need only their zone's)
                      "codes": list(prepared.frame["code"]) if options.target == ImportTarget.ZONES else []}
    record.layer, record.source_crs, record.target = prepared.layer[:255], prepared.source_crs, options.target
    record.zone_id = options.zone_id if options.target == ImportTarget.PLOTS else None
    record.read_count, record.refused_count = prepared.read_count, prepared.refused_count
    record.repaired_count, record.repaired, record.warnings = len(prepared.repaired), prepared.repaired, \
        prepared.warnings
    record.status, record.error, record.finished_at = ImportStatus.PREVIEWED, "", None
    record.save()
    return record, prepared


def _refuse(record: ImportRecord, options: ImportOptions, message: str) -> None:
    record.options = {**options.to_json(), "staged_path": record.options["staged_path"],
                      "layers": record.options.get("layers", [])}
    record.target = options.target
    record.zone_id = (ZonePage.objects.filter(pk=options.zone_id).values_list("pk", flat=True).first()
                      if options.target == ImportTarget.PLOTS and options.zone_id else None)
    record.status, record.error, record.finished_at = ImportStatus.REFUSED, message, timezone.now()
    record.read_count = record.refused_count = record.repaired_count = 0
    record.repaired, record.warnings = [], []
    record.save()


def _record_refusal(user, name: str, size: int, file_format: str, options: ImportOptions, message: str) -> None:
    now = timezone.now()
    ImportRecord.objects.create(
        user=user if getattr(user, "pk", None) else None, file_name=Path(str(name)).name[:255] or "upload",
        file_size=size, format=file_format, target=options.target,
        zone=ZonePage.objects.filter(pk=options.zone_id).first() if options.target == ImportTarget.PLOTS else None,
        status=ImportStatus.REFUSED, error=message, created_at=now, finished_at=now)


def staged_until(record: ImportRecord) -> datetime.datetime:
    """When the staged file of ``record`` expires."""
    return record.created_at + STAGED_FOR


def is_staged(record: ImportRecord) -> bool:
    """The record still holds a file that may be checked again (not imported, cancelled or expired)."""
    return record.status in RECHECKABLE and bool(record.staging_dir) and staged_until(record) > timezone.now()


def staged_token(record: ImportRecord) -> str:
    """What the upload form sends back instead of the file: it names ``record`` for its uploader only."""
    return signing.dumps({"record": record.pk, "user": record.user_id}, salt=_SIGNING_SALT)


def staged_record(token: str, user) -> ImportRecord:
    """The import whose staged file ``token`` names, if ``user`` uploaded it and it is still kept.

    Refused (DataRefused, naming the file when it is the user's) when the token is not the user's, or the
    file was imported, cancelled or has expired (an expired file is removed then)."""
    try:
        data = signing.loads(token, salt=_SIGNING_SALT)
    except signing.BadSignature:
        data = {}
    user_id = getattr(user, "pk", None)
    record = ImportRecord.objects.filter(pk=data.get("record"), user_id=user_id).first() if user_id else None
    if record is None or data.get("user") != user_id:
        raise DataRefused(_("This staged file is not one you uploaded; choose the file again."))
    if record.status not in RECHECKABLE or not record.staging_dir:
        raise DataRefused(_("%(name)s is no longer kept (it was imported, cancelled or expired); choose the file "
                            "again.") % {"name": record.file_name})
    if staged_until(record) <= timezone.now():
        drop_staged(record)
        days = STAGED_FOR.days
        raise DataRefused(ngettext("%(name)s was kept for %(days)d day after its upload and has expired; choose "
                                   "the file again.",
                                   "%(name)s was kept for %(days)d days after its upload and has expired; choose "
                                   "the file again.", days) % {"name": record.file_name, "days": days})
    return record


def recheck(record: ImportRecord, options: ImportOptions, user) -> tuple[ImportRecord, PreparedLayer]:
    """Check the staged file of ``record`` (from ``staged_record``) again with other options: previewed again,
    or refused with the reason; the file stays staged either way. Refused when it was confirmed meanwhile."""
    staged = staged_of(record)
    held = ImportRecord.objects.filter(pk=record.pk, status__in=RECHECKABLE).exclude(staging_dir="").update(
        status=ImportStatus.STAGED, error="", progress=0, started_at=None, finished_at=None)
    if not held:
        raise DataRefused(_("%(name)s is no longer kept (it was imported, cancelled or expired); choose the file "
                            "again.") % {"name": record.file_name})
    record.refresh_from_db()
    return _check(record, staged, options, user, first_layer=True)


def drop_staged(record: ImportRecord) -> None:
    """Forget a staged file the editor replaced with another (or that expired): a previewed import is
    cancelled, a refused one keeps its place in the history without its file."""
    if not record.cancel():
        record.discard_staged_files()


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
