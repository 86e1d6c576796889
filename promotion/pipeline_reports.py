"""The pipeline's figures, each computed by the database: leads, capital and jobs by stage, owner, country and
sector; conversion from stage to stage; time spent in each stage; why leads were lost.

"Expected" capital and jobs weigh each lead by its likelihood. A lead *reached* a stage when its history holds a
move to that stage or to a later one of the funnel (a lead registered straight from "qualified" went through
"site visit" and "committed" as far as the funnel is concerned), so conversion never exceeds 100%."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.i18n import columns, localized
from projects.countries import country_name

from .models import FUNNEL, OPEN_STAGES, Lead, LeadStage, LeadStageChange, LostReason

MONEY = DecimalField(max_digits=20, decimal_places=2)
CENTS = Decimal("0.01")
ZERO = Decimal("0")
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Filters:
    """Which leads a list or a report covers; empty values filter nothing. ``created_from`` and ``created_to``
    bound the (local) day the lead was created, both included."""

    stage: str = ""
    owner: object = None
    country: str = ""
    sector: object = None
    created_from: date | None = None
    created_to: date | None = None
    overdue: bool = False


def leads(filters: Filters = Filters(), today: date | None = None):
    """The leads the filters keep, the ones whose next action is due soonest first (none last)."""
    queryset = Lead.objects.select_related("owner", "sector", "project", "enquiry")
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.owner is not None:
        queryset = queryset.filter(owner=filters.owner)
    if filters.country:
        queryset = queryset.filter(country=filters.country.upper())
    if filters.sector is not None:
        sector = Q(sector=filters.sector)
        if filters.sector.code.isdigit():
            sector |= Q(sector__code__startswith=filters.sector.code)
        queryset = queryset.filter(sector)
    if filters.created_from is not None:
        queryset = queryset.filter(created_at__date__gte=filters.created_from)
    if filters.created_to is not None:
        queryset = queryset.filter(created_at__date__lte=filters.created_to)
    if filters.overdue:
        queryset = queryset.overdue(today or timezone.localdate())
    return queryset.order_by(F("next_action_on").asc(nulls_last=True), "-created_at", "-pk")


def _totals() -> dict:
    # Named apart from the fields: an annotation called "capital_usd" would hide the column from F().
    expected = ExpressionWrapper(F("capital_usd") * F("likelihood") / Value(100), output_field=MONEY)
    expected_jobs = ExpressionWrapper(F("jobs") * F("likelihood") / Value(100.0), output_field=MONEY)
    return {"n": Count("pk"), "total_capital": Coalesce(Sum("capital_usd"), Value(ZERO), output_field=MONEY),
            "total_expected_capital": Coalesce(Sum(expected), Value(ZERO), output_field=MONEY),
            "total_jobs": Coalesce(Sum("jobs"), 0),
            "total_expected_jobs": Coalesce(Sum(expected_jobs), Value(ZERO), output_field=MONEY)}


EMPTY = {"n": 0, "total_capital": ZERO, "total_expected_capital": ZERO, "total_jobs": 0, "total_expected_jobs": ZERO}


def _row(label: str, key, values: dict) -> dict:
    return {"key": key, "label": label, "count": values["n"],
            "capital_usd": Decimal(values["total_capital"]).quantize(CENTS),
            "expected_capital_usd": Decimal(values["total_expected_capital"]).quantize(CENTS),
            "jobs": values["total_jobs"],
            "expected_jobs": int(Decimal(values["total_expected_jobs"]).quantize(Decimal("1")))}


def totals(filters: Filters = Filters()) -> dict:
    """All the filtered leads together, and the open ones."""
    base = leads(filters).order_by()
    return {"all": _row(_("All leads"), "", base.aggregate(**_totals())),
            "open": _row(_("Open leads"), "open", base.open().aggregate(**_totals()))}


def by_stage(filters: Filters = Filters()) -> list[dict]:
    """One row per stage, in the funnel's order then lost (stages without leads included, at zero)."""
    found = {row["stage"]: row for row in leads(filters).order_by().values("stage").annotate(**_totals())}
    return [_row(str(stage.label), stage.value, found.get(stage.value, EMPTY)) for stage in LeadStage]


