"""Cost data the board keeps in the admin, each row with its source and the date it takes effect: the
USD–VND exchange rate, EVN's electricity tariff for production, the hours of each time band, regional minimum
wages, employer contributions on wages and the corporate income tax rate. The row in force on a date is the
latest that took effect on or before it."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .figures import SourcedFigure

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
POSITIVE = [MinValueValidator(Decimal("0"))]


class VoltageLevel(models.TextChoices):
    """EVN's voltage levels of the production tariff."""

    KV110_PLUS = "110kv_plus", _("110 kV and above")
    KV22_110 = "22_110kv", _("22 kV to under 110 kV")
    KV6_22 = "6_22kv", _("6 kV to under 22 kV")
    BELOW_6KV = "below_6kv", _("Under 6 kV")


class TimeBand(models.TextChoices):
    """EVN's time-of-day bands."""

    NORMAL = "normal", _("Normal hours")
    PEAK = "peak", _("Peak hours")
    OFF_PEAK = "off_peak", _("Off-peak hours")


class WageRegion(models.TextChoices):
    """The regions of the regional minimum wage."""

    I = "I", _("Region I")  # noqa: E741
    II = "II", _("Region II")
    III = "III", _("Region III")
    IV = "IV", _("Region IV")


class ContributionKind(models.TextChoices):
    """The employer's compulsory contributions on wages."""

    SOCIAL = "social", _("Social insurance (including occupational accidents and diseases)")
    HEALTH = "health", _("Health insurance")
    UNEMPLOYMENT = "unemployment", _("Unemployment insurance")


class EffectiveQuerySet(models.QuerySet):
    def in_force(self, on_date: datetime.date, **keys):
        """The row matching ``keys`` in force on ``on_date`` (the latest taking effect on or before it), or None."""
        return self.filter(effective_from__lte=on_date, **keys).order_by("-effective_from", "-pk").first()

    def in_force_each(self, on_date: datetime.date, field: str, **keys) -> dict:
        """The row in force on ``on_date`` for each value of ``field`` (each band, each kind), in one query."""
        found = {}
        for row in self.filter(effective_from__lte=on_date, **keys).order_by("-effective_from", "-pk"):
            found.setdefault(getattr(row, field), row)
        return found


class EffectiveFigure(SourcedFigure):
    """A sourced figure that takes effect on a date and stays in force until a later row replaces it.
    ``KEYS`` name the fields a row is in force for (a region, a voltage level and band)."""

    effective_from = models.DateField(_("in force from"))

    KEYS: tuple[str, ...] = ()

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-effective_from"]

    @classmethod
    def current_rows(cls, on_date: datetime.date) -> list:
        """The rows in force on ``on_date`` or taking effect later, one in force per key."""
        rows, seen = [], set()
        for row in cls.objects.order_by("-effective_from", "-pk"):
            key = tuple(getattr(row, name) for name in cls.KEYS)
            if row.effective_from > on_date:
                rows.append(row)
            elif key not in seen:
                seen.add(key)
                rows.append(row)
        return rows

    def _from(self) -> str:
        return date_format(self.effective_from, "SHORT_DATE_FORMAT") if self.effective_from else ""


class ExchangeRate(EffectiveFigure):
    """The USD–VND exchange rate used to show costs in both currencies."""

    vnd_per_usd = models.DecimalField(_("VND per USD"), max_digits=10, decimal_places=2,
                                      validators=[MinValueValidator(Decimal("1"))])

    panels = [FieldPanel("vnd_per_usd"), FieldPanel("effective_from"), *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("exchange rate USD–VND")
        verbose_name_plural = _("exchange rates USD–VND")

    def __str__(self):
        return f"1 USD = {self.vnd_per_usd} VND ({self._from()})"


class ElectricityTariff(EffectiveFigure):
    """EVN's price of electricity for production at one voltage level in one time band (VND/kWh)."""

    voltage_level = models.CharField(_("voltage level"), max_length=16, choices=VoltageLevel.choices)
    band = models.CharField(_("time band"), max_length=16, choices=TimeBand.choices)
    price_vnd_kwh = models.DecimalField(_("price (VND/kWh)"), max_digits=10, decimal_places=2, validators=POSITIVE)

    KEYS = ("voltage_level", "band")
    panels = [FieldPanel("voltage_level"), FieldPanel("band"), FieldPanel("price_vnd_kwh"),
              FieldPanel("effective_from"), *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("electricity tariff")
        verbose_name_plural = _("electricity tariffs")
        ordering = ["-effective_from", "voltage_level", "band"]

    def __str__(self):
        return f"{self.get_voltage_level_display()}, {self.get_band_display()}: {self.price_vnd_kwh} VND/kWh " \
               f"({self._from()})"


class ElectricityBandHours(EffectiveFigure):
    """The share of the hours of a week in one time band, for a plant running round the clock."""

    band = models.CharField(_("time band"), max_length=16, choices=TimeBand.choices)
    share_pct = models.DecimalField(_("share of hours (%)"), max_digits=6, decimal_places=3, validators=PERCENT)

    KEYS = ("band",)
    panels = [FieldPanel("band"), FieldPanel("share_pct"), FieldPanel("effective_from"), *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("hours of a time band")
        verbose_name_plural = _("hours of the time bands")

    def __str__(self):
        return f"{self.get_band_display()}: {self.share_pct}% ({self._from()})"


class MinimumWage(EffectiveFigure):
    """The regional minimum wage of one region (VND per month)."""

    region = models.CharField(_("region"), max_length=3, choices=WageRegion.choices)
    monthly_vnd = models.DecimalField(_("minimum wage (VND/month)"), max_digits=12, decimal_places=0,
                                      validators=POSITIVE)

    KEYS = ("region",)
    panels = [FieldPanel("region"), FieldPanel("monthly_vnd"), FieldPanel("effective_from"),
              *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("regional minimum wage")
        verbose_name_plural = _("regional minimum wages")
        ordering = ["-effective_from", "region"]

    def __str__(self):
        return f"{self.get_region_display()}: {self.monthly_vnd} VND ({self._from()})"


class EmployerContribution(EffectiveFigure):
    """A compulsory contribution the employer pays on wages (% of the wage)."""

    kind = models.CharField(_("contribution"), max_length=16, choices=ContributionKind.choices)
    rate_pct = models.DecimalField(_("rate (percentage of the wage)"), max_digits=5, decimal_places=2,
                                   validators=PERCENT)

    KEYS = ("kind",)
    panels = [FieldPanel("kind"), FieldPanel("rate_pct"), FieldPanel("effective_from"), *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("employer contribution")
        verbose_name_plural = _("employer contributions")
        ordering = ["-effective_from", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.rate_pct}% ({self._from()})"


class CorporateIncomeTaxRate(EffectiveFigure):
    """The standard corporate income tax rate."""

    rate_pct = models.DecimalField(_("standard rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT)

    panels = [FieldPanel("rate_pct"), FieldPanel("effective_from"), *SourcedFigure.source_panels]

    class Meta(EffectiveFigure.Meta):
        verbose_name = _("corporate income tax rate")
        verbose_name_plural = _("corporate income tax rates")

    def __str__(self):
        return f"{self.rate_pct}% ({self._from()})"
