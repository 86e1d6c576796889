"""Schemas of the licensing resources: procedures in force, their versions, agencies and their performance."""

from datetime import date
from decimal import Decimal

from ninja import Schema


class AgencyRef(Schema):
    """The agency that resolves a procedure; ``url`` is its address in this API (agencies have no page of their
    own on the site: the procedure pages show their contacts)."""

    code: str
    name: str
    level: str
    level_label: str
    url: str


class ProcedureItem(Schema):
    """A procedure in force today, as the public list of procedures shows it."""

    code: str
    name: str
    agency: AgencyRef
    time_limit: int
    time_unit: str
    time_unit_label: str
    online_level: str
    online_level_label: str
    effective_from: date
    url: str


class Fee(Schema):
    amount: Decimal
    currency: str
    note: str


class RequiredDocument(Schema):
    name: str
    copies: int
    original: bool


class Step(Schema):
    name: str
    days: int
    mode: str
    mode_label: str
    group: str


class Condition(Schema):
    """When a procedure applies: the reason and the conditions in words."""

    reason: str
    conditions: str


class Prerequisite(Schema):
    """A procedure that must be resolved first (when it applies to the project)."""

    code: str
    name: str
    in_force: bool
    always: bool
    when: list[Condition]
    url: str | None


class LegalDocument(Schema):
    number: str
    title: str
    effective_from: date
    effective_to: date | None
    url: str


class Version(Schema):
    """One version of the procedure that has come into force, with the dates it is (or was) in force."""

    effective_from: date
    effective_to: date | None
    in_force: bool
    time_limit: int
    time_unit: str


class ProcedureDetail(ProcedureItem):
    """The version in force today, with everything the procedure's public page shows."""

    effective_to: date | None
    result: str
    portal_url: str
    when: list[Condition]
    fees: list[Fee]
    documents: list[RequiredDocument]
    steps: list[Step]
    prerequisites: list[Prerequisite]
    legal_basis: list[LegalDocument]
    versions: list[Version]


class Contacts(Schema):
    """The agency's contacts, as the procedure pages publish them ("" when unknown)."""

    one_stop_centre: str
    address: str
    phone: str
    email: str
    website: str
    opening_hours: str


class Performance(Schema):
    """Dossiers received in the period (the agency performance page's figures)."""

    received: int
    resolved: int
    on_time: int
    late: int
    overdue: int
    on_time_rate: float | None
    average_days: float | None


class Satisfaction(Schema):
    """Investors' ratings (1-5) of the dossiers resolved in the period."""

    average: float | None
    ratings: int


class AgencyItem(AgencyRef):
    """An agency with its contacts and its figures for the period asked."""

    contacts: Contacts
    procedures_in_force: int
    performance: Performance
    satisfaction: Satisfaction


class DateRange(Schema):
    """A period of dates, both included (open where null)."""

    date_from: date | None
    date_to: date | None


class ProcedurePerformance(Performance):
    """The performance page's figures for one procedure (by code) of the agency."""

    code: str
    label: str


class ProcessingTime(Schema):
    """The service-quality page's processing times for one procedure version: the time from receipt to
    decision on the statutory clock, in the unit of the statutory time."""

    code: str
    name: str
    time_limit: int
    time_unit: str
    closed: int
    median_days: float | None
    p90_days: float | None
    rating: float | None
    ratings: int


class AgencyDetail(AgencyItem):
    """An agency, its procedures in force, its performance (dossiers received in ``performance_period``) and
    its service quality (dossiers resolved in ``quality_period``, the last twelve months by default)."""

    procedures: list[ProcedureItem]
    performance_period: DateRange
    by_procedure: list[ProcedurePerformance]
    quality_period: DateRange
    processing_times: list[ProcessingTime]


class ProcedurePage(Schema):
    """A page of procedures: pass ``next`` (or ``previous``) as ``cursor`` to read on."""

    next: str | None
    previous: str | None
    results: list[ProcedureItem]


class AgencyPage(Schema):
    """A page of agencies: pass ``next`` (or ``previous``) as ``cursor`` to read on."""

    next: str | None
    previous: str | None
    results: list[AgencyItem]
