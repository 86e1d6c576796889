"""Incentive policies and their eligibility rules, kept as data editors change in the admin."""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.text import name_order

from ..blocks import IncentiveItemBlock
from ..choices import ZoneKind
from ..fields import ZoneKindListField, split_codes


@dataclass(frozen=True)
class EligibilityFacts:
    """What a rule is checked against: a project profile with its location resolved."""

    zone_kind: str = ""
    zone_code: str = ""
    difficult_area: bool = False
    sector_code: str = ""
    capital_usd: Decimal = Decimal("0")
    employees: int = 0
    high_tech: bool = False
    difficult_reasons: tuple[str, ...] = field(default_factory=tuple)
    #: Zone titles by code, to name the zones of a rule in its reasons (the code when missing).
    zone_names: Mapping[str, str] = field(default_factory=dict, compare=False)


class IncentiveIndexPage(Page):
    """The list of incentive policies, with a link to the incentive finder."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["zones.IncentivePolicyPage"]
    max_count_per_parent = 1
    template = "zones/incentive_index_page.html"

    class Meta:
        verbose_name = _("incentive index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = sorted(IncentivePolicyPage.objects.child_of(self).live().public(),
                                     key=lambda policy: name_order(policy.title))
        return context


class IncentivePolicyPage(Page):
    """An investment incentive: what it grants, its legal basis and dates, and who is eligible."""

    summary = models.TextField(_("summary"))
    body = RichTextField(_("details"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    document_number = models.CharField(_("legal document number"), max_length=80, blank=True,
                                       help_text=_("e.g. 31/2021/NĐ-CP"))
    document_title = models.CharField(_("legal document title"), max_length=300, blank=True)
    article = models.CharField(_("article(s)"), max_length=120, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    items = StreamField([("incentive", IncentiveItemBlock())], blank=True, verbose_name=_("incentives"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("document_number"), FieldPanel("document_title"), FieldPanel("article"),
                         FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")])],
                        heading=_("Legal basis")),
        FieldPanel("items"),
        InlinePanel("rules", label=_("Eligibility rules"), min_num=1,
                    help_text=_("The policy applies when any rule matches; every condition set in a rule "
                                "must hold.")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("document_number")]
    parent_page_types = ["zones.IncentiveIndexPage"]
    subpage_types: list = []
    template = "zones/incentive_policy_page.html"

    class Meta:
        verbose_name = _("incentive policy")
        verbose_name_plural = _("incentive policies")

    def clean(self):
        super().clean()
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The policy cannot end before it starts.")})

    def is_effective_on(self, on_date: datetime.date | None = None) -> bool:
        """Whether the policy is in force on ``on_date`` (today by default)."""
        on_date = on_date or timezone.localdate()
        return (self.effective_from is None or self.effective_from <= on_date) and (
            self.effective_to is None or on_date <= self.effective_to)


class EligibilityRule(Orderable):
    """One way a project qualifies for a policy. Every condition that is set must hold (AND); a policy
    applies when any of its rules matches (OR)."""

    policy = ParentalKey(IncentivePolicyPage, on_delete=models.CASCADE, related_name="rules")
    label = models.CharField(_("label"), max_length=200,
                             help_text=_("Why a project matching this rule qualifies, shown to investors."))
    zone_kinds = ZoneKindListField(_("zone kinds"), help_text=_("The project is in a zone of one of these kinds."))
    zone_codes = models.CharField(_("named zones"), max_length=400, blank=True,
                                  help_text=_("Codes of zones, comma-separated (e.g. hoa-lu)."))
    difficult_area = models.BooleanField(_("in a difficult-area commune"), default=False)
    sector_prefixes = models.CharField(_("sector code prefixes"), max_length=400, blank=True,
                                       help_text=_("VSIC codes or their beginnings, comma-separated (e.g. 26, 2720)."))
    min_capital_usd = models.DecimalField(_("minimum capital (USD)"), max_digits=16, decimal_places=2, null=True,
                                          blank=True)
    min_employees = models.PositiveIntegerField(_("minimum employees"), null=True, blank=True)
    high_tech = models.BooleanField(_("high-tech project required"), default=False)

    panels = [
        FieldPanel("label"), FieldPanel("zone_kinds"), FieldPanel("zone_codes"), FieldPanel("difficult_area"),
        FieldPanel("sector_prefixes"),
        FieldRowPanel([FieldPanel("min_capital_usd"), FieldPanel("min_employees")]), FieldPanel("high_tech"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        for prefix in split_codes(self.sector_prefixes):
            if not re.fullmatch(r"[A-U]?\d*", prefix):
                raise ValidationError({"sector_prefixes": _("“%(code)s” is not a VSIC code.") % {"code": prefix}})

    def location_checks(self, facts: EligibilityFacts) -> list[tuple[bool, str]]:
        """The conditions on where the project is, as (met, reason) pairs."""
        checks: list[tuple[bool, str]] = []
        if self.zone_kinds:
            labels = ", ".join(str(ZoneKind(kind).label) for kind in self.zone_kinds if kind in ZoneKind.values)
            checks.append((facts.zone_kind in self.zone_kinds,
                           gettext("located in a zone of kind: %(kinds)s") % {"kinds": labels}))
        zone_codes = [code.lower() for code in split_codes(self.zone_codes)]
        if zone_codes:
            names = ", ".join(facts.zone_names.get(code, code) for code in zone_codes)
            checks.append((facts.zone_code.lower() in zone_codes,
                           gettext("located in one of the zones: %(codes)s") % {"codes": names}))
        if self.difficult_area:
            reason = gettext("located in a commune with difficult socio-economic conditions")
            if facts.difficult_area and facts.difficult_reasons:
                reason = f"{reason} ({', '.join(facts.difficult_reasons)})"
            checks.append((facts.difficult_area, reason))
        return checks

    def project_checks(self, facts: EligibilityFacts) -> list[tuple[bool, str]]:
        """The conditions on the project itself (sector, capital, employees, technology)."""
        checks: list[tuple[bool, str]] = []
        prefixes = split_codes(self.sector_prefixes)
        if prefixes:
            sector = normalise_sector_code(facts.sector_code)
            matched = bool(sector) and any(sector.startswith(normalise_sector_code(p)) for p in prefixes)
            reason = gettext("sector (VSIC) starting with %(prefixes)s") % {"prefixes": ", ".join(prefixes)}
            checks.append((matched, reason))
        if self.min_capital_usd is not None:
            checks.append((facts.capital_usd >= self.min_capital_usd,
                           gettext("capital of at least %(amount)s USD") % {"amount": f"{self.min_capital_usd:,.0f}"}))
        if self.min_employees is not None:
            checks.append((facts.employees >= self.min_employees,
                           gettext("at least %(n)s employees") % {"n": self.min_employees}))
        if self.high_tech:
            checks.append((facts.high_tech, gettext("a high-tech project")))
        return checks

    def evaluate(self, facts: EligibilityFacts) -> tuple[bool, list[str]]:
        """Whether ``facts`` satisfy every condition of the rule, and the reasons (the conditions checked)."""
        checks = self.location_checks(facts) + self.project_checks(facts)
        if not checks:
            return True, [gettext("applies to every project")]
        return all(ok for ok, _reason in checks), [reason for _ok, reason in checks]


def normalise_sector_code(code: str) -> str:
    """A VSIC code without its section letter when digits follow ("C2610" -> "2610")."""
    code = (code or "").strip().upper()
    if len(code) > 1 and code[0].isalpha() and code[1:].isdigit():
        return code[1:]
    return code
