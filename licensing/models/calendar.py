"""Compensatory working and rest days the government announces each year, kept as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarExceptionKind(models.TextChoices):
    WORKING = "working", _("Working day (e.g. a Saturday worked in exchange)")
    REST = "rest", _("Rest day (e.g. a bridge day off)")


class CalendarException(models.Model):
    """A day whose status differs from the weekend / public-holiday rule."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarExceptionKind.choices)
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"
