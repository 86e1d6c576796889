"""Investment statistics as database aggregates: counts, registered and adjusted capital, cumulative FDI,
rankings, change against the previous period and time series, for any period and filter.

Definitions (as Vietnam's FDI statistics use them):
- a project counts in the period of its registration (its "new registration" capital change);
- registered capital = the amounts of the new registrations in the period;
- adjusted capital = increases minus decreases plus contributions / share purchases in the period;
- cumulative valid FDI at a date = FDI projects registered by then and not terminated by then, with their
  capital after every change up to that date;
- a project's country is the country of its largest foreign shareholder (VN for domestic projects).
Every figure is one query whatever the amount of data; nothing loops over projects in Python."""

import calendar
import datetime
import functools
import threading
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Avg, Case, Count, DecimalField, F, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Substr, TruncMonth, TruncQuarter, TruncYear
from django.db.models.query import ValuesIterable
from django.utils import numberformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.i18n import columns, locale_code, localized
from core.i18n import language as core_language
from zones.figures import Source, is_stale
from zones.models import ZonePage

from .choices import CapitalChangeKind, ProjectKind, ProjectStatus
from .models import MONEY, CapitalChange, Project

ZERO = Decimal("0")
MONEY_FIELD = DecimalField(**MONEY)
# Terms of office: first and last year. The article counts "since the start of the 2020–2025 term".
TERMS = {"2020-2025": (2020, 2025), "2025-2030": (2025, 2030)}
CURRENT_TERM = "2020-2025"
ADJUSTMENTS = (CapitalChangeKind.INCREASE, CapitalChangeKind.DECREASE, CapitalChangeKind.CONTRIBUTION)
TRUNC = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] with the calendar unit it was built from (for ``previous``)."""

    start: datetime.date
    end: datetime.date
    unit: str = "custom"
    label: str = ""

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(datetime.date(year, month, 1), datetime.date(year, month, last), "month", f"{month:02d}/{year}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first = 3 * (quarter - 1) + 1
        end = cls.month(year, first + 2).end
        return cls(datetime.date(year, first, 1), end, "quarter", f"Q{quarter}/{year}")

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        first = 1 if half == 1 else 7
        return cls(datetime.date(year, first, 1), cls.month(year, first + 5).end, "half", f"H{half}/{year}")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year", str(year))

    @classmethod
    def term(cls, name: str = CURRENT_TERM) -> "Period":
        first, last = TERMS[name]
        return cls(datetime.date(first, 1, 1), datetime.date(last, 12, 31), "term", name.replace("-", "–"))

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> "Period":
        if end < start:
            start, end = end, start
        return cls(start, end, "custom", f"{start:%d/%m/%Y}–{end:%d/%m/%Y}")

    def previous(self) -> "Period":
        """The period just before this one: the previous month, quarter, half-year or year; the previous term
        (terms share their boundary year: 2015–2020 before 2020–2025); for a custom range, the same number of
        whole months before it when it runs from a month's first day to a month's last day, else the same
        number of days."""
        if self.unit == "month":
            prev = self.start - datetime.timedelta(days=1)
            return Period.month(prev.year, prev.month)
        if self.unit == "quarter":
            prev = self.start - datetime.timedelta(days=1)
            return Period.quarter(prev.year, (prev.month - 1) // 3 + 1)
        if self.unit == "half":
            prev = self.start - datetime.timedelta(days=1)
            return Period.half(prev.year, 1 if prev.month <= 6 else 2)
        if self.unit == "year":
            return Period.year(self.start.year - 1)
        if self.unit == "term":
            span = self.end.year - self.start.year
            first, last = self.start.year - span, self.end.year - span
            return replace(self, start=datetime.date(first, 1, 1), end=datetime.date(last, 12, 31),
                           label=f"{first}–{last}")
        months = _whole_months(self.start, self.end)
        if months:
            first = _add_months(self.start, -months)
            return Period.custom(first, _add_months(first, months) - datetime.timedelta(days=1))
        length = self.end - self.start
        end = self.start - datetime.timedelta(days=1)
        return Period.custom(end - length, end)

    def as_q(self, prefix: str = "date") -> Q:
        return Q(**{f"{prefix}__gte": self.start, f"{prefix}__lte": self.end})

    @property
    def as_of(self) -> datetime.date:
        """The last day of the period that has happened (today for a period still running)."""
        return min(self.end, timezone.localdate())


def _whole_months(start: datetime.date, end: datetime.date) -> int:
    """How many calendar months [start, end] covers when it runs from a month's first day to a month's last
    day, else 0."""
    if start.day != 1 or (end + datetime.timedelta(days=1)).day != 1:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to; empty means everything."""

    kind: str = ""
    zone: str = ""          # zone code (shared by a zone's translations)
    commune: int | None = None
    sector: str = ""        # VSIC code or prefix (26 = every sector of division 26)
    country: str = ""       # ISO alpha-2 of the project's lead investor country

    @property
    def active(self) -> bool:
        """Whether anything narrows the figures."""
        return any((self.kind, self.zone, self.commune, self.sector, self.country))

    def project_q(self, prefix: str = "") -> Q:
        """The filter as a Q on projects (``prefix`` = "project__" from capital changes); planned projects,
        declared by investors and not yet registered, are never in the registry's figures."""
        q = ~Q(**{f"{prefix}status": ProjectStatus.PLANNED})
        if self.kind:
            q &= Q(**{f"{prefix}kind": self.kind})
        if self.zone:
            q &= Q(**{f"{prefix}zone__code": self.zone})
        if self.commune:
            q &= Q(**{f"{prefix}commune_id": self.commune})
        if self.sector:
            q &= Q(**{f"{prefix}sector__code__startswith": self.sector})
        if self.country:
            q &= Q(**{f"{prefix}lead_country": self.country.upper()})
        return q


