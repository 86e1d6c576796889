"""The pipeline as downloads for the board: the lead list and the figures, as CSV (UTF-8 with a byte-order
mark, so that Excel reads Vietnamese) and as XLSX (numbers stay numbers). Text a spreadsheet would run as a
formula is neutralised. Leads are confidential: these are served only to people who may read them."""

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from projects.exports import neutralise

from .pipeline_reports import Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def filename(kind: str, extension: str) -> str:
    """"<kind>-<date>.<extension>", ASCII only."""
    return f"{kind}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    return neutralise(value)


def lead_headers() -> list[str]:
    return [_("Investor"), _("Organisation"), _("Country"), _("Sector (VSIC)"), _("Stage"), _("In stage since"),
            _("Likelihood (%)"), _("Capital (USD)"), _("Jobs"), _("Land (ha)"), _("Zones considered"),
            _("Expected registration"), _("Owner"), _("Next action"), _("Next action by"), _("Enquiry"),
            _("Registry project"), _("Reason lost"), _("Created")]


def lead_rows(leads, language: str = "en") -> list[list]:
    """One row per lead (the caller's query, with its zones fetched in one more query)."""
    rows = []
    for lead in leads.prefetch_related("zones_considered"):
        owner = (lead.owner.get_full_name() or lead.owner.get_username()) if lead.owner_id else ""
        lost = lead.get_lost_reason_display() if lead.lost_reason else ""
        if lead.lost_note:
            lost = f"{lost}: {lead.lost_note}" if lost else lead.lost_note
        rows.append([
            lead.investor_name, lead.organisation, lead.country_label(language),
            lead.sector.code if lead.sector_id else "", lead.get_stage_display(),
            timezone.localtime(lead.stage_since).strftime("%Y-%m-%d"), lead.likelihood, lead.capital_usd, lead.jobs,
            lead.land_ha, "; ".join(zone.title for zone in lead.zones_considered.all()),
            lead.expected_registration_on.isoformat() if lead.expected_registration_on else "", owner,
            lead.next_action, lead.next_action_on.isoformat() if lead.next_action_on else "",
            str(lead.enquiry) if lead.enquiry_id else "", lead.project.code if lead.project_id else "", lost,
            timezone.localtime(lead.created_at).strftime("%Y-%m-%d")])
    return rows


def figure_tables(figures: Report) -> list[tuple[str, list[str], list[list]]]:
    """The report's tables as (title, headers, rows)."""
    money = [_("Leads"), _("Capital (USD)"), _("Expected capital (USD)"), _("Jobs"), _("Expected jobs")]

    def grouped(rows):
        return [[row["label"], row["count"], row["capital_usd"], row["expected_capital_usd"], row["jobs"],
                 row["expected_jobs"]] for row in rows]

    return [
        (_("By stage"), [_("Stage"), *money], grouped(figures.by_stage)),
        (_("By owner"), [_("Owner"), *money], grouped(figures.by_owner)),
        (_("By country"), [_("Country"), *money], grouped(figures.by_country)),
        (_("By sector"), [_("Sector"), *money], grouped(figures.by_sector)),
        (_("Conversion"), [_("Step"), _("Reached the stage"), _("Reached the next stage"), _("Conversion (%)")],
         [[row["label"], row["reached"], row["converted"], row["rate"]] for row in figures.conversion]),
        (_("Time in stage"), [_("Stage"), _("Completed stays"), _("Average days"), _("Median days"),
                              _("Open leads in the stage"), _("Average days waiting")],
         [[row["label"], row["stays"], row["average_days"], row["median_days"], row["waiting"],
           row["waited_days"]] for row in figures.time_in_stage]),
        (_("Reasons lost"), [_("Reason"), _("Leads")],
         [[row["label"], row["count"]] for row in figures.lost_reasons]),
    ]


def to_csv(headers: list[str], rows: list[list]) -> bytes:
    """One table as CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tables_to_csv(tables) -> bytes:
    """Several tables in one CSV, each under its title and separated by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for title, headers, rows in tables:
        writer.writerow([title])
        writer.writerow(headers)
        writer.writerows([[_cell(value) for value in row] for row in rows])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables) -> bytes:
    """Each (title, headers, rows) table on its own sheet (write-only workbook)."""
    book = Workbook(write_only=True)
    for title, headers, rows in tables:
        sheet = book.create_sheet(title[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
