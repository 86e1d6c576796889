"""One lifecycle for every import of an uploaded file (GIS files, spreadsheets):

    staged -> previewed -> running -> done | failed      (cancelled from staged or previewed)

``staged``: the file is kept, not yet checked as a whole (``started_at`` set while a check runs);
``previewed``: checked, its preview or report shown, waiting for the editor's confirmation;
``running``: confirmed and claimed (:meth:`ImportLifecycle.claim`, a conditional UPDATE: two confirmations
never run one import twice), then started once by whoever runs it (:meth:`ImportLifecycle.start`, another
conditional UPDATE, so a redelivered task leaves it alone). ``refused`` is a file refused at upload, recorded
for the history only (GIS imports keep those).

Concrete models subclass :class:`ImportLifecycle` and say where their staged files are
(:meth:`~ImportLifecycle.with_staged_files`, :meth:`~ImportLifecycle.discard_staged_files`);
:func:`remove_staged_files`, run daily by Celery beat, removes those of finished or abandoned imports of every
concrete model, found through the app registry.
"""

import datetime
import logging

from celery import shared_task
from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: An import still staged or previewed this long after its upload is abandoned: cancelled, its file removed.
ABANDONED_AFTER = datetime.timedelta(days=2)
PROGRESS_SECONDS = 3600


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Staged")
    PREVIEWED = "previewed", _("Previewed")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")


#: The statuses an import never leaves.
FINISHED = (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED, ImportStatus.REFUSED)
#: The statuses of an import waiting for the editor.
WAITING = (ImportStatus.STAGED, ImportStatus.PREVIEWED)


class ImportLifecycle(models.Model):
    """The status, progress, outcome and times of an import; subclasses add what they import and how."""

    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices,
                              default=ImportStatus.STAGED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    # -- what a concrete model says about its files --------------------------------------------------------

    @classmethod
    def with_staged_files(cls) -> Q:
        """The rows that still hold a staged file (a subclass with files overrides it)."""
        return Q(pk__in=[])

    def discard_staged_files(self) -> None:
        """Remove this import's staged file and forget it (saving the row); a subclass with files overrides it."""

    # -- the lifecycle ----------------------------------------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    def _move(self, allowed, **changes) -> bool:
        """Apply ``changes`` if the row's status is still one of ``allowed`` (one conditional UPDATE)."""
        moved = type(self).objects.filter(pk=self.pk, status__in=list(allowed)).update(**changes)
        if moved:
            for name, value in changes.items():
                setattr(self, name, value)
        return bool(moved)

    def preview_ready(self) -> bool:
        """A staged import was checked: it waits for the editor's confirmation."""
        return self._move([ImportStatus.STAGED, ImportStatus.PREVIEWED], status=ImportStatus.PREVIEWED,
                          started_at=None)

    def back_to_staged(self) -> bool:
        """The editor changed how to read the file: it must be checked again."""
        return self._move(WAITING, status=ImportStatus.STAGED, progress=0, started_at=None)

    def claim(self) -> bool:
        """Confirm a previewed import: True for exactly one caller, however many confirm it at once."""
        return self._move([ImportStatus.PREVIEWED], status=ImportStatus.RUNNING, progress=0, started_at=None,
                          error="")

    def start(self) -> bool:
        """Start a claimed import: True for exactly one runner (a redelivered task gets False)."""
        now = timezone.now()
        started = type(self).objects.filter(pk=self.pk, status=ImportStatus.RUNNING,
                                            started_at__isnull=True).update(started_at=now)
        if started:
            self.started_at = now
        return bool(started)

    def finished(self, **fields) -> None:
        """The import ran to its end: done, with ``fields`` (its counts, its report…) saved with it."""
        for name, value in fields.items():
            setattr(self, name, value)
        self.status, self.progress, self.finished_at = ImportStatus.DONE, 100, timezone.now()
        self.save(update_fields=["status", "progress", "finished_at", *fields])
        self.report_progress(100, persist=False)

    def fail(self, message: str, **fields) -> None:
        """Mark the import failed with the editor-facing ``message`` (and ``fields`` saved with it)."""
        for name, value in fields.items():
            setattr(self, name, value)
        self.status, self.error, self.finished_at = ImportStatus.FAILED, message, timezone.now()
        self.save(update_fields=["status", "error", "finished_at", *fields])

    def cancel(self) -> bool:
        """Drop a waiting import and its staged file; False when it was no longer waiting."""
        if not self._move(WAITING, status=ImportStatus.CANCELLED, finished_at=timezone.now()):
            return False
        self.discard_staged_files()
        return True

    # -- progress -------------------------------------------------------------------------------------------

    @property
    def _progress_key(self) -> str:
        return f"imports:progress:{self._meta.label_lower}:{self.pk}:{self.created_at.timestamp():.6f}"

    def report_progress(self, percent: int, *, persist: bool = True) -> None:
        """Record progress: in the cache always (visible while a transaction is open), in the row if asked."""
        percent = max(0, min(100, int(percent)))
        cache.set(self._progress_key, percent, PROGRESS_SECONDS)
        if persist:
            self.progress = percent
            type(self).objects.filter(pk=self.pk).update(progress=percent)

    def current_progress(self) -> int:
        """The latest progress, whichever of the cache and the row is further along."""
        if self.is_finished:
            return 100 if self.status == ImportStatus.DONE else self.progress
        return max(self.progress, int(cache.get(self._progress_key) or 0))


def lifecycle_models() -> list[type[ImportLifecycle]]:
    """Every concrete import model of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, ImportLifecycle)]


def remove_staged_files(now: datetime.datetime | None = None) -> int:
    """Remove the staged files of finished imports, and cancel (removing theirs) the imports abandoned for
    ``ABANDONED_AFTER``; returns how many imports lost their files."""
    now = now or timezone.now()
    removed = 0
    for model in lifecycle_models():
        abandoned = model.objects.filter(status__in=WAITING, created_at__lt=now - ABANDONED_AFTER)
        for record in abandoned:
            if record.cancel():
                removed += 1
        for record in model.objects.filter(model.with_staged_files(), status__in=FINISHED):
            record.discard_staged_files()
            removed += 1
    return removed


@shared_task(acks_late=True, soft_time_limit=10 * 60, time_limit=15 * 60, ignore_result=True)
def remove_staged_import_files() -> None:
    """Celery beat, daily: the staged files of finished or abandoned imports go (idempotent)."""
    count = remove_staged_files()
    if count:
        logger.info("removed the staged files of %d imports", count)