def signed(column: str) -> Case:
    """A capital change's amount with its sign: decreases count negative."""
    return Case(When(kind=CapitalChangeKind.DECREASE, then=Value(-1) * F(column)), default=F(column),
                output_field=MONEY_FIELD)


def _money(value) -> Decimal:
    return (value if isinstance(value, Decimal) else Decimal(str(value or 0))).quantize(Decimal("0.01"))


def _period_aggregates(prefix: str, period: Period) -> dict:
    in_period = period.as_q()
    new = in_period & Q(kind=CapitalChangeKind.NEW)
    adjusted = in_period & Q(kind__in=ADJUSTMENTS)
    aggregates = {}
    for kind_prefix, kind_q in (("", Q()), ("domestic_", Q(project__kind=ProjectKind.DOMESTIC)),
                                ("fdi_", Q(project__kind=ProjectKind.FDI))):
        name = f"{prefix}{kind_prefix}"
        aggregates[f"{name}projects"] = Count("pk", filter=new & kind_q)
        aggregates[f"{name}registered_vnd"] = Sum("amount_vnd", filter=new & kind_q)
        aggregates[f"{name}registered_usd"] = Sum("amount_usd", filter=new & kind_q)
        aggregates[f"{name}adjusted_vnd"] = Sum(signed("amount_vnd"), filter=adjusted & kind_q)
        aggregates[f"{name}adjusted_usd"] = Sum(signed("amount_usd"), filter=adjusted & kind_q)
    aggregates[f"{prefix}adjustments"] = Count("pk", filter=adjusted)
    return aggregates


def _change_pct(current: Decimal, previous: Decimal) -> Decimal | None:
    if not previous:
        return None
    return ((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)).quantize(Decimal("0.1"))


def summary(period: Period, filters: Filters = Filters(),  # noqa: B008 (frozen dataclass)
            as_of: datetime.date | None = None) -> dict:
    """Counts and capital of the period and of the previous one, with the change in percent. One query.

    When the figures stop at ``as_of`` inside the period, the period so far is compared with the same span
    at the start of the previous one (half a year against half a year, not against a whole one).
    Keys: projects, registered_vnd/usd, adjusted_vnd/usd, total_vnd/usd (registered + adjusted), the same
    with ``domestic_`` and ``fdi_`` prefixes, ``adjustments``, and ``previous`` / ``change_pct`` dicts."""
    previous = period.previous()
    if as_of is not None and period.start <= as_of < period.end:
        previous = Period.custom(previous.start, min(previous.end, previous.start + (as_of - period.start)))
    rows = CapitalChange.objects.filter(filters.project_q("project__"),
                                        Q(date__gte=min(previous.start, period.start)),
                                        Q(date__lte=max(previous.end, period.end)))
    raw = rows.aggregate(**_period_aggregates("cur_", period), **_period_aggregates("prev_", previous))
    current, before = {}, {}
    for key, value in raw.items():
        target, name = (current, key[4:]) if key.startswith("cur_") else (before, key[5:])
        target[name] = value if isinstance(value, int) else _money(value)
    for figures in (current, before):
        for kind_prefix in ("", "domestic_", "fdi_"):
            for unit in ("vnd", "usd"):
                figures[f"{kind_prefix}total_{unit}"] = (figures[f"{kind_prefix}registered_{unit}"]
                                                         + figures[f"{kind_prefix}adjusted_{unit}"])
    current["previous"] = before
    current["change_pct"] = {key: _change_pct(value, before[key]) for key, value in current.items()
                             if key in before}
    current["period"] = period
    current["previous_period"] = previous
    return current


