"""Row-by-row validation of a project spreadsheet against a column mapping.

Each problem is reported as (row, column, problem); a row is valid when it has none. Reference data (sectors,
countries, existing project codes) is read once per file, not per row."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zones.models import Sector

from ..choices import Currency, ProjectKind
from ..countries import COUNTRIES
from ..models import HOME_COUNTRY, HUNDRED, Project
from ..services import kind_for_foreign_share
from .readers import as_text

# target field -> (label, required, header aliases used to guess the mapping)
FIELDS = {
    "code": (gettext_lazy("Project code"), True, ["code", "project code", "ma du an", "mã dự án"]),
    "name_vi": (gettext_lazy("Name (Vietnamese)"), True, ["name_vi", "ten du an", "tên dự án", "name vi"]),
    "name_en": (gettext_lazy("Name (English)"), False, ["name_en", "name", "project name", "name en"]),
    "kind": (gettext_lazy("Kind (domestic / fdi)"), False, ["kind", "loai", "loại"]),
    "sector": (gettext_lazy("Sector (VSIC code)"), True, ["sector", "vsic", "nganh", "ngành", "sector_code"]),
    "registered_on": (gettext_lazy("Registration date"), True, ["registered_on", "date", "ngay dang ky",
                                                                 "ngày đăng ký", "registration date"]),
    "currency": (gettext_lazy("Currency (VND / USD)"), True, ["currency", "tien te", "tiền tệ"]),
    "capital": (gettext_lazy("Registered capital"), True, ["capital", "registered_capital", "von", "vốn",
                                                           "registered capital"]),
    "exchange_rate": (gettext_lazy("Exchange rate (VND per USD)"), True, ["exchange_rate", "rate", "ty gia",
                                                                          "tỷ giá", "exchange rate"]),
    "investors": (gettext_lazy("Investors (name|country|share %; …)"), True, ["investors", "nha dau tu",
                                                                             "nhà đầu tư"]),
    "lon": (gettext_lazy("Longitude"), False, ["lon", "longitude", "kinh do", "kinh độ"]),
    "lat": (gettext_lazy("Latitude"), False, ["lat", "latitude", "vi do", "vĩ độ"]),
    "land_area_m2": (gettext_lazy("Land area (m²)"), False, ["land_area_m2", "land area", "dien tich",
                                                            "diện tích"]),
    "planned_employees": (gettext_lazy("Planned employees"), False, ["planned_employees", "employees",
                                                                     "lao dong", "lao động"]),
    "certificate_number": (gettext_lazy("Certificate number"), False, ["certificate_number", "certificate",
                                                                        "so gcn", "số gcn"]),
}
# Characters TCVN3 (ABC) text shows when it is read as Unicode; "Ã" + a continuation character is UTF-8 read
# as Latin-1.
TCVN3_MARKERS = re.compile(r"[«»¸¹µ¶·Þ¬®¦§¨©ª]")
MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Ä[\u0080-\u00bf]|Æ°|áº|á»")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class ParsedRow:
    """A valid row, ready for registration."""

    row: int
    values: dict
    investors: list[tuple[str, str, Decimal]]


@dataclass
class Report:
    """The outcome of a validation: problems and valid rows."""

    total: int = 0
    problems: list[dict] = field(default_factory=list)
    valid: list[ParsedRow] = field(default_factory=list)

    @property
    def invalid_rows(self) -> list[int]:
        return sorted({p["row"] for p in self.problems if p["row"]})

    def as_json(self) -> dict:
        return {"total": self.total, "problems": self.problems, "valid_rows": [r.row for r in self.valid],
                "invalid_rows": self.invalid_rows}


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """target field -> header, for headers matching a field's aliases (case and accents as written)."""
    mapping = {}
    normalised = {h.strip().lower(): h for h in headers}
    for name, (_label, _required, aliases) in FIELDS.items():
        for alias in [name, *aliases]:
            if alias in normalised:
                mapping[name] = normalised[alias]
                break
    return mapping


