"""API resources: licensing procedures (the versions in force today, as the public procedure pages show them) and
agencies with their performance (as the agency performance and service-quality pages compute it).

Lists are paged with an opaque ``cursor`` (``{"next", "previous", "results"}``); every figure comes from the
licensing services the public pages call, with the same filter forms."""

from datetime import datetime, timedelta
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from pydantic import model_validator
from wagtail.models import ModelLogEntry

from core.text import MAX_QUERY_LENGTH, fold, name_order
from licensing import catalogue, quality, services
from licensing.forms import PerformanceFilterForm, QualityPeriodForm
from licensing.models import (
    Agency,
    AgencyLevel,
    ApplicabilityRule,
    Application,
    DossierRating,
    LegalDocument,
    OnlineLevel,
    Procedure,
    ProcedureFee,
    ProcedurePrerequisite,
)

from .. import keyset
from ..conditional import last_modified, latest, start_of
from ..params import SLUG, IsoDate
from ..problems import COMMON, NOT_FOUND, form_errors
from ..schemas import licensing as schemas

router = Router(tags=["procedures"])
agencies_router = Router(tags=["agencies"])

#: The orderings of the procedure list; "agency" is the public page's (agency, then procedure, by name).
Ordering = Literal["agency", "name", "-name", "code", "-code", "time_limit", "-time_limit"]


#: A code of the catalogue (agencies, zones): a slug.
def catalogue_changed(procedures) -> datetime | None:
    """When what the catalogue shows last changed: the latest edit of a catalogue record in the admin, or the
    latest day one of ``procedures``' versions came into force or went out of it (two queries)."""
    today = timezone.localdate()
    dates = procedures.aggregate(started=Max("effective_from", filter=Q(effective_from__lte=today)),
                                 ended=Max("effective_to", filter=Q(effective_to__lt=today)))
    ended = dates["ended"] + timedelta(days=1) if dates["ended"] else None
    types = ContentType.objects.get_for_models(Agency, Procedure, LegalDocument, ApplicabilityRule).values()
    edited = ModelLogEntry.objects.filter(content_type__in=list(types)).aggregate(at=Max("timestamp"))["at"]
    return latest(edited, start_of(dates["started"]), start_of(ended))


def site_url(request, name: str, *args) -> str:
    """The absolute address of a public page, in the active language."""
    return request.build_absolute_uri(reverse(name, args=args))


def agency_ref(request, agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name, "level": agency.level,
            "level_label": agency.get_level_display(),
            "url": request.build_absolute_uri(reverse("api-v1:agency", args=[agency.code]))}


def procedure_item(request, procedure: Procedure) -> dict:
    return {"code": procedure.code, "name": procedure.name, "agency": agency_ref(request, procedure.agency),
            "time_limit": procedure.time_limit, "time_unit": procedure.time_unit,
            "time_unit_label": procedure.get_time_unit_display(), "online_level": procedure.online_level,
            "online_level_label": procedure.get_online_level_display(), "effective_from": procedure.effective_from,
            "url": site_url(request, "licensing:procedure", procedure.code)}


class ProcedureFilters(Schema):
    """Filters of the procedure list."""

    agency: str | None = Field(None, max_length=40, pattern=SLUG,
                               description="An agency's code (one no agency has: no procedure).")
    level: AgencyLevel | None = None
    online_level: OnlineLevel | None = None
    q: str | None = Field(None, max_length=MAX_QUERY_LENGTH, description="Words of the name or the code.")
    ordering: Ordering = "agency"


#: The sort key of a procedure for each ordering (the code last: it is unique); "agency" is the public list's.
PROCEDURE_KEYS = {
    "agency": lambda p: [name_order(p.agency.name).hex(), name_order(p.name).hex(), p.code],
    "name": lambda p: [name_order(p.name).hex(), p.code],
    "time_limit": lambda p: [p.time_limit, p.code],
    "code": lambda p: [p.code],
}


@router.get("/", response={200: schemas.ProcedurePage, **COMMON}, operation_id="list_procedures",
            summary="Procedures in force")