def disbursed(period: Period, filters: Filters = Filters()) -> dict:  # noqa: B008
    """Disbursed capital (VND, USD) of the projects registered in the period. One query."""
    raw = Project.objects.filter(filters.project_q(), period.as_q("registered_on")).aggregate(
        vnd=Coalesce(Sum("disbursed_vnd"), ZERO, output_field=MONEY_FIELD),
        usd=Coalesce(Sum("disbursed_usd"), ZERO, output_field=MONEY_FIELD))
    return {"disbursed_vnd": _money(raw["vnd"]), "disbursed_usd": _money(raw["usd"])}


def cumulative_fdi(as_of: datetime.date, filters: Filters = Filters()) -> dict:  # noqa: B008
    """Valid FDI projects at ``as_of`` (registered by then, not terminated by then) and their capital after
    every change up to ``as_of``. One query."""
    rows = CapitalChange.objects.filter(
        filters.project_q("project__"), Q(project__kind=ProjectKind.FDI), Q(project__registered_on__lte=as_of),
        Q(project__terminated_on__isnull=True) | Q(project__terminated_on__gt=as_of), Q(date__lte=as_of))
    raw = rows.aggregate(projects=Count("project", filter=Q(kind=CapitalChangeKind.NEW)),
                         capital_usd=Sum(signed("amount_usd")), capital_vnd=Sum(signed("amount_vnd")))
    return {"projects": raw["projects"], "capital_usd": _money(raw["capital_usd"]),
            "capital_vnd": _money(raw["capital_vnd"]), "as_of": as_of}


GROUPS = {
    "country": "project__lead_country",
    "sector": "sector_division",
    "zone": "project__zone__code",
    "commune": "project__commune_id",
}


def ranking(by: str, period: Period, filters: Filters = Filters(), *, limit: int | None = 10,  # noqa: B008
            kind: str = "", language: str | None = None) -> list[dict]:
    """Top ``limit`` groups (country, sector division, zone or commune) by capital (registered + adjusted, USD)
    in the period, with project counts. One query; the zone and commune rows carry a name and a mean point,
    in ``language`` (the active one by default; the zone's title taking one more query)."""
    column = GROUPS[by]
    rows = CapitalChange.objects.filter(filters.project_q("project__"), period.as_q())
    if kind:
        rows = rows.filter(project__kind=kind)
    if by == "sector":
        rows = rows.annotate(sector_division=Substr("project__sector__code", 1, 2))
    values = [column]
    if by == "zone":
        values += ["project__zone__title", "project__zone__translation_key"]
    if by == "commune":
        values += columns("project__commune__name", language)
    rows = rows.exclude(**{f"{column}__isnull": True}).values(*values).annotate(
        projects=Count("pk", filter=Q(kind=CapitalChangeKind.NEW)),
        capital_usd=Coalesce(Sum(signed("amount_usd")), ZERO, output_field=MONEY_FIELD),
        capital_vnd=Coalesce(Sum(signed("amount_vnd")), ZERO, output_field=MONEY_FIELD),
        lon=Avg("project__lon"), lat=Avg("project__lat"),
    ).order_by("-capital_usd", column)
    if limit:
        rows = rows[:limit]
    rows = list(rows)
    titles = (localized_zone_titles([row["project__zone__translation_key"] for row in rows], language)
              if by == "zone" else {})
    result = []
    for row in rows:
        item = {"key": row[column], "projects": row["projects"], "capital_usd": _money(row["capital_usd"]),
                "capital_vnd": _money(row["capital_vnd"]), "lon": row["lon"], "lat": row["lat"]}
        if by == "zone":
            item["name"] = titles.get(row["project__zone__translation_key"]) or row["project__zone__title"]
        if by == "commune":
            item["name"] = localized(row, "project__commune__name", language)
        result.append(item)
    return result


