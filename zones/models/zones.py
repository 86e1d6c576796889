"""The zone index page and the zone page with its distances, gallery and brochures."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index

from core.translations import one_value
from maps.geometry import GeometryMixin

from ..admin_forms import ZonePageForm
from ..choices import PlotStatus, ZoneKind, ZoneStatus
from ..figures import stale_after_days
from ..listing import zone_index_context
from ..services import zone_page_context
from .plots import LEASABLE_LAND_USES, Plot


def _plot_area_sum(**filters):
    """A subquery: the area (m²) of the plots of the outer zone (in any language) matching ``filters``."""
    plots = (Plot.objects.filter(zone__translation_key=OuterRef("translation_key"), **filters)
             .order_by().values("zone__translation_key").annotate(total=Sum("area_m2")).values("total"))
    return Coalesce(Subquery(plots, output_field=FloatField()), Value(0.0))


def _plot_count():
    plots = (Plot.objects.filter(zone__translation_key=OuterRef("translation_key"))
             .order_by().values("zone__translation_key").annotate(n=models.Count("pk")).values("n"))
    return Coalesce(Subquery(plots, output_field=models.IntegerField()), Value(0))


class ZoneQuerySet(PageQuerySet):
    def with_land(self):
        """Annotate land figures in hectares, from the plots when the zone has plots, else as entered (None when
        not entered):
        ``plot_count``, ``leasable_ha``, ``available_ha``, ``leased_ha``, ``reserved_ha`` and
        ``occupancy_pct`` (leased share of leasable land)."""
        has_plots = Q(plot_count__gt=0)
        # A figure never entered stays None (the pages say "not yet given"); an entered 0 is 0.
        entered_leasable = Cast(F("leasable_area_ha"), FloatField())
        entered_leased = Cast(F("leased_area_ha"), FloatField())
        leased_or_zero = Cast(Coalesce(F("leased_area_ha"), Value(Decimal("0"))), FloatField())
        qs = self.annotate(
            plot_count=_plot_count(),
            plots_leasable_m2=_plot_area_sum(land_use__in=LEASABLE_LAND_USES),
            plots_available_m2=_plot_area_sum(land_use__in=LEASABLE_LAND_USES, status=PlotStatus.AVAILABLE),
            plots_leased_m2=_plot_area_sum(land_use__in=LEASABLE_LAND_USES, status=PlotStatus.LEASED),
            plots_reserved_m2=_plot_area_sum(land_use__in=LEASABLE_LAND_USES, status=PlotStatus.RESERVED),
        )
        qs = qs.annotate(
            leasable_ha=Case(When(has_plots, then=F("plots_leasable_m2") / 10_000.0), default=entered_leasable,
                             output_field=FloatField()),
            leased_ha=Case(When(has_plots, then=F("plots_leased_m2") / 10_000.0), default=entered_leased,
                           output_field=FloatField()),
            reserved_ha=Case(When(has_plots, then=F("plots_reserved_m2") / 10_000.0), default=Value(0.0),
                             output_field=FloatField()),
            available_ha=Case(When(has_plots, then=F("plots_available_m2") / 10_000.0),
                              default=entered_leasable - leased_or_zero, output_field=FloatField()),
        )
        return qs.annotate(occupancy_pct=Case(
            When(leasable_ha__gt=0, then=F("leased_ha") * 100.0 / F("leasable_ha")),
            default=Value(None), output_field=FloatField()))


    def land_for(self, zones: list) -> list:
        """Set on each of ``zones`` (pages already fetched) the attributes ``with_land`` annotates, with the same
        rules, from one grouped query over their plots: a page lists zones cheaper this way than through
        ``with_land``'s correlated subqueries, which the database runs again for each figure that reads them."""
        keys = {zone.translation_key for zone in zones}
        leasable = Q(land_use__in=LEASABLE_LAND_USES)
        rows = (Plot.objects.filter(zone__translation_key__in=keys).order_by().values("zone__translation_key")
                .annotate(n=models.Count("pk"), leasable=Sum("area_m2", filter=leasable),
                          available=Sum("area_m2", filter=leasable & Q(status=PlotStatus.AVAILABLE)),
                          leased=Sum("area_m2", filter=leasable & Q(status=PlotStatus.LEASED)),
                          reserved=Sum("area_m2", filter=leasable & Q(status=PlotStatus.RESERVED))))
        plots = {row["zone__translation_key"]: row for row in rows}
        for zone in zones:
            row = plots.get(zone.translation_key)
            if row:
                zone.plot_count = row["n"]
                zone.leasable_ha, zone.available_ha, zone.leased_ha, zone.reserved_ha = (
                    (row[name] or 0.0) / 10_000.0 for name in ("leasable", "available", "leased", "reserved"))
            else:
                entered_leasable = None if zone.leasable_area_ha is None else float(zone.leasable_area_ha)
                zone.plot_count, zone.reserved_ha = 0, 0.0
                zone.leasable_ha = entered_leasable
                zone.leased_ha = None if zone.leased_area_ha is None else float(zone.leased_area_ha)
                zone.available_ha = (None if entered_leasable is None
                                     else entered_leasable - float(zone.leased_area_ha or 0))
            zone.occupancy_pct = (zone.leased_ha * 100.0 / zone.leasable_ha
                                  if zone.leasable_ha and zone.leasable_ha > 0 and zone.leased_ha is not None
                                  else None)
        return zones

