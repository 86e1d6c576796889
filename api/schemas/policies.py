"""Schemas of the incentive policies resource: what a policy grants, its legal basis and dates, and who is
eligible, in words."""

import datetime

from ninja import Field, Schema

from ..params import IsoDate


class IncentiveItem(Schema):
    """One incentive a policy grants (a block of the policy's ``items``); empty figures are null."""

    type: str = Field(description="The kind of block: `incentive`.")
    title: str
    cit_rate_pct: float | None = Field(description="Corporate income tax rate (%).")
    cit_rate_years: int | None = Field(description="Years the preferential rate lasts.")
    exemption_years: int | None = Field(description="Years of tax exemption.")
    reduction_years: int | None = Field(description="Years of tax reduction after the exemption.")
    reduction_pct: float | None = Field(description="Reduction, % of the tax payable.")
    import_duty_exemption: bool = Field(description="Import duty exemption on goods forming fixed assets.")
    land_rent_exemption_years: int | None
    other: str


class EligibilityRuleInWords(Schema):
    """One way a project qualifies (a policy applies when any of its rules does), in the language asked."""

    reason: str = Field(description="Why the rule exists.")
    applies_when: str = Field(description="Its conditions in words: a group's joined by “and”, groups by “or”.")
    groups: list[list[str]] = Field(description="The conditions in words, by group: every condition of one "
                                                "group must hold. No group: every project qualifies.")


class PolicyLinks(Schema):
    api: str
    html: str | None


class Policy(Schema):
    """A published incentive policy in the language asked (in the language it was written when not translated
    yet)."""

    id: int = Field(description="The id of the policy's page in the language shown.")
    slug: str
    title: str
    language: str
    summary: str
    document_number: str
    document_title: str
    article: str
    effective_from: datetime.date | None
    effective_to: datetime.date | None
    in_force: bool = Field(description="In force today.")
    items: list[IncentiveItem]
    rules: list[EligibilityRuleInWords]
    url: str | None = Field(description="The policy's page on the site (absolute).")
    links: PolicyLinks
    last_published_at: datetime.datetime | None = Field(
        description="When the policy was last published, in any language.")


class PolicyDetail(Policy):
    body_html: str


class PolicyList(Schema):
    next: str | None
    previous: str | None
    results: list[Policy]


class PolicyFilters(Schema):
    in_force_on: IsoDate | None = Field(None, description="Only the policies in force on this day (YYYY-MM-DD).")