def list_procedures(request, response: HttpResponse, filters: Query[ProcedureFilters],
                    paging: Query[keyset.PageParams]):
    """The procedures in force today, as the public list shows them: by default grouped by agency (agencies
    and procedures by name in the language asked). ``agency`` is an agency's code, ``level`` its level,
    ``q`` words of the name or the code; ``ordering`` is one of agency, name, code, time_limit (``-`` before
    it reverses the order). An agency code that no agency has gives an empty list."""
    procedures = [procedure for group in services.procedures_by_agency(timezone.localdate())
                  for procedure in group["procedures"]]
    if filters.agency:
        procedures = [p for p in procedures if p.agency.code == filters.agency]
    if filters.level:
        procedures = [p for p in procedures if p.agency.level == filters.level]
    if filters.online_level:
        procedures = [p for p in procedures if p.online_level == filters.online_level]
    if filters.q:
        words = fold(filters.q).split()
        procedures = [p for p in procedures if all(word in fold(f"{p.code} {p.name}") for word in words)]
    page = keyset.page_of_list(request, procedures, PROCEDURE_KEYS[filters.ordering.lstrip("-")], filters.ordering,
                               filters.ordering.startswith("-"), paging)
    page["results"] = [procedure_item(request, p) for p in page["results"]]
    last_modified(response, catalogue_changed(Procedure.objects.all()))
    return page


def _conditions(pairs) -> list[dict]:
    return [{"reason": str(reason), "conditions": str(conditions)} for reason, conditions in pairs]


@router.get("/{code}", response={200: schemas.ProcedureDetail, **NOT_FOUND}, operation_id="get_procedure",
            summary="A procedure in force")
def get_procedure(request, response: HttpResponse,
                  code: str = Path(..., max_length=40, pattern=r"^[^\x00]+$", description="The national code.")):
    """The version of procedure ``code`` (its national code) in force today, with what its public page shows:
    agency, statutory time, fees, documents, steps, when it applies, prerequisites (and whether each is in force
    and when it applies), legal basis; and the dates of every version that has come into force."""
    today = timezone.localdate()
    procedure = (
        Procedure.objects.in_force(today).filter(code=code).select_related("agency")
        .prefetch_related("documents", "steps", "legal_basis",
                          Prefetch("fees", queryset=ProcedureFee.objects.order_by("pk")),
                          Prefetch("prerequisites", queryset=ProcedurePrerequisite.objects.select_related("requires")
                                   .order_by("requires__code")))
        .first())
    if procedure is None:
        raise Http404
    entries = catalogue.current().snapshot(today).entries
    entry = entries.get(procedure.code)
    prerequisites = []
    for prerequisite in procedure.prerequisites.all():
        required = prerequisite.requires
        in_force = required.code in entries
        prerequisites.append({
            "code": required.code, "name": (entries[required.code] if in_force else required).name,
            "in_force": in_force, "always": in_force and entries[required.code].applies_to_all,
            "when": _conditions(services.when_it_applies(entries[required.code])) if in_force else [],
            "url": site_url(request, "licensing:procedure", required.code) if in_force else None})
    # Versions that have come into force: one scheduled for later is not public until its day.
    versions = Procedure.objects.filter(code=code, effective_from__lte=today).order_by("effective_from")
    result = {
        **procedure_item(request, procedure), "effective_to": procedure.effective_to, "result": procedure.result,
        "portal_url": procedure.portal_url, "when": _conditions(services.when_it_applies(entry) if entry else []),
        "fees": [{"amount": fee.amount, "currency": fee.currency, "note": fee.note} for fee in procedure.fees.all()],
        "documents": [{"name": doc.name, "copies": doc.copies, "original": doc.original}
                      for doc in procedure.documents.all()],
        "steps": [{"name": step.name, "days": step.days, "mode": step.mode, "mode_label": step.get_mode_display(),
                   "group": step.group} for step in procedure.steps.all()],
        "prerequisites": prerequisites,
        "legal_basis": [{"number": doc.number, "title": doc.title, "effective_from": doc.effective_from,
                         "effective_to": doc.effective_to, "url": doc.url} for doc in procedure.legal_basis.all()],
        "versions": [{"effective_from": version.effective_from, "effective_to": version.effective_to,
                      "in_force": version.is_in_force(today), "time_limit": version.time_limit,
                      "time_unit": version.time_unit} for version in versions],
    }
    last_modified(response, catalogue_changed(versions))
    return result