ZoneManager = PageManager.from_queryset(ZoneQuerySet)


class ZoneIndexPage(Page):
    """The list and map of the province's zones, with filters."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["zones.ZonePage"]
    max_count_per_parent = 1
    template = "zones/zone_index_page.html"

    class Meta:
        verbose_name = _("zone index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(zone_index_context(self, request.GET, request))
        return context


class PriceBasis(models.TextChoices):
    LEASE_TERM = "lease_term", _("for the remaining lease term (paid once)")
    YEAR = "year", _("per year")


class ZonePage(Page, GeometryMixin):
    """An industrial park or economic zone: key facts, land, prices, infrastructure, plots, boundary."""

    code = models.SlugField(_("code"), max_length=40, db_index=True,
                            help_text=_("A stable identifier shared by every translation, e.g. minh-hung-3."))
    kind = models.CharField(_("kind"), max_length=32, choices=ZoneKind.choices, default=ZoneKind.INDUSTRIAL_PARK)
    status = models.CharField(_("status"), max_length=32, choices=ZoneStatus.choices, default=ZoneStatus.OPERATING)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    communes = ParentalManyToManyField("zones.AdministrativeUnit", verbose_name=_("administrative units"),
                                       blank=True, related_name="zones",
                                       help_text=_("Communes (and the province) the zone lies in, past and present."))
    developer = models.CharField(_("developer"), max_length=200, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    decision_number = models.CharField(_("establishing decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("establishing decision date"), null=True, blank=True)
    total_area_ha = models.DecimalField(_("total area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True)
    industrial_land_ha = models.DecimalField(_("industrial land (ha)"), max_digits=10, decimal_places=2, null=True,
                                             blank=True)
    leasable_area_ha = models.DecimalField(_("leasable land (ha)"), max_digits=10, decimal_places=2, null=True,
                                           blank=True, help_text=_("Used when the zone has no plots."))
    leased_area_ha = models.DecimalField(_("leased land (ha)"), max_digits=10, decimal_places=2, null=True,
                                         blank=True, help_text=_("Used when the zone has no plots."))
    land_price_min_usd = models.DecimalField(_("land price from (USD/m²)"), max_digits=10, decimal_places=2,
                                             null=True, blank=True)
    land_price_max_usd = models.DecimalField(_("land price to (USD/m²)"), max_digits=10, decimal_places=2,
                                             null=True, blank=True)
    price_basis = models.CharField(_("price basis"), max_length=16, choices=PriceBasis.choices,
                                   default=PriceBasis.LEASE_TERM)
    management_fee_usd = models.DecimalField(_("management fee (USD/m²/year)"), max_digits=8, decimal_places=3,
                                             null=True, blank=True)
    infrastructure_fee_usd = models.DecimalField(_("infrastructure fee (USD/m²/year)"), max_digits=8,
                                                 decimal_places=3, null=True, blank=True)
    lease_term_end = models.DateField(_("lease term ends"), null=True, blank=True)
    target_sectors = ParentalManyToManyField("zones.Sector", verbose_name=_("target sectors"), blank=True,
                                             related_name="target_of_zones")
    restricted_sectors = ParentalManyToManyField("zones.Sector", verbose_name=_("restricted sectors"), blank=True,
                                                 related_name="restricted_in_zones")
    power_mva = models.DecimalField(_("power supply (MVA)"), max_digits=8, decimal_places=1, null=True, blank=True)
    water_supply_m3_day = models.PositiveIntegerField(_("water supply (m³/day)"), null=True, blank=True)
    wastewater_m3_day = models.PositiveIntegerField(_("wastewater treatment (m³/day)"), null=True, blank=True)
    water_price_vnd_m3 = models.DecimalField(_("water price (VND/m³)"), max_digits=10, decimal_places=0, null=True,
                                             blank=True)
    wastewater_price_vnd_m3 = models.DecimalField(_("wastewater treatment price (VND/m³)"), max_digits=10,
                                                  decimal_places=0, null=True, blank=True)
    telecom = models.TextField(_("telecommunications"), blank=True)
    roads = models.TextField(_("roads and transport"), blank=True)
    illustrative = models.BooleanField(_("illustrative boundaries"), default=False,
                                       help_text=_("Say on the page that boundaries and plots are illustrative."))

    objects = ZoneManager()

    # Text is translated; these are one value in every language (core.translations).
    override_translatable_fields = one_value(
        "code", "kind", "status", "contact_email", "contact_phone", "website", "decision_number", "decision_date",
        "total_area_ha", "industrial_land_ha", "leasable_area_ha", "leased_area_ha", "land_price_min_usd",
        "land_price_max_usd", "price_basis", "management_fee_usd", "infrastructure_fee_usd", "lease_term_end",
        "power_mva", "water_supply_m3_day", "wastewater_m3_day", "water_price_vnd_m3", "wastewater_price_vnd_m3",
        "illustrative", "geometry", "source_crs", "distances")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("summary"), FieldPanel("body"), FieldPanel("communes"),
        MultiFieldPanel([FieldPanel("developer"), FieldPanel("operator"), FieldPanel("contact_name"),
                         FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("website")],
                        heading=_("Developer and contacts")),
        MultiFieldPanel([FieldPanel("decision_number"), FieldPanel("decision_date")],
                        heading=_("Establishing decision")),
    ]
    land_panels = [
        MultiFieldPanel([FieldPanel("total_area_ha"), FieldPanel("industrial_land_ha"),
                         FieldPanel("leasable_area_ha"), FieldPanel("leased_area_ha")], heading=_("Areas")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("land_price_min_usd"), FieldPanel("land_price_max_usd")]),
                         FieldPanel("price_basis"),
                         FieldRowPanel([FieldPanel("management_fee_usd"), FieldPanel("infrastructure_fee_usd")]),
                         FieldPanel("lease_term_end")],
                        heading=_("Prices")),
        FieldPanel("target_sectors"), FieldPanel("restricted_sectors"),
    ]
    infrastructure_panels = [
        FieldRowPanel([FieldPanel("power_mva"), FieldPanel("water_supply_m3_day"), FieldPanel("wastewater_m3_day")]),
        FieldRowPanel([FieldPanel("water_price_vnd_m3"), FieldPanel("wastewater_price_vnd_m3")]),
        FieldPanel("telecom"), FieldPanel("roads"),
        InlinePanel("distances", label=_("Distances to named places")),
    ]
    map_panels = [
        FieldPanel("geometry"),
        FieldPanel("source_crs"), FieldPanel("illustrative"),
    ]
    source_panels = [InlinePanel("figure_sources", label=_("Sources of the figures"),
                                 help_text=_("Where each group of figures on the page comes from."))]
    media_panels = [InlinePanel("gallery_images", label=_("Gallery")),
                    InlinePanel("brochures", label=_("Brochures"))]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Zone")),
        ObjectList(land_panels, heading=_("Land and prices")),
        ObjectList(infrastructure_panels, heading=_("Infrastructure")),
        ObjectList(source_panels, heading=_("Sources")),
        ObjectList(map_panels, heading=_("Boundary")),
        ObjectList(media_panels, heading=_("Gallery and brochures")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])
    base_form_class = ZonePageForm
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body"),
                                          index.SearchField("developer"), index.FilterField("kind"),
                                          index.FilterField("status")]
    parent_page_types = ["zones.ZoneIndexPage"]
    subpage_types: list = []
    template = "zones/zone_page.html"

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def clean(self):
        super().clean()
        if self.land_price_min_usd and self.land_price_max_usd and self.land_price_min_usd > self.land_price_max_usd:
            raise ValidationError({"land_price_max_usd": _("The upper price is below the lower one.")})
        clash = ZonePage.objects.filter(code=self.code).exclude(translation_key=self.translation_key)
        if self.code and clash.exists():
            raise ValidationError({"code": _("Another zone already uses this code.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(zone_page_context(self, request))
        return context

    @cached_property
    def figure_source_map(self) -> dict:
        """The source of each group of the zone's figures (``zones.figures.Source`` by ``ZoneFigure`` value),
        the first row of a group where there are several."""
        rows = list(self.figure_sources.all())
        after_days = stale_after_days() if rows else None
        found: dict = {}
        for row in rows:
            found.setdefault(row.figure, row.source_info(stale_after_days=after_days))
        return found

    def all_plots(self):
        """The zone's plots (shared by every translation of the zone)."""
        return Plot.objects.for_zone(self)


class ZoneDistance(Orderable):
    """Road distance and travel time from a zone to a named place."""

    zone = ParentalKey(ZonePage, on_delete=models.CASCADE, related_name="distances")
    place = models.ForeignKey("zones.NamedPlace", verbose_name=_("place"), on_delete=models.PROTECT,
                              related_name="zone_distances")
    road_km = models.DecimalField(_("road distance (km)"), max_digits=7, decimal_places=1)
    travel_minutes = models.PositiveIntegerField(_("travel time (minutes)"), null=True, blank=True)

    panels = [FieldPanel("place"), FieldRowPanel([FieldPanel("road_km"), FieldPanel("travel_minutes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("distance")


class ZoneGalleryImage(TranslatableMixin, Orderable):
    """A picture of the zone: the image is shared by every language, the caption translated."""

    zone = ParentalKey(ZonePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE,
                              related_name="+")
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("gallery image")


class ZoneBrochure(TranslatableMixin, Orderable):
    """A downloadable document about the zone (brochure, price list, master plan): the document is shared by every
    language, the title translated."""

    zone = ParentalKey(ZonePage, on_delete=models.CASCADE, related_name="brochures")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("brochure")
