"""One run of a confirmed GIS import: started once, read again from the staged file batch by batch, each batch
saved as it is read, all of them in one transaction (or none at all), its staged file removed whatever the
outcome."""

import logging
import time

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from maps.checks import GISImportError, StagedUpload
from maps.importers.base import DataRefused

from ..models import ImportRecord, ImportStatus, ImportTarget, Plot
from ..models.gis_imports import StagedFileGone
from ..signals import plots_changed
from .infrastructure import save_infrastructure
from .options import ImportOptions
from .permissions import require_rights
from .preparing import PreparedBatches, target_index, target_zone
from .saving import PlotInserter, save_plots, save_zones

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
    record = ImportRecord.objects.select_related("user").get(pk=record_id)  # the user's rights are checked
    if not record.start():
        return record
    try:
        return _run(record)  # done or failed, whatever it met that the handlers expect
    except BaseException:
        record.refresh_from_db(fields=["status"])
        if record.status == ImportStatus.RUNNING:  # an error none of the handlers expected: never stuck running
            record.discard_staged_files()
            record.fail(_("The import stopped on an unexpected error; nothing was saved."))
        raise


#: Features read, checked and saved at a time: memory stays bounded by a batch whatever the file's size.
BATCH_FEATURES = 10_000


def _run(record: ImportRecord) -> ImportRecord:
    options = ImportOptions.from_json(record.options)
    try:
        staged = staged_of(record)
        record.report_progress(5, persist=False)  # the row says 0 until it is done: its status says it runs
        layer = PreparedBatches(staged, options, BATCH_FEATURES, zone=target_zone(options))
        with transaction.atomic():
            created, updated = _save_batches(record, options, layer)
        prepared = layer.summary
    except GISImportError as exc:
        record.discard_staged_files()
        record.fail(exc.message)
        return record
    except (ValidationError, DatabaseError) as exc:
        logger.warning("GIS import %s failed while saving: %s", record.pk, exc)
        record.discard_staged_files()
        record.fail(_("Nothing was saved: %(error)s") % {"error": "; ".join(getattr(exc, "messages", [str(exc)]))})
        return record
    record.discard_staged_files(save=False)  # forgotten in the same UPDATE as the outcome
    record.finished(staging_dir="", read_count=prepared.read_count, refused_count=prepared.refused_count,
                    created_count=created, updated_count=updated, repaired_count=len(prepared.repaired),
                    repaired=prepared.repaired, warnings=prepared.warnings, source_crs=prepared.source_crs)
    return record


def _save_batches(record: ImportRecord, options: ImportOptions, layer: PreparedBatches) -> tuple[int, int]:
    """Read, check and save ``layer`` batch by batch (inside the caller's transaction), the editor's rights
    checked for each batch; progress advances with every batch, by the feature count the preview read."""
    total = record.read_count
    created = updated = 0
    zone = layer.zone  # the plots' zone (None for zones and infrastructure), looked up once for the whole run
    index = target_index(options) if options.target == ImportTarget.ZONES else None
    taken = set(index.get_children().values_list("slug", flat=True)) if index is not None else None
    known_codes = set(Plot.objects.for_zone(zone).values_list("code", flat=True)) if zone is not None else None
    read_before = 0
    reporter = _Progress(record, total)
    with PlotInserter() as inserter:  # one COPY for the new plots of every batch, if nothing queries between
        for number, batch in enumerate(layer):
            if number == 0 or options.target == ImportTarget.ZONES:  # only the zones' rights depend on the codes
                require_rights(record.user, options, batch.frame["code"], zone=zone)
            progress = reporter.batch(read_before, batch.read_count, number)
            read_before = batch.read_count
            if options.target == ImportTarget.INFRASTRUCTURE:
                counts = save_infrastructure(batch, progress)
            elif options.target == ImportTarget.PLOTS:
                counts = save_plots(batch, zone, progress, notify=False, known_codes=known_codes, inserter=inserter)
            else:
                counts = save_zones(batch, index, options.publish, record.user, progress, taken)
            created, updated = created + counts[0], updated + counts[1]
    if zone is not None:
        plots_changed.send(sender=Plot, zone=zone)
    return created, updated


#: The least time between two progress reports while saving (each one is a cache write).
PROGRESS_EVERY = 0.5


class _Progress:
    """Progress (5-99 %) of the batches saved, reported at most every ``PROGRESS_EVERY`` seconds."""

    def __init__(self, record: ImportRecord, total: int):
        self.record, self.total, self.last = record, total, time.monotonic()

    def batch(self, read_before: int, read_after: int, number: int):
        """The progress callback of batch ``number``, holding the features ``read_before``..``read_after``."""
        return lambda fraction: self.report(read_before, read_after, number, fraction)

    def report(self, read_before: int, read_after: int, number: int, fraction: float) -> None:
        """Report the batch's share ``fraction`` saved (without a total, e.g. a record never previewed: each
        batch closes a tenth of the gap)."""
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        if self.total:
            share = (read_before + fraction * (read_after - read_before)) / self.total
        else:
            share = 1 - 0.9 ** (number + fraction)
        self.record.report_progress(5 + int(min(share, 1) * 94), persist=False)
