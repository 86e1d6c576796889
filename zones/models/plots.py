"""Plots: the land parcels of a zone, their land use, status and price."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from maps.geometry import GeoJSONField, GeometryMixin

from ..admin_forms import PlotForm
from ..choices import LandUse, PlotStatus
from ..signals import plots_changed

# Land uses an investor can lease; green space, utilities and roads are not leasable.
LEASABLE_LAND_USES = (LandUse.INDUSTRIAL, LandUse.WAREHOUSE, LandUse.SERVICES)


class PlotQuerySet(models.QuerySet):
    def for_zone(self, zone):
        """The plots of ``zone`` in every language: plots belong to the zone, not to one translation."""
        return self.filter(zone__translation_key=zone.translation_key)

    def leasable(self):
        return self.filter(land_use__in=LEASABLE_LAND_USES)

    def available(self):
        return self.leasable().filter(status=PlotStatus.AVAILABLE)

    def set_status(self, status: str) -> int:
        """Give every plot of this queryset ``status`` in one UPDATE and send ``plots_changed`` once per zone
        touched (a bulk update sends no ``post_save``: the signal keeps the zones' land figures right).
        Returns the number of plots updated."""
        zone_ids = set(self.values_list("zone_id", flat=True))
        count = self.update(status=status)
        for zone in self.model._meta.get_field("zone").related_model.objects.filter(pk__in=zone_ids):
            plots_changed.send(sender=self.model, zone=zone)
        return count


class Plot(GeometryMixin, index.Indexed):
    """A land parcel inside a zone. Its area is measured from its geometry in a projected CRS."""

    # Stored whole and read whole, thousands at a time (plot maps, GIS imports): see GeoJSONField.
    geometry = GeoJSONField(_("geometry (GeoJSON, WGS 84)"), null=True, blank=True)
    # Lookups by zone use the (zone, code) unique constraint's index.
    zone = models.ForeignKey("zones.ZonePage", verbose_name=_("zone"), on_delete=models.CASCADE,
                             related_name="plots", db_index=False)
    code = models.CharField(_("code"), max_length=40)
    land_use = models.CharField(_("land use"), max_length=16, choices=LandUse.choices, default=LandUse.INDUSTRIAL)
    status = models.CharField(_("status"), max_length=16, choices=PlotStatus.choices, default=PlotStatus.AVAILABLE)
    price_override_usd = models.DecimalField(
        _("price (USD/m²)"), max_digits=10, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty to use the zone's price range."))
    notes = models.TextField(_("notes"), blank=True)

    objects = PlotQuerySet.as_manager()

    panels = [
        FieldPanel("zone"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("land_use"), FieldPanel("status")]),
        FieldPanel("price_override_usd"),
        MultiFieldPanel([FieldPanel("geometry"), FieldPanel("source_crs")], heading=_("Boundary")),
        FieldPanel("notes"),
    ]
    base_form_class = PlotForm
    search_fields = [index.SearchField("code"), index.FilterField("status"), index.FilterField("land_use"),
                     index.FilterField("zone")]

    class Meta:
        verbose_name = _("plot")
        verbose_name_plural = _("plots")
        ordering = ["zone", "code"]
        constraints = [models.UniqueConstraint(fields=["zone", "code"], name="zones_plot_code_unique_in_zone")]
        # A plain b-tree: status is matched exactly, never by prefix (db_index would add a LIKE index on PostgreSQL).
        indexes = [models.Index(fields=["status"], name="zones_plot_status_idx")]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        """Keep the bounding box and projected area in step with the geometry."""
        if self.geometry and (self.area_m2 is None or self.min_lon is None):
            self.set_geometry(self.shape, self.source_crs)
        super().save(*args, **kwargs)

    @property
    def area_ha(self) -> Decimal | None:
        return None if self.area_m2 is None else (Decimal(str(self.area_m2)) / 10_000).quantize(Decimal("0.01"))

    @property
    def is_leasable(self) -> bool:
        return self.land_use in LEASABLE_LAND_USES

    def price_usd(self, zone=None) -> Decimal | None:
        """The plot's own price, else the low end of its zone's range."""
        if self.price_override_usd is not None:
            return self.price_override_usd
        return (zone or self.zone).land_price_min_usd