def series(period: Period, filters: Filters = Filters(), unit: str = "") -> list[dict]:  # noqa: B008
    """Per month, quarter or year of the period: new projects and capital, domestic and FDI. One query."""
    unit = unit or ("year" if (period.end - period.start).days > 3 * 366 else
                    "quarter" if (period.end - period.start).days > 366 else "month")
    new = Q(kind=CapitalChangeKind.NEW)
    adjusted = Q(kind__in=ADJUSTMENTS)
    domestic, fdi = Q(project__kind=ProjectKind.DOMESTIC), Q(project__kind=ProjectKind.FDI)
    rows = (CapitalChange.objects.filter(filters.project_q("project__"), period.as_q())
            .annotate(bucket=TRUNC[unit]("date")).values("bucket")
            .annotate(domestic_projects=Count("pk", filter=new & domestic),
                      fdi_projects=Count("pk", filter=new & fdi),
                      domestic_registered_vnd=Coalesce(Sum("amount_vnd", filter=new & domestic), ZERO,
                                                       output_field=MONEY_FIELD),
                      fdi_registered_usd=Coalesce(Sum("amount_usd", filter=new & fdi), ZERO,
                                                  output_field=MONEY_FIELD),
                      adjusted_usd=Coalesce(Sum(signed("amount_usd"), filter=adjusted), ZERO,
                                            output_field=MONEY_FIELD))
            .order_by("bucket"))
    return [{"bucket": _bucket_label(row["bucket"], unit), **{k: v for k, v in row.items() if k != "bucket"}}
            for row in rows]


def _bucket_label(value, unit: str) -> str:
    value = value.date() if isinstance(value, datetime.datetime) else value
    if unit == "year":
        return str(value.year)
    if unit == "quarter":
        return f"Q{(value.month - 1) // 3 + 1}/{value.year}"
    return f"{value.month:02d}/{value.year}"


def _zone_title(translation_key: str, language: str) -> Subquery:
    """The title of the live page in ``language`` that translates the zone whose translation key the outer query
    holds at ``translation_key``; NULL when there is none. Wagtail's page table alone: pages that share a
    translation key are translations of one page, one per locale."""
    return Subquery(Page.objects.filter(live=True, translation_key=OuterRef(translation_key),
                                        locale__language_code=locale_code(language))
                    .order_by().values("title")[:1])


def localized_zone_titles(translation_keys, language: str | None = None) -> dict:
    """The titles of the live zone pages in ``language`` (the active one by default), by translation key.
    One query for all the keys."""
    return dict(ZonePage.objects.live().filter(translation_key__in=set(translation_keys),
                                               locale__language_code=locale_code(language))
                .values_list("translation_key", "title"))


def project_rows(period: Period, filters: Filters = Filters(), *, limit: int | None = None,  # noqa: B008
                 language: str | None = None):
    """Public columns of the projects registered in the period (for tables and exports). One query;
    no private field is selected. ``zone_name`` is the zone's title in ``language`` (the active one by
    default) when the zone page is translated, else ``zone__title``; the sector's and the commune's names come
    in ``language``'s columns with their fallbacks (read them with ``core.i18n.localized(row, "sector__name")``)."""
    language = core_language(language)
    rows = _project_columns(language).filter(filters.project_q(), period.as_q("registered_on"))
    rows = rows[:limit] if limit else rows
    rows._iterable_class = _CompiledValuesIterable
    rows.compiled_key = (rows.db, language, period, filters, limit)
    return rows


_compiled = threading.local()


class _CompiledValuesIterable(ValuesIterable):
    """``ValuesIterable`` that compiles the SQL of a queryset carrying a ``compiled_key`` once per thread and key
    (the key names everything the SQL depends on): the thirty columns and the subquery of ``project_rows`` take
    longer to compile than the database takes to read them. A clone (``filter``, a slice) carries no key and
    ``iterator()`` fetches in chunks: both take Django's own path."""

    def __iter__(self):
        key = getattr(self.queryset, "compiled_key", None)
        if key is None or self.chunked_fetch:
            yield from super().__iter__()
            return
        held = _compiled.__dict__.setdefault("rows", {})
        if key not in held:
            query = self.queryset.query
            compiler = query.get_compiler(self.queryset.db)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                yield from super().__iter__()
                return
            names = (list(query.selected) if query.selected else
                     [*query.extra_select, *query.values_select, *query.annotation_select])
            if len(held) >= 64:
                held.clear()
            held[key] = (compiler, sql, params, names)
        compiler, sql, params, names = held[key]
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for row in compiler.results_iter(results=[rows]):
            yield dict(zip(names, row, strict=True))