def _owner_name(values: dict) -> str:
    if values["owner"] is None:
        return _("No owner")
    full = f"{values['owner__first_name']} {values['owner__last_name']}".strip()
    return full or values["owner__username"]


def by_owner(filters: Filters = Filters()) -> list[dict]:
    """One row per owner (and one for leads without an owner), most leads first."""
    rows = (leads(filters).order_by().values("owner", "owner__username", "owner__first_name", "owner__last_name")
            .annotate(**_totals()).order_by("-n", "owner__username"))
    return [_row(_owner_name(row), row["owner"], row) for row in rows]


def by_country(filters: Filters = Filters(), language: str | None = None) -> list[dict]:
    """One row per investor country (named in ``language``), most leads first."""
    language = language or get_language() or "en"
    rows = leads(filters).order_by().values("country").annotate(**_totals()).order_by("-n", "country")
    return [_row(country_name(row["country"], language) if row["country"] else _("Unknown country"),
                 row["country"], row) for row in rows]


def by_sector(filters: Filters = Filters(), language: str | None = None) -> list[dict]:
    """One row per sector (code and name in ``language``), most leads first."""
    rows = (leads(filters).order_by().values("sector", "sector__code", *columns("sector__name", language))
            .annotate(**_totals()).order_by("-n", "sector__code"))
    result = []
    for row in rows:
        name = localized(row, "sector__name", language)
        label = (f"{row['sector__code']} · {name}" if name else row["sector__code"]) if row["sector"] else _(
            "Unknown sector")
        result.append(_row(label, row["sector"], row))
    return result


def reached(filters: Filters = Filters()) -> dict[str, int]:
    """How many of the filtered leads reached each stage of the funnel (see the module's note), one query."""
    counts = leads(filters).order_by().aggregate(**{
        stage.value: Count("pk", distinct=True, filter=Q(stage_history__to_stage__in=FUNNEL[index:]))
        for index, stage in enumerate(FUNNEL)})
    return {stage.value: counts[stage.value] for stage in FUNNEL}


def _pct(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1")) if whole else None


def conversion(filters: Filters = Filters()) -> list[dict]:
    """For each step of the funnel: leads that reached the stage, those of them that reached the next one and
    the rate (None when no lead reached the stage)."""
    counts = reached(filters)
    return [{"from": stage.value, "to": following.value,
             "label": f"{stage.label} → {following.label}",
             "reached": counts[stage.value], "converted": counts[following.value],
             "rate": _pct(counts[following.value], counts[stage.value])}
            for stage, following in zip(FUNNEL, FUNNEL[1:], strict=False)]


def _days(value: timedelta | None) -> Decimal | None:
    return (Decimal(value.total_seconds()) / Decimal(DAY.total_seconds())).quantize(Decimal("0.1")) \
        if value is not None else None


def _stays(filters: Filters):
    """Every completed stay in a stage: a history row and how long until the lead's next move."""
    later = LeadStageChange.objects.filter(lead=OuterRef("lead")).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))).order_by("at", "pk")
    return (LeadStageChange.objects.filter(lead__in=leads(filters).order_by().values("pk"))
            .annotate(left_at=Subquery(later.values("at")[:1]))
            .filter(left_at__isnull=False)
            .annotate(duration=ExpressionWrapper(F("left_at") - F("at"), output_field=DurationField())))


