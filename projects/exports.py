"""CSV and XLSX exports of the public project list. Text cells that a spreadsheet would run as a formula are
neutralised; only public columns are exported."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from core.i18n import localized

from .choices import ProjectKind, ProjectStatus
from .countries import country_name

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# (row key, column title) — public fields only.
COLUMNS = [
    ("code", gettext_lazy("Project code")),
    ("name_vi", gettext_lazy("Name (Vietnamese)")),
    ("name_en", gettext_lazy("Name (English)")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("registered_on", gettext_lazy("Registered on")),
    ("certificate_number", gettext_lazy("Certificate number")),
    ("sector__code", gettext_lazy("Sector (VSIC)")),
    ("sector_name", gettext_lazy("Sector")),
    ("zone_name", gettext_lazy("Zone")),
    ("commune_name", gettext_lazy("Commune")),
    ("lead_country", gettext_lazy("Investor country")),
    ("foreign_share_pct", gettext_lazy("Foreign share (%)")),
    ("currency", gettext_lazy("Currency")),
    ("registered_capital", gettext_lazy("Registered capital")),
    ("capital_vnd", gettext_lazy("Capital (VND)")),
    ("capital_usd", gettext_lazy("Capital (USD)")),
    ("disbursed_vnd", gettext_lazy("Disbursed (VND)")),
    ("disbursed_usd", gettext_lazy("Disbursed (USD)")),
    ("land_area_m2", "Land area (m²)"),
    ("planned_employees", gettext_lazy("Planned employees")),
]


def neutralise(value):
    """A cell value safe to open in a spreadsheet: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cells(row: dict, language: str) -> list:
    """The cells of one ``statistics.project_rows`` row, the sector's and commune's names in ``language``."""
    values = []
    for key, _title in COLUMNS:
        value = row.get(key)
        if key == "kind":
            value = str(ProjectKind(value).label) if value in ProjectKind.values else value
        elif key == "status":
            value = str(ProjectStatus(value).label) if value in ProjectStatus.values else value
        elif key == "lead_country":
            value = country_name(value, language)
        elif key == "sector_name":
            value = localized(row, "sector__name", language)
        elif key == "commune_name":
            value = localized(row, "commune__name", language)
        elif key == "registered_on" and value:
            value = value.isoformat()
        values.append(neutralise("" if value is None else value))
    return values


def headers() -> list[str]:
    return [_(title) for _key, title in COLUMNS]


def to_csv(rows, language: str = "en") -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel then reads Vietnamese correctly)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    for row in rows:
        writer.writerow(_cells(row, language))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows, language: str = "en") -> bytes:
    """An XLSX workbook (write-only mode); numbers stay numbers, text is never a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Projects"))
    sheet.append(headers())
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in _cells(row, language)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
