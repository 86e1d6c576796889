"""The GIS import history: one ImportRecord per uploaded GIS file, from preview to saved (or refused)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maps.checks import FORMAT_LABELS


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")


class ImportTarget(models.TextChoices):
    ZONES = "zones", _("Zones")
    PLOTS = "plots", _("Plots of a zone")


class ImportRecord(models.Model):
    """Who imported which file, when, in which CRS, with what counts, warnings and outcome."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="gis_imports")
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=16, blank=True, choices=list(FORMAT_LABELS.items()))
    layer = models.CharField(_("layer"), max_length=255, blank=True)
    source_crs = models.CharField(_("source CRS"), max_length=64, blank=True)
    target = models.CharField(_("target"), max_length=8, choices=ImportTarget.choices, default=ImportTarget.ZONES)
    zone = models.ForeignKey("zones.ZonePage", verbose_name=_("zone"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices,
                              default=ImportStatus.PREVIEWED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    read_count = models.PositiveIntegerField(_("features read"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    repaired_count = models.PositiveIntegerField(_("repaired"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    repaired = models.JSONField(_("repairs"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    staging_dir = models.CharField(max_length=500, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        db_table = "maps_importrecord"  # the table it had in the maps app
        verbose_name = _("GIS import")
        verbose_name_plural = _("GIS imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED, ImportStatus.REFUSED}

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and bool(self.staging_dir)

    @property
    def _progress_key(self) -> str:
        return f"zones:gis-import-progress:{self.pk}:{self.created_at.timestamp():.6f}"

    def report_progress(self, percent: int, *, persist: bool = True) -> None:
        """Record progress: in the cache always (visible while a transaction is open), in the row if asked."""
        percent = max(0, min(100, int(percent)))
        cache.set(self._progress_key, percent, 3600)
        if persist:
            self.progress = percent
            ImportRecord.objects.filter(pk=self.pk).update(progress=percent)

    def current_progress(self) -> int:
        """The latest progress, whichever of the cache and the row is further along."""
        return max(self.progress, int(cache.get(self._progress_key) or 0)) if not self.is_finished else (
            100 if self.status == ImportStatus.DONE else self.progress)

    def fail(self, message: str) -> None:
        """Mark the import failed with the editor-facing ``message``."""
        self.status = ImportStatus.FAILED
        self.error = message
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "finished_at"])