def _median(stays, count: int) -> timedelta | None:
    """The median of ``count`` durations, picked by the database (the middle one or two, in order)."""
    if not count:
        return None
    middle = list(stays.order_by("duration", "pk").values_list("duration", flat=True)[(count - 1) // 2:count // 2 + 1])
    return sum(middle, timedelta()) / len(middle)


def time_in_stage(filters: Filters = Filters(), now: datetime | None = None) -> list[dict]:
    """Per stage: completed stays (count, average and median days until the next move) and the open leads now
    in it with the average days they have waited there."""
    now = now or timezone.now()
    stays = _stays(filters)
    done = {row["to_stage"]: row for row in stays.order_by().values("to_stage").annotate(
        stays=Count("pk"), average=Avg("duration"))}
    waiting = {row["stage"]: row for row in leads(filters).open().order_by().values("stage").annotate(
        waiting=Count("pk"),
        waited=Avg(ExpressionWrapper(Value(now) - F("stage_since"), output_field=DurationField())))}
    rows = []
    for stage in (*OPEN_STAGES, LeadStage.REGISTERED, LeadStage.LOST):
        completed = done.get(stage.value, {"stays": 0, "average": None})
        current = waiting.get(stage.value, {"waiting": 0, "waited": None})
        rows.append({"stage": stage.value, "label": str(stage.label), "stays": completed["stays"],
                     "average_days": _days(completed["average"]),
                     "median_days": _days(_median(stays.filter(to_stage=stage.value), completed["stays"])),
                     "waiting": current["waiting"], "waited_days": _days(current["waited"])})
    return rows


def lost_reasons(filters: Filters = Filters()) -> list[dict]:
    """The lost leads by reason, most frequent first."""
    rows = (leads(filters).order_by().filter(stage=LeadStage.LOST).values("lost_reason")
            .annotate(count=Count("pk")).order_by("-count", "lost_reason"))
    return [{"key": row["lost_reason"], "count": row["count"],
             "label": str(LostReason(row["lost_reason"]).label) if row["lost_reason"] in LostReason.values
             else _("No reason given")} for row in rows]


@dataclass
class Report:
    """Every figure of the pipeline page for one set of filters."""

    filters: Filters
    totals: dict = field(default_factory=dict)
    by_stage: list = field(default_factory=list)
    by_owner: list = field(default_factory=list)
    by_country: list = field(default_factory=list)
    by_sector: list = field(default_factory=list)
    conversion: list = field(default_factory=list)
    time_in_stage: list = field(default_factory=list)
    lost_reasons: list = field(default_factory=list)


def report(filters: Filters = Filters(), now: datetime | None = None) -> Report:
    """All the figures for ``filters`` (the stage and overdue filters are ignored: the report spans stages)."""
    filters = Filters(owner=filters.owner, country=filters.country, sector=filters.sector,
                      created_from=filters.created_from, created_to=filters.created_to)
    return Report(filters=filters, totals=totals(filters), by_stage=by_stage(filters), by_owner=by_owner(filters),
                  by_country=by_country(filters), by_sector=by_sector(filters), conversion=conversion(filters),
                  time_in_stage=time_in_stage(filters, now), lost_reasons=lost_reasons(filters))


def chart_data(figures: Report) -> dict:
    """What the page's charts draw (read by the browser from a json_script element): numbers as numbers,
    names as plain text that the script never treats as HTML."""
    def number(value):
        return float(value) if value is not None else None

    return {
        "stages": {"labels": [row["label"] for row in figures.by_stage],
                   "count": [row["count"] for row in figures.by_stage],
                   "capital": [number(row["capital_usd"]) for row in figures.by_stage],
                   "expected": [number(row["expected_capital_usd"]) for row in figures.by_stage]},
        "owners": {"labels": [row["label"] for row in figures.by_owner],
                   "count": [row["count"] for row in figures.by_owner]},
        "countries": {"labels": [row["label"] for row in figures.by_country],
                      "count": [row["count"] for row in figures.by_country]},
        "sectors": {"labels": [row["label"] for row in figures.by_sector],
                    "count": [row["count"] for row in figures.by_sector]},
        "conversion": {"labels": [row["label"] for row in figures.conversion],
                       "rate": [number(row["rate"]) for row in figures.conversion]},
        "time": {"labels": [row["label"] for row in figures.time_in_stage],
                 "average": [number(row["average_days"]) for row in figures.time_in_stage],
                 "median": [number(row["median_days"]) for row in figures.time_in_stage]},
        "text": {"count": _("Leads"), "capital": _("Capital (USD)"), "expected": _("Expected capital (USD)"),
                 "rate": _("Conversion (%)"), "average": _("Average days"), "median": _("Median days")},
    }
