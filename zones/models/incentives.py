"""Incentive policies and their eligibility rules (rules of the shared engine, ``core.rules``), kept as data
editors change in the admin."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import RULE_PANELS, AbstractRule, AbstractRuleCondition
from core.text import name_order

from ..blocks import IncentiveItemBlock


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
                    help_text=_("The policy applies when any of its rules applies.")),
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


class EligibilityRule(Orderable, ClusterableModel, AbstractRule):
    """One way a project qualifies for a policy: a rule of the shared engine (``core.rules``). A policy
    applies when any of its rules applies."""

    policy = ParentalKey(IncentivePolicyPage, on_delete=models.CASCADE, related_name="rules")

    panels = RULE_PANELS

    class Meta(Orderable.Meta):
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")


class EligibilityCondition(AbstractRuleCondition):
    """A condition of an eligibility rule."""

    rule = ParentalKey(EligibilityRule, on_delete=models.CASCADE, related_name="conditions")

    class Meta(AbstractRuleCondition.Meta):
        pass
