"""The environmental group of a project as data: types of production at risk of pollution and the criteria
that put a project in group I, II or III (Law on Environmental Protection 2020, Art. 28; Decree
08/2022/NĐ-CP, Appendices II to V). Editors keep them in the admin; ``licensing.environment`` decides."""

from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.i18n import localized, other_languages_panel
from core.profile import EnvironmentalGroup
from core.rules import split_values

DECREE, DECREE_DATE = "08/2022/NĐ-CP", date(2022, 1, 10)


class PollutingActivity(models.Model):
    """A type of production, business or service at risk of polluting (Decree 08/2022/NĐ-CP, Appendix II),
    with the VSIC sectors it covers and the unit its capacity is measured in."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)
    item = models.CharField(_("item of Appendix II"), max_length=20, blank=True)
    sector_prefixes = models.CharField(_("VSIC sectors"), max_length=200, blank=True,
                                       help_text=_("Comma-separated VSIC codes or their beginnings, e.g. 1701, 131."))
    unit_vi = models.CharField(_("capacity unit (Vietnamese)"), max_length=80)
    unit_en = models.CharField(_("capacity unit (English)"), max_length=80)
    unit_ko = models.CharField(_("capacity unit (Korean)"), max_length=80, blank=True)
    unit_ja = models.CharField(_("capacity unit (Japanese)"), max_length=80, blank=True)
    unit_zh_hans = models.CharField(_("capacity unit (Simplified Chinese)"), max_length=80, blank=True)
    unit_zh_hant = models.CharField(_("capacity unit (Traditional Chinese)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
              FieldRowPanel([FieldPanel("item"), FieldPanel("sector_prefixes"), FieldPanel("sort_order")]),
              FieldRowPanel([FieldPanel("unit_vi"), FieldPanel("unit_en")]),
              other_languages_panel("name", "unit")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("type at risk of pollution")
        verbose_name_plural = _("types at risk of pollution")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def unit(self) -> str:
        return localized(self, "unit")

    @property
    def prefixes(self) -> list[str]:
        return split_values(self.sector_prefixes)


class CriterionTest(models.TextChoices):
    """What a criterion looks at in the questionnaire's answers."""

    CAPACITY = "capacity", _("Capacity of its type at risk of pollution, at least the threshold")
    SITE_AREA = "site_area", _("Site area (ha), at least the threshold")
    PROTECTED_AREA = "protected_area", _("Uses land of a protected area")
    FOREST = "forest", _("Forest land converted (ha), at least the threshold")
    RICE_LAND = "rice_land", _("Rice land converted (ha), at least the threshold")
    RELOCATION = "relocation", _("Residents relocated, at least the threshold")
    WATER_SOURCE = "water_source", _("Discharges wastewater into a source of drinking water")
    WASTE = "waste", _("Produces wastewater, dust, emissions or hazardous waste to treat")


class EnvironmentalCriterion(models.Model):
    """One criterion that puts a project in an environmental group, with its legal reference. Criteria are
    read from group I to III, in their order: the first one a project meets decides its group; a project
    that meets none is in group IV."""

    group = models.CharField(_("environmental group"), max_length=3,
                             choices=[c for c in EnvironmentalGroup.choices if c[0] != EnvironmentalGroup.IV])
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    test = models.CharField(_("what it looks at"), max_length=20, choices=CriterionTest.choices)
    activity = models.ForeignKey(PollutingActivity, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="criteria", verbose_name=_("type at risk of pollution"),
                                 help_text=_("For a capacity criterion."))
    threshold = models.DecimalField(_("threshold"), max_digits=16, decimal_places=2, null=True, blank=True,
                                    help_text=_("At least this much; empty for a yes-no criterion."))
    not_in_serviced_park = models.BooleanField(
        _("not inside a park with central wastewater treatment"), default=False,
        help_text=_("Tick when a project whose wastewater goes to an industrial park's central treatment plant "
                    "does not meet it."))
    text_vi = models.CharField(_("criterion (Vietnamese)"), max_length=400)
    text_en = models.CharField(_("criterion (English)"), max_length=400)
    text_ko = models.CharField(_("criterion (Korean)"), max_length=400, blank=True)
    text_ja = models.CharField(_("criterion (Japanese)"), max_length=400, blank=True)
    text_zh_hans = models.CharField(_("criterion (Simplified Chinese)"), max_length=400, blank=True)
    text_zh_hant = models.CharField(_("criterion (Traditional Chinese)"), max_length=400, blank=True)
    appendix = models.CharField(_("appendix"), max_length=10, help_text=_("III, IV or V."))
    item = models.CharField(_("item"), max_length=20, blank=True)
    decree = models.CharField(_("decree"), max_length=40, default=DECREE)
    decree_date = models.DateField(_("date of the decree"), default=DECREE_DATE)
    simplified = models.BooleanField(_("figures simplified"), default=False,
                                     help_text=_("Tick when the threshold or wording simplifies the appendix."))
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("sort_order"), FieldPanel("active")]),
        FieldRowPanel([FieldPanel("test"), FieldPanel("activity"), FieldPanel("threshold")]),
        FieldPanel("not_in_serviced_park"),
        FieldRowPanel([FieldPanel("text_vi"), FieldPanel("text_en")]),
        other_languages_panel("text"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("decree"), FieldPanel("decree_date")]),
                         FieldRowPanel([FieldPanel("appendix"), FieldPanel("item"), FieldPanel("simplified")])],
                        heading=_("Legal reference")),
    ]

    class Meta:
        ordering = ["group", "sort_order", "pk"]
        verbose_name = _("environmental criterion")
        verbose_name_plural = _("environmental criteria")

    def __str__(self):
        return f"{self.get_group_display()}: {self.text}"

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def reference(self) -> str:
        """The legal reference in words, in the active language."""
        if self.item:
            return _("Decree %(decree)s of %(date)s, Appendix %(appendix)s, item %(item)s") % {
                "decree": self.decree, "date": self.decree_date.strftime("%d/%m/%Y"), "appendix": self.appendix,
                "item": self.item}
        return _("Decree %(decree)s of %(date)s, Appendix %(appendix)s") % {
            "decree": self.decree, "date": self.decree_date.strftime("%d/%m/%Y"), "appendix": self.appendix}

    def met_by(self, answers) -> bool:
        """Whether a project with the questionnaire's ``answers`` (``licensing.environment.Answers``) meets it."""
        if self.not_in_serviced_park and answers.in_serviced_park:
            return False
        at_least = self.threshold if self.threshold is not None else Decimal("0")
        if self.test == CriterionTest.CAPACITY:
            return (self.activity_id is not None and answers.activity_id == self.activity_id
                    and answers.capacity is not None and answers.capacity >= at_least)
        measured = {CriterionTest.SITE_AREA: answers.site_area_ha, CriterionTest.FOREST: answers.forest_ha,
                    CriterionTest.RICE_LAND: answers.rice_land_ha, CriterionTest.RELOCATION: answers.relocated_people}
        if self.test in measured:
            value = measured[self.test]
            return value is not None and value > 0 and value >= at_least
        flags = {CriterionTest.PROTECTED_AREA: answers.protected_area, CriterionTest.WATER_SOURCE: answers.water_source,
                 CriterionTest.WASTE: answers.waste}
        return bool(flags.get(self.test))
