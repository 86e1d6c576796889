"""The comparison's licensing section: for the visitor's project placed in each compared zone, how many
procedures apply, how many working days they take and what they cost (``licensing.pathway``). Registered
with ``zones.comparison`` from this app's ``AppConfig.ready``, so that zones never imports licensing."""

from django.utils.formats import date_format
from django.utils.translation import gettext

from zones.comparison import (
    Cell,
    Row,
    Section,
    ask_for_profile,
    mark_best,
    missing_cell,
    profile_in_zone,
    register_section,
)
from zones.profiles import number

from . import pathway

ORDER = 60


def _range_cell(figure, places: int = 0) -> Cell:
    """A best-to-worst figure: "12" or "12–20"; its value for exports is the worst case."""
    if figure is None:
        return missing_cell()
    if figure.exact:
        return Cell(number(figure.low, places), figure.high)
    return Cell(f"{number(figure.low, places)}–{number(figure.high, places)}", figure.high)


def licensing_section(columns, profile, request) -> Section:
    """Licensing time and fees for the visitor's project in each zone; asks for the project without one."""
    heading = gettext("Licensing time and fees for your project")
    if profile is None:
        return ask_for_profile("licensing", heading, request)
    plans = [pathway.build(profile_in_zone(profile, column.zone)) for column in columns]
    currencies = sorted({currency for plan in plans for currency in plan.fees_range})
    rows = [
        Row(gettext("Procedures that apply (number)"), [_range_cell(plan.procedure_range) for plan in plans]),
        Row(gettext("Time to complete them (working days)"),
            mark_best([_range_cell(plan.working_days_range) for plan in plans])),
        Row(gettext("Expected completion if you start today"),
            [Cell(date_format(plan.completion, "SHORT_DATE_FORMAT")) for plan in plans]),
    ]
    for currency in currencies:
        rows.append(Row(gettext("Fees (%(currency)s)") % {"currency": currency},
                        mark_best([_range_cell(plan.fees_range.get(currency)) for plan in plans])))
    section = Section("licensing", heading, rows)
    if any(plan.uncertain for plan in plans):
        section.note = gettext("Ranges go from the best to the worst case while your profile leaves questions "
                               "unanswered; exports give the worst case.")
    return section


def register() -> None:
    """Add the licensing section to the zone comparison."""
    register_section("licensing", licensing_section, ORDER)
