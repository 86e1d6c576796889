"""Schemas of the statistics resource: the public investment dashboard's figures."""

from datetime import date
from decimal import Decimal

from ninja import Schema


class Period(Schema):
    """A closed date range and the calendar unit it was asked as (term, year, half, quarter, month, custom)."""

    start: date
    end: date
    unit: str
    label: str


class Figures(Schema):
    """Projects and capital of a period: registered (new registrations), adjusted (increases, decreases,
    contributions) and their total, all projects, domestic ones and FDI ones, in VND and USD."""

    projects: int
    registered_vnd: Decimal
    registered_usd: Decimal
    adjusted_vnd: Decimal
    adjusted_usd: Decimal
    total_vnd: Decimal
    total_usd: Decimal
    domestic_projects: int
    domestic_registered_vnd: Decimal
    domestic_registered_usd: Decimal
    domestic_adjusted_vnd: Decimal
    domestic_adjusted_usd: Decimal
    domestic_total_vnd: Decimal
    domestic_total_usd: Decimal
    fdi_projects: int
    fdi_registered_vnd: Decimal
    fdi_registered_usd: Decimal
    fdi_adjusted_vnd: Decimal
    fdi_adjusted_usd: Decimal
    fdi_total_vnd: Decimal
    fdi_total_usd: Decimal
    adjustments: int


class CurrentFigures(Figures):
    """The period's figures with the capital disbursed by its projects."""

    disbursed_vnd: Decimal
    disbursed_usd: Decimal


class Cumulative(Schema):
    """Valid FDI projects on ``as_of`` and their capital after every change up to then."""

    projects: int
    capital_usd: Decimal
    capital_vnd: Decimal
    as_of: date


class Source(Schema):
    text: str
    as_of: date | None
    stale: bool


class Ranked(Schema):
    """A group (country, sector division, zone or commune) with its projects and capital in the period."""

    key: str
    name: str
    projects: int
    capital_usd: Decimal
    capital_vnd: Decimal
    lon: float | None
    lat: float | None


class SeriesPoint(Schema):
    """New projects and capital of one month, quarter or year of the period."""

    bucket: str
    domestic_projects: int
    fdi_projects: int
    domestic_registered_vnd: Decimal
    fdi_registered_usd: Decimal
    adjusted_usd: Decimal


class ProjectRow(Schema):
    """A project registered in the period (the dashboard's table: its public columns)."""

    code: str
    name: str
    kind: str
    registered_on: date
    lead_country: str
    country: str
    zone: str
    sector: str
    currency: str
    registered_capital: Decimal
    capital_usd: Decimal | None
    url: str


class Filters(Schema):
    """The filters applied ("" or null when not)."""

    kind: str
    zone: str
    commune: int | None
    sector: str
    country: str


class Statistics(Schema):
    """Everything the investment dashboard shows for the period and filters."""

    period: Period
    previous_period: Period
    filters: Filters
    as_of: date | None
    beyond_registry: bool
    source: Source
    figures: CurrentFigures
    previous: Figures
    change_pct: dict[str, Decimal | None]
    cumulative_fdi: Cumulative
    by_country: list[Ranked]
    by_sector: list[Ranked]
    by_zone: list[Ranked]
    by_commune: list[Ranked]
    series: list[SeriesPoint]
    projects: list[ProjectRow]
