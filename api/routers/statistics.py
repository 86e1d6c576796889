"""API resource: the investment statistics of the public dashboard, for the same periods and filters, read
through the dashboard's own filter form and service functions."""

from dataclasses import replace
from datetime import date, datetime
from typing import Literal

from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from core.i18n import language as current_language
from core.i18n import localized
from projects import dashboard, statistics
from projects.choices import ProjectKind
from projects.countries import country_name
from projects.models import CapitalChange, ImportJob, ProjectStatusChange

from ..conditional import last_modified, latest, start_of
from ..params import SLUG, IsoDate
from ..problems import COMMON, form_errors
from ..schemas import statistics as schemas

router = Router(tags=["statistics"])

FIGURE_KEYS = tuple(schemas.Figures.model_fields)


class DashboardFilters(Schema):
    """The dashboard's filters (its form's fields, with the same names and values)."""

    period: Literal["term", "year", "half", "quarter", "month", "custom"] | None = None
    year: int | None = Field(None, ge=1990, le=2100)
    number: int | None = Field(None, ge=1, le=12, description="The half (1-2), quarter (1-4) or month (1-12).")
    start: IsoDate | None = Field(None, description="The first day of a custom period (YYYY-MM-DD).")
    end: IsoDate | None = Field(None, description="The last day of a custom period (YYYY-MM-DD).")
    kind: ProjectKind | None = None
    zone: str | None = Field(None, max_length=40, pattern=SLUG, description="A zone's code.")
    commune: int | None = Field(None, ge=1, le=2**63 - 1, description="An administrative unit's id.")
    sector: str | None = Field(None, pattern=r"^\d{2}$", description="A VSIC division (two digits).")
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$", description="An ISO 3166 alpha-2 code.")


#: The days a custom period may cover: the dashboard's years.
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)


def registry_changed() -> datetime | None:
    """When the registry's figures last changed: the latest capital change's day, status change or finished
    import (three queries)."""
    day = CapitalChange.objects.aggregate(at=Max("date"))["at"]
    moved = ProjectStatusChange.objects.aggregate(at=Max("created_at"))["at"]
    imported = ImportJob.objects.filter(finished_at__isnull=False).aggregate(at=Max("finished_at"))["at"]
    return latest(start_of(day), moved, imported)


def _period(period: statistics.Period) -> dict:
    return {"start": period.start, "end": period.end, "unit": period.unit, "label": str(period.label)}


def _ranked(rows: list[dict]) -> list[dict]:
    return [{"key": str(row["key"]), "name": str(row.get("name") or row["key"]), "projects": row["projects"],
             "capital_usd": row["capital_usd"], "capital_vnd": row["capital_vnd"], "lon": row["lon"],
             "lat": row["lat"]} for row in rows]


def _project(request, row: dict, language: str) -> dict:
    return {"code": row["code"], "name": localized(row, "name", language), "kind": row["kind"],
            "registered_on": row["registered_on"], "lead_country": row["lead_country"],
            "country": country_name(row["lead_country"], language) if row["lead_country"] else "",
            "zone": row["zone_name"] or "", "sector": localized(row, "sector__name", language),
            "currency": row["currency"], "registered_capital": row["registered_capital"],
            "capital_usd": row["capital_usd"],
            "url": request.build_absolute_uri(reverse("projects:project", args=[row["id"]]))}


@router.get("/", response={200: schemas.Statistics, **COMMON}, operation_id="get_statistics",
            summary="Investment statistics")
def get_statistics(request, response: HttpResponse, filters: Query[DashboardFilters]):
    """What the public investment dashboard shows for a period and filters: projects and capital (registered,
    adjusted, disbursed) with the previous period and the change in percent, cumulative valid FDI, the top
    investor countries and sectors, zones and communes, the series over time and the latest projects.

    ``period`` is term (2020–2025, the default), year, half, quarter, month (with ``year`` and ``number``) or
    custom (with ``start`` and ``end``); ``kind`` (domestic, fdi), ``zone`` (a zone's code), ``commune`` (an
    administrative unit's id), ``sector`` (a VSIC division) and ``country`` (ISO 3166 alpha-2) narrow the
    figures; a code that nothing has gives empty figures. ``number`` beyond the periods of a year reads as the
    last one (3-12 as the second half, 5-12 as the fourth quarter). A custom period runs from ``start`` to
    ``end``, read in order and within the dashboard's years (a day before 1990 is read as 1 January 1990, one
    after 2100 as 31 December 2100); as on the dashboard, without both it is the term (``period.unit`` says
    which)."""
    language = current_language()
    asked = {name: value for name, value in filters.dict().items() if value is not None}
    for name in ("start", "end"):
        if name in asked:
            asked[name] = min(max(asked[name], FIRST_DAY), LAST_DAY)
    period_fields = ("period", "year", "number", "start", "end", "kind")
    form = dashboard.filter_form({name: str(asked[name]) for name in period_fields if name in asked} or None,
                                 language)
    if form.is_bound and not form.is_valid():
        raise form_errors(form, "period")
    period, chosen = dashboard.period_and_filters(form)
    # The places, sectors and countries are narrowed to as asked: one that nothing has gives empty figures.
    chosen = replace(chosen, zone=filters.zone or "", commune=filters.commune, sector=filters.sector or "",
                     country=(filters.country or "").upper())
    shown = dashboard.dashboard_data(period, chosen, language)
    figures = shown["figures"]
    result = {
        "period": _period(period), "previous_period": _period(figures["previous_period"]),
        "filters": {"kind": chosen.kind, "zone": chosen.zone, "commune": chosen.commune, "sector": chosen.sector,
                    "country": chosen.country},
        "as_of": shown["as_of"], "beyond_registry": shown["beyond_registry"],
        "source": {"text": shown["source"].text, "as_of": shown["source"].as_of, "stale": shown["source"].stale},
        "figures": {key: figures[key] for key in (*FIGURE_KEYS, "disbursed_vnd", "disbursed_usd")},
        "previous": {key: figures["previous"][key] for key in FIGURE_KEYS},
        "change_pct": figures["change_pct"],
        "cumulative_fdi": shown["cumulative"],
        "by_country": _ranked(shown["by_country"]), "by_sector": _ranked(shown["by_sector"]),
        "by_zone": _ranked(shown["by_zone"]), "by_commune": _ranked(shown["by_commune"]),
        "series": statistics.series(period, chosen),
        "projects": [_project(request, row, language) for row in shown["rows"]],
    }
    last_modified(response, registry_changed())
    return result
