"""The public investment dashboard's data: filters from a query string, figures, charts, map and table.

A fixed number of queries whatever the amount of data (each part below is one aggregate query)."""

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.i18n import columns, fallback_tag, locale_code, localized, localized_language
from core.i18n import language as current_language
from core.text import name_order
from zones.models import AdministrativeUnit, AdministrativeUnitLevel, Sector, ZonePage

from .countries import country_name
from .forms import DashboardFilterForm
from .models import Project
from .page_cache import REGISTRY
from .statistics import (
    Filters,
    Period,
    cumulative_fdi,
    disbursed,
    figures_as_of,
    project_rows,
    ranking,
    registry_source,
    series,
    summary,
)

TABLE_ROWS = 50
TOP_N = 10
CONTENT_SECONDS = 3600  # bounds what a bulk write that sends no signal (a sector data load) leaves stale


def dashboard_html(query: QueryDict, language: str) -> SafeString:
    """The dashboard's content (figures, charts, map, tables and the filter form) for ``query`` in ``language``
    (the active one), rendered once per registry version, day, language and query string and shared by every
    visitor: nothing in it is personal (it is rendered without the request). ``page_cache.REGISTRY`` moves
    whenever the data it shows changes."""
    digest = hashlib.md5(query.urlencode().encode(), usedforsecurity=False).hexdigest()
    key = f"projects:dashboard:{REGISTRY.current()}:{language}:{timezone.localdate():%Y%m%d}:{digest}"
    html = cache.get(key)
    if html is None:
        form = filter_form(query, language)
        period, filters = period_and_filters(form)
        context = dashboard_data(period, filters, language)
        links = query.copy()
        links.pop("format", None)
        context.update({"form": form, "query": links.urlencode()})
        html = render_to_string("projects/includes/dashboard_content.html", context)
        cache.set(key, html, CONTENT_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered above by the template engine, which escaped every value


def filter_form(query, language: str) -> DashboardFilterForm:
    """The filter form with its choices (four small queries): zones and communes in the language's order, the
    countries that have projects (and the one asked for). ``language`` is a language code or a column suffix."""
    zones = ZonePage.objects.live().filter(locale__language_code=locale_code(language)).values_list("code", "title")
    if not zones:
        zones = ZonePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
            "code", "title")
    names = columns("name", language)
    communes = [(row["pk"], localized(row, "name", language)) for row in AdministrativeUnit.objects.filter(
        level=AdministrativeUnitLevel.COMMUNE, projects__isnull=False).distinct().values("pk", *names)]
    sectors = [(row["code"], row["code"], localized(row, "name", language))
               for row in Sector.objects.filter(code__regex=r"^\d{2}$").order_by("code").values("code", *names)]
    countries = set(Project.objects.exclude(lead_country="").order_by().values_list("lead_country", flat=True)
                    .distinct())
    if query and query.get("country"):
        countries.add(query["country"].upper())
    return DashboardFilterForm(query or None, zones=sorted(zones, key=lambda zone: name_order(zone[1])),
                               communes=sorted(communes, key=lambda unit: name_order(unit[1] or "")),
                               sectors=[(code, f"{code} – {label}") for code, _c, label in sectors],
                               countries=countries, language=language)