# --- agencies ------------------------------------------------------------------------------------------------


class PerformancePeriod(Schema):
    """The period of the figures: dossiers received (performance) or resolved (service quality) in it; the two
    dates are read in order."""

    date_from: IsoDate | None = Field(None, description="The first day of the period (YYYY-MM-DD).")
    date_to: IsoDate | None = Field(None, description="The last day of the period (YYYY-MM-DD).")

    @model_validator(mode="after")
    def in_order(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            self.date_from, self.date_to = self.date_to, self.date_from
        return self


def _contacts(agency: Agency) -> dict:
    return {"one_stop_centre": agency.one_stop_centre, "address": agency.address, "phone": agency.phone,
            "email": agency.email, "website": agency.website, "opening_hours": agency.opening_hours}


PERFORMANCE_KEYS = ("received", "resolved", "on_time", "late", "overdue", "on_time_rate", "average_days")
NO_PERFORMANCE = {"received": 0, "resolved": 0, "on_time": 0, "late": 0, "overdue": 0, "on_time_rate": None,
                  "average_days": None}


def _performance(row: dict | None) -> dict:
    return {key: row[key] for key in PERFORMANCE_KEYS} if row else dict(NO_PERFORMANCE)


def _satisfaction(row: dict | None) -> dict:
    return {"average": row["average"], "ratings": row["ratings"]} if row else {"average": None, "ratings": 0}


def _period_query(period: PerformancePeriod) -> dict:
    """The period as the pages' filter forms read it."""
    return {key: day.isoformat() for key, day in period.dict().items() if day is not None}


def _performance_filters(period: PerformancePeriod, agency: Agency | None = None) -> dict:
    """The performance page's filter form's data for the query (the agency given by the path); a 400 problem
    naming the parameter when it is invalid."""
    data = _period_query(period)
    if agency is not None:
        data["agency"] = agency.pk
    form = PerformanceFilterForm(data)
    if not form.is_valid():
        raise form_errors(form, "date_from")
    return form.cleaned_data


def figures_changed(applications) -> datetime | None:
    """When the performance figures of ``applications`` last changed: a dossier or a rating saved, or the day
    began (open dossiers fall overdue and the default period moves with the date)."""
    dossiers = applications.aggregate(at=Max("updated_at"))["at"]
    ratings = DossierRating.objects.filter(application__in=applications).aggregate(at=Max("updated_at"))["at"]
    return latest(dossiers, ratings, start_of(timezone.localdate()))


class AgencyFilters(Schema):
    level: AgencyLevel | None = None


@agencies_router.get("/", response={200: schemas.AgencyPage, **COMMON}, operation_id="list_agencies",
                     summary="Agencies and their performance")
def list_agencies(request, response: HttpResponse, filters: Query[AgencyFilters], period: Query[PerformancePeriod],
                  paging: Query[keyset.PageParams]):
    """Every agency by name, with its public contacts, the number of its procedures in force and, as the agency
    performance page computes them, the figures of the dossiers received between ``date_from`` and
    ``date_to`` (all when not given) and the investors' satisfaction with those resolved in the period."""
    chosen = _performance_filters(period)
    today = timezone.localdate()
    agencies = Agency.objects.annotate(procedures_in_force=Count(
        "procedures", filter=Q(procedures__effective_from__lte=today)
        & (Q(procedures__effective_to__isnull=True) | Q(procedures__effective_to__gte=today))))
    if filters.level:
        agencies = agencies.filter(level=filters.level)
    agencies = list(agencies)
    figures = {row["agency_id"]: row for row in services.performance(
        "agency", chosen.get("date_from"), chosen.get("date_to"))}
    ratings = {row["agency_id"]: row for row in quality.agency_satisfaction(chosen.get("date_from"),
                                                                            chosen.get("date_to"))}

    def item(agency):
        return {**agency_ref(request, agency), "contacts": _contacts(agency),
                "procedures_in_force": agency.procedures_in_force,
                "performance": _performance(figures.get(agency.pk)),
                "satisfaction": _satisfaction(ratings.get(agency.pk))}

    page = keyset.page_of_list(request, agencies, lambda agency: [name_order(agency.name).hex(), agency.code], "name",
                               False, paging)
    page["results"] = [item(agency) for agency in page["results"]]
    last_modified(response, latest(catalogue_changed(Procedure.objects.all()),
                                   figures_changed(Application.objects.all())))
    return page


@agencies_router.get("/{code}", response={200: schemas.AgencyDetail, **NOT_FOUND}, operation_id="get_agency",
                     summary="An agency and its performance", url_name="agency")
def get_agency(request, response: HttpResponse, period: Query[PerformancePeriod],
               code: str = Path(..., max_length=40, pattern=SLUG, description="The agency's code.")):
    """An agency: its public contacts, its procedures in force, and its figures as the public pages compute
    them. ``performance`` and ``by_procedure`` are the agency performance page's (dossiers received between
    ``date_from`` and ``date_to``, all when not given); ``processing_times`` are the service-quality page's
    (dossiers resolved in the period, the last twelve months when not given: median and 90th percentile of the
    time taken beside the statutory time); ``satisfaction`` is the investors' rating of the dossiers resolved
    in the performance period. The two dates are read in order (a ``date_from`` after ``date_to`` is the
    same period as the two swapped)."""
    agency = get_object_or_404(Agency, code=code)
    chosen = _performance_filters(period, agency)
    quality_form = QualityPeriodForm(_period_query(period))
    if not quality_form.is_valid():
        raise form_errors(quality_form, "date_from")
    date_from, date_to = chosen.get("date_from"), chosen.get("date_to")
    default_from, default_to = quality.default_period()
    quality_from = quality_form.cleaned_data.get("date_from") or default_from
    quality_to = quality_form.cleaned_data.get("date_to") or default_to
    if quality_from > quality_to:  # only one bound given, beyond the default other one: as the page does
        quality_from, quality_to = default_from, default_to
    today = timezone.localdate()
    procedures = [p for group in services.procedures_by_agency(today) if group["agency"].pk == agency.pk
                  for p in group["procedures"]]
    totals = services.performance("agency", date_from, date_to, agency_id=agency.pk)
    by_procedure = services.performance("procedure", date_from, date_to, agency_id=agency.pk)
    ratings = [row for row in quality.agency_satisfaction(date_from, date_to) if row["agency_id"] == agency.pk]
    versions = Procedure.objects.filter(agency=agency).values_list("pk", flat=True)
    times = quality.processing_times(quality_from, quality_to, procedure_ids=versions)
    for procedure in procedures:
        procedure.agency = agency
    result = {
        **agency_ref(request, agency), "contacts": _contacts(agency), "procedures_in_force": len(procedures),
        "procedures": [procedure_item(request, p) for p in procedures],
        "performance_period": {"date_from": date_from, "date_to": date_to},
        "performance": _performance(totals[0] if totals else None),
        "satisfaction": _satisfaction(ratings[0] if ratings else None),
        "by_procedure": [{**_performance(row), "code": row["procedure__code"], "label": row["label"]}
                         for row in by_procedure],
        "quality_period": {"date_from": quality_from, "date_to": quality_to},
        "processing_times": [{key: row[key] for key in ("code", "name", "time_limit", "time_unit", "closed",
                                                        "median_days", "p90_days", "rating", "ratings")}
                             for row in times],
    }
    when = latest(catalogue_changed(Procedure.objects.filter(agency=agency)),
                  figures_changed(Application.objects.filter(agency=agency)))
    last_modified(response, when)
    return result
