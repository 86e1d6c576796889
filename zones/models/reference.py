"""Reference data editors keep as snippets: administrative units, VSIC sectors and named places."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.i18n import localized, other_languages_panel
from maps.geometry import GeometryMixin

from .costs import WageRegion


class LocalizedNameMixin(models.Model):
    """``name_vi`` / ``name_en`` with ``name`` in the active language (falling back to English)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return localized(self, "name")


class TranslatedNameMixin(LocalizedNameMixin):
    """A reference name kept in every site language: ``name_ko``, ``name_ja``, ``name_zh_hans`` and
    ``name_zh_hant`` beside the Vietnamese and English ones."""

    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)

    class Meta:
        abstract = True


class AdministrativeUnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (abolished 2025-07-01)")
    COMMUNE = "commune", _("Commune / ward")


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, on_date: datetime.date | None = None):
        """Units that exist on ``on_date`` (today by default)."""
        on_date = on_date or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on_date),
                           Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))


class AdministrativeUnit(TranslatedNameMixin, index.Indexed):
    """A province, (historical) district or commune, valid for a period. Mergers are data: a unit that
    ceased to exist has ``valid_to`` set and points to the unit(s) that replaced it."""

    level = models.CharField(_("level"), max_length=16, choices=AdministrativeUnitLevel.choices)
    code = models.CharField(_("code"), max_length=16, unique=True,
                            help_text=_("Official unit code; add a suffix for a unit re-created under a new code."))
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField("self", verbose_name=_("replaced by"), symmetrical=False, blank=True,
                                        related_name="predecessors")
    difficult_conditions = models.BooleanField(
        _("difficult socio-economic conditions"), default=False,
        help_text=_("Listed as an area with (especially) difficult socio-economic conditions (Decree 31/2021)."))
    wage_region = models.CharField(
        _("minimum wage region"), max_length=3, choices=WageRegion.choices, blank=True,
        help_text=_("The region of the regional minimum wage decree; a commune left empty takes its parent's."))

    objects = AdministrativeUnitQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
        other_languages_panel("name"),
        FieldPanel("level"), FieldPanel("code"), FieldPanel("parent"),
        MultiFieldPanel([FieldPanel("valid_from"), FieldPanel("valid_to"), FieldPanel("successors")],
                        heading=_("Validity")),
        FieldPanel("difficult_conditions"), FieldPanel("wage_region"),
    ]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en"), index.FilterField("level")]

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "name_vi"]

    def __str__(self):
        if self.valid_to and self.valid_to < timezone.localdate():
            return gettext("%(name)s (until %(date)s)") % {"name": self.name,
                                                           "date": date_format(self.valid_to, "SHORT_DATE_FORMAT")}
        return self.name

    def is_valid_on(self, on_date: datetime.date | None = None) -> bool:
        """Whether the unit exists on ``on_date`` (today by default)."""
        on_date = on_date or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or self.valid_to >= on_date)

    def current(self, on_date: datetime.date | None = None) -> list["AdministrativeUnit"]:
        """The unit(s) standing for this one on ``on_date`` (today by default): itself while it exists, else
        the units that replaced it, followed through later mergers; itself when no successor is recorded."""
        found, seen, pending = [], set(), [self]
        while pending:
            unit = pending.pop(0)
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            successors = [] if unit.is_valid_on(on_date) else list(
                unit.successors.select_related("parent__parent").order_by("code"))
            if successors:
                pending[:0] = successors
            else:
                found.append(unit)
        return found

    def wage_region_on(self, on_date: datetime.date | None = None) -> str:
        """The minimum wage region of the unit(s) standing for this one on ``on_date`` (its own, else its
        parent's), the highest-paid one when they differ; empty when none is recorded."""
        regions = []
        for unit in self.current(on_date):
            while unit is not None and not unit.wage_region:
                unit = unit.parent
            if unit is not None:
                regions.append(unit.wage_region)
        return min(regions, key=WageRegion.values.index, default="")


