"""A zone page's table of plots: one page of them, sorted and filtered by the query string, so that a zone with
thousands of plots shows a short table that works without JavaScript.

The table works on a zone's plot rows (:func:`plot_rows`: a few plain fields per plot, sorted by code), kept per
process for each zone and rebuilt when its plots change (``zones.plot_geojson``'s version of the zone's plots);
only the page shown becomes plots."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from core.caching import ProcessCache

from . import plot_geojson, units
from .choices import PlotStatus

PER_PAGE = 50
PAGE, SORT, STATUS, MIN_AREA = "plot_page", "plot_sort", "plot_status", "plot_min_area"
#: The parameters of the table's own form (the page number is the pagination's).
FORM_PARAMS = (SORT, STATUS, MIN_AREA)
SORTS = {"code": _("Plot"), "area": _("Area"), "status": _("Status"), "price": _("Price")}
DEFAULT_SORT = "code"
_STATUS_ORDER = {status: number for number, status in enumerate(PlotStatus.values)}
#: How many zones' rows a process keeps.
MAX_ZONES = 64


class PlotRow(NamedTuple):
    """What the table sorts and filters a plot by, and shows of it."""

    pk: int
    zone_id: int
    code: str
    land_use: str
    status: str
    area_m2: float | None
    price_override_usd: Decimal | None


def _code_key(code: str) -> tuple:
    """Plot codes in the order people count them: "A-2" before "A-10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", code) if part)


def _missing_last(value) -> tuple:
    return (value is None, value if value is not None else 0)


def _build_rows(translation_key: str, _version: int) -> list[PlotRow]:
    plots = apps.get_model("zones", "Plot").objects.filter(zone__translation_key=translation_key)
    rows = [PlotRow(*values) for values in plots.order_by().values_list(*PlotRow._fields)]
    rows.sort(key=lambda row: _code_key(row.code))
    return rows


_rows = ProcessCache("zones:plot-rows-version", _build_rows, max_entries=MAX_ZONES)


def plot_rows(zone) -> list[PlotRow]:
    """The plots of ``zone`` (every translation) as rows sorted by code, kept per process until they change."""
    return _rows.get(zone.translation_key, plot_geojson.plots_version(zone))


@dataclass
class PlotTable:
    """The table's page of plots and the state it was asked for: ``sort`` (a key of ``SORTS``), ``descending``,
    ``status`` (a plot status or ""), ``min_area`` (as typed, in the visitor's unit) and ``total`` (plots before
    filtering)."""

    page: Page
    sort: str
    descending: bool
    status: str
    min_area: str
    total: int
    min_area_error: bool = False
    columns: dict = field(default_factory=dict)

    @property
    def statuses(self) -> list:
        return PlotStatus.choices

    @property
    def filtered(self) -> bool:
        return bool(self.status or (self.min_area and not self.min_area_error))


def _min_area_m2(text: str, unit: str) -> Decimal | None:
    try:
        value = units.to_m2(text.replace(",", "."), unit)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value >= 0 else None


def _sort_key(sort: str, zone_price):
    """The key of ``sort`` for rows already in code order (a stable sort keeps it among equals)."""
    if sort == "area":
        return lambda row: _missing_last(row.area_m2)
    if sort == "status":
        return lambda row: _STATUS_ORDER.get(row.status, len(_STATUS_ORDER))
    return lambda row: _missing_last(row.price_override_usd if row.price_override_usd is not None else zone_price)


def _plot(row: PlotRow, zone):
    plot = apps.get_model("zones", "Plot")(**row._asdict())
    plot.display_price = plot.price_usd(zone)
    return plot


def plot_table(zone, rows: list[PlotRow], query, unit: str) -> PlotTable:
    """One page (``PER_PAGE``) of ``rows`` (``plot_rows(zone)``) as plots with ``display_price`` set, as
    ``query`` asks: ``plot_sort`` ("area" or "-area", by code, area, status or price), ``plot_status``,
    ``plot_min_area`` (in ``unit``) and ``plot_page``. Unknown values fall back to the whole table sorted by
    code. Ties keep the code order (reversed when descending)."""
    asked = query.get(SORT, "")
    descending = asked.startswith("-")
    sort = asked.lstrip("-") if asked.lstrip("-") in SORTS else DEFAULT_SORT
    status = query.get(STATUS, "")
    status = status if status in PlotStatus.values else ""
    min_area = query.get(MIN_AREA, "").strip()
    minimum = _min_area_m2(min_area, unit) if min_area else None
    shown = rows
    if status or minimum is not None:
        shown = [row for row in rows
                 if (not status or row.status == status)
                 and (minimum is None or (row.area_m2 is not None and Decimal(str(row.area_m2)) >= minimum))]
    if descending:
        shown = shown[::-1]
    if sort != DEFAULT_SORT:
        shown = sorted(shown, key=_sort_key(sort, zone.land_price_min_usd), reverse=descending)
    page = Paginator(shown, PER_PAGE).get_page(query.get(PAGE))
    page.object_list = [_plot(row, zone) for row in page.object_list]
    columns = {key: {"label": label, "current": key == sort, "next": f"-{key}" if key == sort and not descending
                     else key} for key, label in SORTS.items()}
    return PlotTable(page=page, sort=sort, descending=descending, status=status, min_area=min_area,
                     total=len(rows), min_area_error=bool(min_area) and minimum is None, columns=columns)