@functools.lru_cache(maxsize=16)
def _project_columns(language: str):
    """Every project as ``project_rows`` gives it in ``language`` (a column suffix), newest first: a queryset
    built once per language, that each call narrows (a clone), so that resolving its thirty columns and the
    zone title's subquery is not paid again on every call. A queryset reads nothing until evaluated, and only
    clones of this one ever are."""
    return (Project.objects
            .annotate(zone_name=Coalesce(_zone_title("zone__translation_key", language), F("zone__title")))
            .values("id", "code", "name_vi", "name_en", "kind", "status", "registered_on", "certificate_number",
                    "sector__code", *columns("sector__name", language), "zone__code", "zone__title",
                    *columns("commune__name", language), "lead_country",
                    "foreign_share_pct", "currency", "registered_capital", "capital_vnd", "capital_usd",
                    "disbursed_vnd", "disbursed_usd", "land_area_m2", "planned_employees", "lon", "lat",
                    "zone_name")
            .order_by("-registered_on", "code"))


def figures_as_of(period: Period | None = None) -> datetime.date | None:
    """The day the registry's figures run to: its latest capital change (new registration or adjustment),
    or the end of ``period`` when that comes first; None for an empty registry. One query."""
    latest = CapitalChange.objects.aggregate(latest=Max("date"))["latest"]
    if latest is None or period is None:
        return latest
    return min(latest, period.end)


def registry_source(as_of: datetime.date | None) -> Source:
    """The source of the registry's figures: the projects recorded by the board, true at ``as_of`` (the day the
    registry runs to), flagged "may be out of date" when that is older than the board's period."""
    return Source(text=str(_("Project registry kept by the economic zone board (registrations and capital "
                             "changes recorded in this portal)")), as_of=as_of, stale=is_stale(as_of))


def format_number(value, decimal_pos: int = 0, language: str | None = None) -> str:
    """``value`` rounded to ``decimal_pos`` decimals and grouped by thousands the way ``language`` (the active
    one by default) writes numbers: 28,929.5 in English, 28.929,5 in Vietnamese."""
    language = locale_code(language)
    rounded = Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-decimal_pos), rounding=ROUND_HALF_UP)
    return numberformat.format(rounded, get_format("DECIMAL_SEPARATOR", language), decimal_pos,
                               get_format("NUMBER_GROUPING", language), get_format("THOUSAND_SEPARATOR", language),
                               force_grouping=True)


def home_figures(language: str | None = None) -> list[dict]:
    """The home page's key figures from the registry, numbers written the way ``language`` (the active one by
    default) writes them; empty when no project is recorded. Two queries."""
    term = Period.term()
    figures = summary(Period.custom(term.start, term.as_of))
    if not figures["projects"] and not Project.objects.exists():
        return []
    fdi = cumulative_fdi(timezone.localdate())
    source = _("Project registry, since the start of the %(term)s term") % {"term": term.label}
    return [
        {"value": format_number(figures["domestic_projects"], 0, language), "unit": "",
         "label": _("domestic projects"), "source": source},
        {"value": format_number(figures["domestic_registered_vnd"] / 10**9, 0, language), "unit": _("billion VND"),
         "label": _("registered domestic capital"), "source": source},
        {"value": format_number(figures["fdi_projects"], 0, language), "unit": "", "label": _("FDI projects"),
         "source": source},
        {"value": format_number(figures["fdi_registered_usd"] / 10**6, 0, language), "unit": _("million USD"),
         "label": _("registered FDI capital"), "source": source},
        {"value": format_number(fdi["projects"], 0, language), "unit": "", "label": _("valid FDI projects in total"),
         "source": _("Project registry")},
        {"value": format_number(fdi["capital_usd"] / 10**9, 2, language), "unit": _("billion USD"),
         "label": _("cumulative FDI capital"), "source": _("Project registry")},
    ]