class SectorLevel(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division (2 digits)")
    GROUP = "group", _("Group (3 digits)")
    CLASS = "class", _("Class (4 digits)")
    SUBCLASS = "subclass", _("Subclass (5 digits)")


class Sector(TranslatedNameMixin, index.Indexed):
    """An economic activity in the Vietnam Standard Industrial Classification (VSIC 2018), with the plain words
    investors use for it (keywords) and whether its names were checked against the decision."""

    code = models.CharField(_("VSIC 2018 code"), max_length=6, unique=True,
                            help_text=_("A section letter (C) or 2–5 digits (26, 2610)."))
    level = models.CharField(_("level"), max_length=16, choices=SectorLevel.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    keywords_en = models.TextField(_("keywords (English)"), blank=True,
                                   help_text=_("Words investors use for this activity, separated by commas."))
    keywords_vi = models.TextField(_("keywords (Vietnamese)"), blank=True,
                                   help_text=_("Words investors use for this activity, separated by commas."))
    keywords_ko = models.TextField(_("keywords (Korean)"), blank=True)
    keywords_ja = models.TextField(_("keywords (Japanese)"), blank=True)
    keywords_zh_hans = models.TextField(_("keywords (Simplified Chinese)"), blank=True)
    keywords_zh_hant = models.TextField(_("keywords (Traditional Chinese)"), blank=True)
    checked = models.BooleanField(_("name checked against the decision"), default=False,
                                  help_text=_("The names were compared with Decision 27/2018/QĐ-TTg."))
    source = models.TextField(_("source"), blank=True, help_text=_("Where the names and keywords come from."))

    panels = [FieldPanel("code"), FieldPanel("level"),
              MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
              other_languages_panel("name"),
              FieldPanel("parent"),
              MultiFieldPanel([FieldPanel("keywords_en"), FieldPanel("keywords_vi")], heading=_("Keywords")),
              other_languages_panel("keywords"),
              MultiFieldPanel([FieldPanel("checked"), FieldPanel("source")], heading=_("Source"))]
    search_fields = [index.SearchField("code"), index.SearchField("name_vi"), index.SearchField("name_en"),
                     index.SearchField("keywords_en"), index.SearchField("keywords_vi")]

    class Meta:
        verbose_name = _("sector (VSIC)")
        verbose_name_plural = _("sectors (VSIC)")
        ordering = ["code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """Code and name in the active language: "2610 · Manufacture of electronic components"."""
        return f"{self.code} · {self.name}" if self.name else self.code

    def lineage(self) -> list["Sector"]:
        """The sector's ancestors from its section down, then the sector itself (one query per level not
        already loaded: select ``parent__parent__parent__parent`` to read a list of sectors)."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def path(self, language: str | None = None) -> str:
        """Where the sector sits in the classification, in ``language`` (the active one by default):
        "C Manufacturing › 26 Manufacture of computer, electronic and optical products › 2610 …"."""
        return " › ".join(f"{node.code} {localized(node, 'name', language)}".strip() for node in self.lineage())

    def keywords(self, language: str | None = None) -> list[str]:
        """The keywords in ``language`` (the active one by default, falling back like the names)."""
        return [word.strip() for word in localized(self, "keywords", language).split(",") if word.strip()]


class NamedPlaceKind(models.TextChoices):
    SEAPORT = "seaport", _("Seaport")
    AIRPORT = "airport", _("Airport")
    BORDER_GATE = "border_gate", _("Border gate")
    CITY = "city", _("City")
    DRY_PORT = "dry_port", _("Dry port")
    RAILWAY_STATION = "railway_station", _("Railway station")


class NamedPlace(TranslatedNameMixin, GeometryMixin, index.Indexed):
    """A place investors measure distances to: a port, an airport, a border gate, a city."""

    kind = models.CharField(_("kind"), max_length=20, choices=NamedPlaceKind.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    panels = [MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
              other_languages_panel("name"),
              FieldPanel("kind"), FieldPanel("code"),
              FieldPanel("geometry", help_text=_('A GeoJSON point, e.g. {"type": "Point", "coordinates": '
                                                 '[106.66, 10.82]} (longitude, latitude).'))]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en")]

    class Meta:
        verbose_name = _("named place")
        verbose_name_plural = _("named places")
        ordering = ["kind", "name_en"]

    @property
    def lon_lat(self) -> tuple[float, float] | None:
        """The point (or bounding-box centre) as (longitude, latitude)."""
        if self.min_lon is None:
            return None
        return ((self.min_lon + self.max_lon) / 2, (self.min_lat + self.max_lat) / 2)
