"""A zone page's table of plots: one page of them, sorted and filtered by the query string, so that a zone with
thousands of plots shows a short table that works without JavaScript.

The plots are those the page has loaded for its map; the table sorts, filters and cuts them in memory and makes
no query of its own."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from . import units
from .choices import PlotStatus

PER_PAGE = 50
PAGE, SORT, STATUS, MIN_AREA = "plot_page", "plot_sort", "plot_status", "plot_min_area"
#: The parameters of the table's own form (the page number is the pagination's).
FORM_PARAMS = (SORT, STATUS, MIN_AREA)
SORTS = {"code": _("Plot"), "area": _("Area"), "status": _("Status"), "price": _("Price")}
DEFAULT_SORT = "code"
_STATUS_ORDER = {status: number for number, status in enumerate(PlotStatus.values)}


def _code_key(code: str) -> tuple:
    """Plot codes in the order people count them: "A-2" before "A-10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", code) if part)


def _missing_last(value) -> tuple:
    return (value is None, value if value is not None else 0)


_KEYS = {
    "code": lambda plot: _code_key(plot.code),
    "area": lambda plot: (_missing_last(plot.area_m2), _code_key(plot.code)),
    "status": lambda plot: (_STATUS_ORDER.get(plot.status, len(_STATUS_ORDER)), _code_key(plot.code)),
    "price": lambda plot: (_missing_last(plot.display_price), _code_key(plot.code)),
}


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


def plot_table(plots: list, query, unit: str) -> PlotTable:
    """One page (``PER_PAGE``) of ``plots`` (with ``display_price`` set), as ``query`` asks: ``plot_sort``
    ("area" or "-area", by code, area, status or price), ``plot_status``, ``plot_min_area`` (in ``unit``) and
    ``plot_page``. Unknown values fall back to the whole table sorted by code."""
    asked = query.get(SORT, "")
    descending = asked.startswith("-")
    sort = asked.lstrip("-") if asked.lstrip("-") in SORTS else DEFAULT_SORT
    status = query.get(STATUS, "")
    status = status if status in PlotStatus.values else ""
    min_area = query.get(MIN_AREA, "").strip()
    minimum = _min_area_m2(min_area, unit) if min_area else None
    shown = [plot for plot in plots
             if (not status or plot.status == status)
             and (minimum is None or (plot.area_m2 is not None and Decimal(str(plot.area_m2)) >= minimum))]
    shown.sort(key=_KEYS[sort], reverse=descending)
    page = Paginator(shown, PER_PAGE).get_page(query.get(PAGE))
    columns = {key: {"label": label, "current": key == sort, "next": f"-{key}" if key == sort and not descending
                     else key} for key, label in SORTS.items()}
    return PlotTable(page=page, sort=sort, descending=descending, status=status, min_area=min_area,
                     total=len(plots), min_area_error=bool(min_area) and minimum is None, columns=columns)