def period_and_filters(form: DashboardFilterForm) -> tuple[Period, Filters]:
    """The period and filters a (bound or unbound) form describes; invalid input falls back to the term."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    today = timezone.localdate()
    year = data.get("year") or today.year
    number = data.get("number") or 1
    kind = data.get("period") or "term"
    if kind == "year":
        period = Period.year(year)
    elif kind == "half":
        period = Period.half(year, 1 if number == 1 else 2)
    elif kind == "quarter":
        period = Period.quarter(year, min(max(number, 1), 4))
    elif kind == "month":
        period = Period.month(year, number)
    elif kind == "custom" and data.get("start") and data.get("end"):
        period = Period.custom(data["start"], data["end"])
    else:
        period = Period.term()
    filters = Filters(kind=data.get("kind") or "", zone=data.get("zone") or "", commune=data.get("commune"),
                      sector=data.get("sector") or "", country=data.get("country") or "")
    return period, filters


def _float(value) -> float:
    return float(value or 0)


def dashboard_data(period: Period, filters: Filters, language: str | None = None) -> dict:
    """Everything the dashboard shows for the period and filters."""
    language = current_language(language)
    as_of = figures_as_of(period)  # the registry may not run to the end of the period
    figures = summary(period, filters, as_of=as_of)
    figures.update(disbursed(period, filters))
    cumulative = cumulative_fdi(min(period.as_of, as_of) if as_of else period.as_of, filters)
    by_country = ranking("country", period, filters, limit=TOP_N)
    for row in by_country:
        row["name"] = country_name(row["key"], language)
    by_sector = ranking("sector", period, filters, limit=TOP_N)
    names = {row["code"]: localized_language(row, "name", language) for row in Sector.objects.filter(
        code__in=[r["key"] for r in by_sector]).values("code", *columns("name", language))}
    for row in by_sector:
        name, suffix = names.get(row["key"], ("", ""))
        row["name"], row["lang"] = f"{row['key']} – {name}", fallback_tag(suffix, language)
    by_zone = ranking("zone", period, filters, limit=None, language=language)
    by_commune = ranking("commune", period, filters, limit=None, language=language)
    timeline = series(period, filters)
    chart_data = {
        "series": {"labels": [r["bucket"] for r in timeline],
                   "domestic_projects": [r["domestic_projects"] for r in timeline],
                   "fdi_projects": [r["fdi_projects"] for r in timeline],
                   "domestic_bn_vnd": [round(_float(r["domestic_registered_vnd"]) / 1e9, 1) for r in timeline],
                   "fdi_m_usd": [round(_float(r["fdi_registered_usd"]) / 1e6, 2) for r in timeline]},
        "country": _chart(by_country),
        "sector": _chart(by_sector),
        "zone": _chart(by_zone[:TOP_N]),
        "map": [{"name": r["name"] or r["key"], "lon": r["lon"], "lat": r["lat"], "projects": r["projects"],
                 "m_usd": round(_float(r["capital_usd"]) / 1e6, 2), "layer": layer}
                for layer, rows in (("zone", by_zone), ("commune", by_commune)) for r in rows
                if r["lon"] is not None],
        # The script's own words, in the page's language.
        "text": {"domestic": gettext("Domestic projects"), "fdi": gettext("FDI projects"),
                 "musd": gettext("Million USD"), "projects": gettext("projects"), "zones": gettext("Zones"),
                 "communes": gettext("Communes")},
    }
    return {"period": period, "filters": filters, "figures": figures, "cumulative": cumulative, "as_of": as_of,
            "source": registry_source(figures_as_of()),
            "beyond_registry": as_of is not None and period.start > as_of,
            "by_country": by_country, "by_sector": by_sector, "by_zone": by_zone[:TOP_N],
            "by_commune": by_commune[:TOP_N], "timeline": timeline, "chart_data": chart_data,
            "rows": list(project_rows(period, filters, limit=TABLE_ROWS, language=language))}


def _chart(rows: list[dict]) -> dict:
    return {"labels": [str(r.get("name") or r["key"]) for r in rows],
            "m_usd": [round(_float(r["capital_usd"]) / 1e6, 2) for r in rows],
            "projects": [r["projects"] for r in rows]}


def in_billions(value: Decimal) -> Decimal:
    return (Decimal(value or 0) / Decimal(10**9)).quantize(Decimal("0.1"))


def in_millions(value: Decimal) -> Decimal:
    return (Decimal(value or 0) / Decimal(10**6)).quantize(Decimal("0.1"))


def export_filename(period: Period, extension: str) -> str:
    return f"investment-projects-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{datetime.date.today():%Y%m%d}.{extension}"
