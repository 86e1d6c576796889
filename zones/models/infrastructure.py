"""Infrastructure around the zones: substations, power lines, water and wastewater plants, main roads, rail,
ports, airports and border gates, drawn as switchable layers on the zone maps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.i18n import localized, other_languages_panel
from maps.geometry import GeometryMixin

from ..infrastructure import InfrastructureLayer, InfrastructureStatus
from .reference import TranslatedNameMixin


class InfrastructureFeature(TranslatedNameMixin, GeometryMixin, index.Indexed):
    """One piece of infrastructure: a point (a substation, a port), a line (a road, a power line) or an area
    (a plant's site), in one of the map's layers, existing or planned. ``code`` identifies it across imports."""

    code = models.SlugField(_("code"), max_length=80, unique=True,
                            help_text=_("A stable identifier; a GIS import updates the feature with the same code."))
    layer = models.CharField(_("layer"), max_length=20, choices=InfrastructureLayer.choices)
    status = models.CharField(_("status"), max_length=10, choices=InfrastructureStatus.choices,
                              default=InfrastructureStatus.EXISTING)
    details_vi = models.CharField(_("capacity or details (Vietnamese)"), max_length=255, blank=True)
    details_en = models.CharField(_("capacity or details (English)"), max_length=255, blank=True,
                                  help_text=_("E.g. 220/110 kV, 2 × 250 MVA; 30,000 m³/day."))
    details_ko = models.CharField(_("capacity or details (Korean)"), max_length=255, blank=True)
    details_ja = models.CharField(_("capacity or details (Japanese)"), max_length=255, blank=True)
    details_zh_hans = models.CharField(_("capacity or details (Simplified Chinese)"), max_length=255, blank=True)
    details_zh_hant = models.CharField(_("capacity or details (Traditional Chinese)"), max_length=255, blank=True)
    illustrative = models.BooleanField(_("illustrative (demo data)"), default=False)

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
        other_languages_panel("name"),
        FieldPanel("code"), FieldPanel("layer"), FieldPanel("status"),
        MultiFieldPanel([FieldPanel("details_vi"), FieldPanel("details_en")], heading=_("Capacity or details")),
        other_languages_panel("details"),
        FieldPanel("geometry", help_text=_('GeoJSON in WGS 84 (longitude, latitude): a Point, LineString or '
                                           'Polygon, e.g. {"type": "Point", "coordinates": [106.66, 11.48]}.')),
        FieldPanel("source_crs"), FieldPanel("illustrative"),
    ]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en"), index.FilterField("layer")]

    class Meta:
        verbose_name = _("infrastructure feature")
        verbose_name_plural = _("infrastructure features")
        ordering = ["layer", "name_vi"]

    @property
    def details(self) -> str:
        """The capacity or details in the active language."""
        return localized(self, "details")
