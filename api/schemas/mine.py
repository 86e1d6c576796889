"""What the investor's own endpoints answer: their projects, their applications with the timeline and the due
date in working days, their enquiries. Only what the investor's own pages show (no officer's private notes,
no internal messages, no tracking key or file)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class Named(Schema):
    """A reference by code with its name in the asked language."""

    code: str
    name: str


class ProcedureProgress(Schema):
    """One procedure of the project's saved plan and how far the investor is with it."""

    procedure: Named
    state: str  # done, in_progress, not_started


class MyProject(Schema):
    """One of the investor's projects."""

    code: str
    name: str
    kind: str
    status: str
    status_label: str
    sector: Named | None = None
    zone: Named | None = None
    registered_on: date
    certificate_number: str
    certificate_date: date | None = None
    currency: str
    registered_capital: Decimal
    capital_usd: Decimal
    capital_vnd: Decimal
    foreign_share_pct: Decimal
    land_area_m2: Decimal | None = None
    open_applications: int
    finished_applications: int


class MyProjectDetail(MyProject):
    """One project with its saved plan's progress."""

    progress: list[ProcedureProgress]


class Deadline(Schema):
    """Where a dossier stands against its due date, in working days (``licensing.services.Deadline``)."""

    due_date: date | None = None
    days_left: int | None = None
    overdue: bool
    paused: bool
    finished: bool
    finished_on: date | None = None
    days_late: int | None = None


class StatusChange(Schema):
    """One row of the dossier's timeline."""

    from_status: str
    to_status: str
    to_status_label: str
    on: date
    at: datetime
    note: str
    gives_reasons: bool


class MyApplication(Schema):
    """One of the investor's dossiers."""

    id: int
    dossier_code: str
    project: str
    procedure: Named
    agency: Named
    status: str
    status_label: str
    submitted_on: date
    received_on: date | None = None
    resolved_on: date | None = None
    result_number: str
    deadline: Deadline
    updated_at: datetime


class MyApplicationDetail(MyApplication):
    """One dossier with its timeline."""

    timeline: list[StatusChange]


class MyEnquiry(Schema):
    """One of the investor's enquiries with its answer deadline."""

    reference: str | None = None
    topic: str
    status: str
    status_label: str
    received_at: datetime
    due_on: date
    days_left: int | None = None
    overdue: bool
    first_answered_at: datetime | None = None


class MyProjectList(Schema):
    next: str | None
    previous: str | None
    results: list[MyProject]


class MyApplicationList(Schema):
    next: str | None
    previous: str | None
    results: list[MyApplication]


class MyEnquiryList(Schema):
    next: str | None
    previous: str | None
    results: list[MyEnquiry]


class MyApplicationFilters(Schema):
    """What narrows the investor's dossiers."""

    state: Literal["open", "finished", "overdue"] | None = Field(
        None, description="`open`: not finished yet; `finished`: resolved, returned or withdrawn; `overdue`: "
                          "open, not paused, past its due date.")
    project: str | None = Field(None, description="The code of one of the caller's projects.")
