"""The GIS import history: one ImportRecord per uploaded GIS file, from preview to saved (or refused).

Its lifecycle (previewed -> running -> done / failed / cancelled; refused at upload) is ``core.imports``'s."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.imports import ABANDONED_AFTER, ImportLifecycle, ImportStatus
from maps.checks import FORMAT_LABELS, StagedUpload, upload_root

__all__ = ["ImportRecord", "ImportStatus", "ImportTarget", "StagedFileGone"]


class ImportTarget(models.TextChoices):
    ZONES = "zones", _("Zones")
    PLOTS = "plots", _("Plots of a zone")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure (roads, power, water, ports…)")


class StagedFileGone(Exception):
    """The staged file of an import is no longer in the private upload folder."""


class ImportRecord(ImportLifecycle):
    """Who imported which file, when, in which CRS, with what counts, warnings and outcome."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="gis_imports")
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=16, blank=True, choices=list(FORMAT_LABELS.items()))
    layer = models.CharField(_("layer"), max_length=255, blank=True)
    source_crs = models.CharField(_("source CRS"), max_length=64, blank=True)
    target = models.CharField(_("target"), max_length=16, choices=ImportTarget.choices, default=ImportTarget.ZONES)
    zone = models.ForeignKey("zones.ZonePage", verbose_name=_("zone"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    options = models.JSONField(_("options"), default=dict, blank=True)
    read_count = models.PositiveIntegerField(_("features read"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    repaired_count = models.PositiveIntegerField(_("repaired"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    repaired = models.JSONField(_("repairs"), default=list, blank=True)
    staging_dir = models.CharField(max_length=500, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    # The history of imports is no use of the zone or the user it names: no reference-index update (a queued
    # task) on each of its saves.
    wagtail_reference_index_ignore = True

    class Meta:
        db_table = "maps_importrecord"  # the table it had in the maps app
        verbose_name = _("GIS import")
        verbose_name_plural = _("GIS imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and bool(self.staging_dir)

    def staged_upload(self) -> StagedUpload:
        """The staged upload of this import (inside the private upload folder only)."""
        workdir = Path(self.staging_dir).resolve()
        if not self.staging_dir or upload_root().resolve() not in workdir.parents or not workdir.is_dir():
            raise StagedFileGone(self.staging_dir)
        path = (workdir / self.options.get("staged_path", "")).resolve()
        if workdir not in path.parents:
            raise StagedFileGone(self.staging_dir)
        return StagedUpload(name=self.file_name, size=self.file_size, format=self.format, workdir=workdir,
                            path=path)

    @classmethod
    def with_staged_files(cls) -> Q:
        # A file refused when read stays staged, for its uploader to check again with other options, until
        # it is as old as an abandoned import.
        kept = Q(status=ImportStatus.REFUSED, created_at__gte=timezone.now() - ABANDONED_AFTER)
        return ~Q(staging_dir="") & ~kept

    def discard_staged_files(self, *, save: bool = True) -> None:
        """Remove the staged folder (only ever one inside the private upload folder) and forget it (``save``:
        in the row at once; else the caller saves ``staging_dir`` with its next update)."""
        if not self.staging_dir:
            return
        workdir = Path(self.staging_dir).resolve()
        if upload_root().resolve() in workdir.parents:
            shutil.rmtree(workdir, ignore_errors=True)
        self.staging_dir = ""
        if save:
            type(self).objects.filter(pk=self.pk).update(staging_dir="")
