"""The comparison's total-cost section: each compared plot (or the profile's land need in a compared zone)
costed by ``zones.costs.total_cost`` over the years of the visitor's assumptions (the comparison page's
assumptions form, in its query string), part by part, each figure with its sources."""

from decimal import Decimal

from django.utils.translation import gettext

from core.profile import ProjectProfile

from .comparison import Cell, Column, Row, Section, mark_best, missing_cell, number_cell, register_section
from .costs import PART_KEYS, PART_LABELS, CostAssumptionsForm, total_cost

SECTION_ORDER = 70


def assumptions_form(request) -> CostAssumptionsForm:
    """The cost assumptions the comparison page was asked with (bound to its query string)."""
    return CostAssumptionsForm(request.GET if request is not None else {})


def _site(column: Column, profile: ProjectProfile) -> tuple[Decimal | None, Decimal | None]:
    """The area (m²) and price (USD/m²) to cost: the plot's, or the profile's land need at the zone's price."""
    if column.plot is not None:
        area = Decimal(str(column.plot.area_m2)) if column.plot.area_m2 is not None else None
        return area, column.plot.price_usd(column.zone)
    return (profile.land_area_m2 or None), column.zone.land_price_min_usd


def _amount(value: Decimal | None) -> Cell:
    """A cell rounded to whole units that keeps the exact amount for the exports."""
    cell = number_cell(value)
    cell.value = value
    return cell


def total_cost_section(columns: list[Column], profile, request) -> Section:
    """Each part of the total cost over the chosen years, the total and its present value, in USD (VND at the
    recorded rate); what could not be costed is said in the section's note."""
    form = assumptions_form(request)
    heading = gettext("Total cost of occupancy")
    if not form.is_valid():
        return Section("total_cost", heading, note=gettext("Check the cost assumptions above: %(errors)s")
                       % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)})
    profile = profile or ProjectProfile()
    assumptions = form.assumptions(profile)
    costs, missing = [], {}
    for column in columns:
        area, price = _site(column, profile)
        if not area:
            costs.append(None)
            missing.setdefault(gettext("the land your project needs, to cost a site in a zone."), []).append(
                column.heading)
            continue
        breakdown = total_cost(column.zone, area_m2=area, land_price_usd_m2=price, profile=profile,
                               assumptions=assumptions)
        costs.append(breakdown)
        for text in breakdown.missing:
            missing.setdefault(text, []).append(column.heading)
    years = assumptions.years
    rows = []
    for key in PART_KEYS:
        cells = []
        for breakdown in costs:
            part = breakdown.part(key) if breakdown is not None else None
            cells.append(missing_cell() if part is None else
                         Cell(_amount(part.total_usd).text, part.total_usd, list(part.sources)))
        if any(cell.value is not None for cell in cells):
            rows.append(Row(gettext("%(part)s over %(years)s years (USD)") % {"part": PART_LABELS[key], "years": years},
                            cells))
    totals = [_amount(b.total_usd if b else None) for b in costs]
    present = [_amount(b.present_value_usd if b else None) for b in costs]
    in_vnd = [_amount(b.total_vnd if b else None) for b in costs]
    for cell, breakdown in zip(in_vnd, costs, strict=True):
        if breakdown is not None and breakdown.exchange_rate is not None:
            cell.sources = [breakdown.exchange_rate]
    rows += [Row(gettext("Total over %(years)s years (USD)") % {"years": years}, mark_best(totals)),
             Row(gettext("Present value at %(rate)s%% a year (USD)") % {"rate": assumptions.discount_rate_pct},
                 mark_best(present)),
             Row(gettext("Total over %(years)s years (VND)") % {"years": years}, in_vnd)]
    return Section("total_cost", heading, rows, note=_not_included(missing, len(columns)))


def _not_included(missing: dict[str, list[str]], column_count: int) -> str:
    """What could not be costed, each reason once, naming the columns it concerns unless it concerns them all."""
    if not missing:
        return ""
    said = [text if len(headings) == column_count else f"{text} ({'; '.join(headings)})"
            for text, headings in missing.items()]
    return gettext("Not included: %(missing)s") % {"missing": " ".join(said)}


register_section("total_cost", total_cost_section, SECTION_ORDER)