def check_mapping(mapping: dict[str, str], headers: list[str]) -> list[str]:
    """Problems with a mapping: required fields without a column, columns not in the file."""
    problems = [_("Choose a column for “%(field)s”.") % {"field": label}
                for name, (label, required, _a) in FIELDS.items() if required and not mapping.get(name)]
    problems += [_("Column “%(column)s” is not in the file.") % {"column": column}
                 for column in mapping.values() if column and column not in headers]
    return problems


class RowValidator:
    """Validates rows one by one, remembering codes already seen in the file."""

    def __init__(self, headers: list[str], mapping: dict[str, str]):
        self.index = {name: headers.index(column) for name, column in mapping.items() if column in headers}
        self.columns = {name: column for name, column in mapping.items() if column in headers}
        self.sectors = set(Sector.objects.values_list("code", flat=True))
        self.seen: dict[str, int] = {}
        self.today = timezone.localdate()

    def existing_codes(self, codes: Iterable[str]) -> set[str]:
        return set(Project.objects.filter(code__in=list(codes)).values_list("code", flat=True))

    def validate(self, rows: Iterable[tuple[int, list]], report: Report) -> None:
        """Validate a batch of (row number, cells); appends problems and valid rows to ``report``."""
        rows = list(rows)
        existing = self.existing_codes(as_text(self._cell(cells, "code")) for _n, cells in rows)
        for number, cells in rows:
            report.total += 1
            problems: list[tuple[str, str]] = []
            parsed = self._row(cells, existing, problems, number)
            if problems:
                report.problems += [{"row": number, "column": column, "problem": str(problem)}
                                    for column, problem in problems]
            else:
                report.valid.append(parsed)

    def _cell(self, cells: list, name: str):
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    def _row(self, cells, existing, problems, number) -> ParsedRow | None:
        def problem(name, message):
            problems.append((self.columns.get(name, name), message))

        text = {name: as_text(self._cell(cells, name)) for name in FIELDS}
        values: dict = {}
        for name, (label, required, _a) in FIELDS.items():
            if required and not text[name]:
                problem(name, _("%(field)s is missing.") % {"field": label})
        code = text["code"]
        if code:
            if len(code) > 40:
                problem("code", _("The code is longer than 40 characters."))
            elif code in self.seen:
                problem("code", _("Duplicate project code: also on row %(row)s.") % {"row": self.seen[code]})
            elif code in existing:
                problem("code", _("A project with this code is already registered."))
            self.seen.setdefault(code, number)
        values["code"] = code
        for name in ("name_vi", "name_en"):
            values[name] = text[name]
            if TCVN3_MARKERS.search(text[name]):
                problem(name, _("The text looks like a legacy TCVN3/ABC encoding: convert it to Unicode."))
            elif MOJIBAKE.search(text[name]):
                problem(name, _("The text looks garbled (UTF-8 read in another encoding): re-save as UTF-8."))
        if text["sector"] and text["sector"].upper() not in self.sectors:
            problem("sector", _("Unknown VSIC sector code %(code)s.") % {"code": text["sector"]})
        values["sector"] = text["sector"].upper()
        values["registered_on"] = self._date(self._cell(cells, "registered_on"), "registered_on", problem)
        currency = text["currency"].upper()
        if currency and currency not in Currency.values:
            problem("currency", _("The currency must be VND or USD."))
        values["currency"] = currency
        values["capital"] = self._decimal(text["capital"], "capital", problem, minimum=Decimal("0"),
                                          negative=_("Capital cannot be negative."))
        rate = self._decimal(text["exchange_rate"], "exchange_rate", problem, minimum=Decimal("0.01"),
                             negative=_("The exchange rate must be above 0."))
        values["exchange_rate"] = rate
        for name, low, high in (("lon", -180, 180), ("lat", -90, 90)):
            number_value = self._decimal(text[name], name, problem) if text[name] else None
            if number_value is not None and not low <= number_value <= high:
                problem(name, _("Out of range (%(low)s to %(high)s).") % {"low": low, "high": high})
            values[name] = float(number_value) if number_value is not None else None
        if (values["lon"] is None) != (values["lat"] is None):
            problem("lat", _("Give both longitude and latitude, or neither."))
        values["land_area_m2"] = self._decimal(text["land_area_m2"], "land_area_m2", problem,
                                               minimum=Decimal("0")) if text["land_area_m2"] else None
        employees = self._decimal(text["planned_employees"], "planned_employees", problem,
                                  minimum=Decimal("0")) if text["planned_employees"] else Decimal("0")
        if employees is not None and employees != employees.to_integral_value():
            problem("planned_employees", _("Not a whole number."))
        values["planned_employees"] = int(employees or 0)
        values["certificate_number"] = text["certificate_number"][:60]
        investors = self._investors(text["investors"], problem) if text["investors"] else []
        kind = text["kind"].lower()
        if kind and kind not in ProjectKind.values:
            problem("kind", _("The kind must be “domestic” or “fdi”."))
        elif investors:
            foreign = sum((pct for _n, country, pct in investors if country != HOME_COUNTRY), Decimal("0"))
            if kind and kind != kind_for_foreign_share(foreign):
                problem("kind", _("The kind says %(kind)s but the foreign share is %(pct)s%%.")
                        % {"kind": kind, "pct": foreign})
        values["kind"] = kind
        return ParsedRow(number, values, investors)

    def _date(self, value, name, problem) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            parsed = value.date()
        elif isinstance(value, datetime.date):
            parsed = value
        else:
            parsed = None
            raw = as_text(value)
            for pattern in DATE_FORMATS:
                try:
                    parsed = datetime.datetime.strptime(raw, pattern).date()
                    break
                except ValueError:
                    continue
            if parsed is None:
                if raw:
                    problem(name, _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).") % {"value": raw})
                return None
        if parsed > self.today:
            problem(name, _("The date %(date)s is in the future.") % {"date": parsed.isoformat()})
        return parsed

    @staticmethod
    def _decimal(raw: str, name: str, problem, *, minimum: Decimal | None = None, negative: str = ""):
        if not raw:
            return None
        cleaned = raw.replace(" ", "").replace("\u00a0", "")
        if cleaned.count(",") and cleaned.count("."):
            cleaned = cleaned.replace(",", "")
        elif cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
            cleaned = cleaned.replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            problem(name, _("“%(value)s” is not a number.") % {"value": raw})
            return None
        if not value.is_finite():
            problem(name, _("“%(value)s” is not a number.") % {"value": raw})
            return None
        if minimum is not None and value < minimum:
            problem(name, negative or _("The value must be at least %(min)s.") % {"min": minimum})
            return None
        return value

    def _investors(self, raw: str, problem) -> list[tuple[str, str, Decimal]]:
        investors = []
        for part in filter(None, (p.strip() for p in raw.split(";"))):
            pieces = [p.strip() for p in part.split("|")]
            if len(pieces) != 3:
                problem("investors", _("Write each investor as name|country|share, e.g. ABC Co.|KR|100."))
                return []
            name, country, share = pieces
            country = country.upper()
            if country not in COUNTRIES:
                problem("investors", _("Unknown country code %(code)s.") % {"code": country})
            pct = self._decimal(share.rstrip("%"), "investors", problem, minimum=Decimal("0.01"),
                                negative=_("Every share must be above 0%."))
            if pct is None:
                return []
            investors.append((name, country, pct))
        total = sum((pct for _n, _c, pct in investors), Decimal("0"))
        if investors and total != HUNDRED:
            problem("investors", _("Shares total %(total)s%%, not 100%%.") % {"total": total})
        return investors
