"""Where figures come from: the fields every sourced figure carries, the board's staleness period and the
figure sources of a zone's facts."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin

from core.translations import one_value

from ..figures import DEFAULT_STALE_AFTER_DAYS, Source, is_stale


class SourcedFigure(models.Model):
    """A figure that says where it comes from: the document or decision, a link, the date it is true at,
    who checked it and when, and whether it is illustrative (demo) data."""

    source = models.TextField(_("source"), blank=True,
                              help_text=_("The document or decision the figure comes from, with its number."))
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("The date the figure is true at."))
    checked_by = models.CharField(_("checked by"), max_length=120, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True,
                                  help_text=_("Leave empty until someone has checked the figure against its source."))
    illustrative = models.BooleanField(_("illustrative (demo) data"), default=False)

    source_panels = [MultiFieldPanel([
        FieldPanel("source"), FieldPanel("source_url"),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("checked_by"), FieldPanel("checked_on")]),
        FieldPanel("illustrative"),
    ], heading=_("Source"))]

    class Meta:
        abstract = True

    @property
    def checked(self) -> bool:
        """Whether someone has checked the figure against its source."""
        return self.checked_on is not None

    def source_info(self, *, on_date: datetime.date | None = None, stale_after_days: int | None = None) -> Source:
        """The figure's source, flagged ``stale`` when neither its "as of" date nor the day it was last checked
        falls within ``stale_after_days`` (the board's period) before ``on_date`` (today): a rate in force for
        years that an officer confirmed last month is current."""
        confirmed = max((day for day in (self.as_of, self.checked_on) if day is not None), default=None)
        return Source(text=self.source, url=self.source_url, as_of=self.as_of, checked_by=self.checked_by,
                      checked_on=self.checked_on, stale=is_stale(confirmed, on_date, stale_after_days),
                      illustrative=self.illustrative)


@register_setting(icon="date")
class FigureSettings(BaseGenericSetting):
    """How old a figure may be before the pages say it may be out of date."""

    stale_after_days = models.PositiveIntegerField(
        _("figures are out of date after (days)"), default=DEFAULT_STALE_AFTER_DAYS,
        help_text=_("A figure whose “as of” date and last check are both older than this is flagged “may be out "
                    "of date” on the pages and listed in “Figures to check”."))

    panels = [FieldPanel("stale_after_days")]

    class Meta:
        verbose_name = _("figure dates")


class ZoneFigure(models.TextChoices):
    """The groups of a zone's figures that each carry a source."""

    GENERAL = "general", _("Key facts")
    AREAS = "areas", _("Land areas")
    LAND_PRICE = "land_price", _("Land price")
    FEES = "fees", _("Management and infrastructure fees")
    POWER = "power", _("Power supply")
    WATER = "water", _("Water and wastewater")
    TELECOM_ROADS = "telecom_roads", _("Telecommunications and roads")
    DISTANCES = "distances", _("Distances")
    WAGE_REGION = "wage_region", _("Minimum wage region")


class ZoneFigureSource(TranslatableMixin, Orderable, SourcedFigure):
    """The source of one group of a zone's figures: its document's name is translated, the rest shared."""

    zone = ParentalKey("zones.ZonePage", on_delete=models.CASCADE, related_name="figure_sources")
    figure = models.CharField(_("figures"), max_length=20, choices=ZoneFigure.choices)

    panels = [FieldPanel("figure"), *SourcedFigure.source_panels]
    override_translatable_fields = one_value("checked_by")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("zone figure source")
        verbose_name_plural = _("zone figure sources")

    def __str__(self):
        return f"{self.zone.title}: {self.get_figure_display()}"
