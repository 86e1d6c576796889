"""Helpers for the projects tests: reference sectors, investors, registered projects and spreadsheets."""

import csv
import datetime
import io
import unicodedata
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from projects.models import Investor, Project
from projects.services import Share, register_project
from zones.models import Sector

HEADER = ["code", "name_vi", "name_en", "kind", "sector", "registered_on", "currency", "capital", "exchange_rate",
          "investors", "lon", "lat"]


def make_sectors() -> dict[str, Sector]:
    """A section, a division and a class of VSIC 2018."""
    section, _ = Sector.objects.get_or_create(code="C", defaults={"level": "section", "name_vi": "Chế biến",
                                                                   "name_en": "Manufacturing"})
    division, _ = Sector.objects.get_or_create(code="26", defaults={
        "level": "division", "parent": section, "name_vi": "Điện tử", "name_en": "Electronics"})
    klass, _ = Sector.objects.get_or_create(code="2610", defaults={
        "level": "class", "parent": division, "name_vi": "Linh kiện điện tử", "name_en": "Electronic components"})
    food, _ = Sector.objects.get_or_create(code="10", defaults={
        "level": "division", "parent": section, "name_vi": "Thực phẩm", "name_en": "Food"})
    return {"C": section, "26": division, "2610": klass, "10": food}


def investor(name="Hanil Co.", country="KR", **extra) -> Investor:
    kind = "domestic_enterprise" if country == "VN" else "foreign_enterprise"
    return Investor.objects.create(name_vi=name, name_en=name, country=country, kind=kind, **extra)


def project(code, *, shares=None, registered_on=datetime.date(2021, 3, 1), currency="USD",
            capital=Decimal("1000000"), sector=None, rate=Decimal("23000"), **extra) -> Project:
    """A project registered through the service."""
    shares = shares or [Share(investor(f"Investor {code}", "KR"), Decimal("100"))]
    extra = {"name_vi": f"Dự án {code}", "name_en": f"Project {code}", **extra}
    p = Project(code=code, registered_on=registered_on, currency=currency, registered_capital=capital,
                exchange_rate=rate, exchange_rate_date=registered_on, sector=sector, **extra)
    return register_project(p, shares)


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    if encoding == "cp1258":
        return to_cp1258(out.getvalue())
    return out.getvalue().encode(encoding)


def to_cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes Vietnamese: a precomposed base letter plus a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", parts[:-1]).encode("cp1258") + parts[-1].encode("cp1258")
    return bytes(out)


def good_row(code="IMP-001", **overrides) -> list:
    row = {"code": code, "name_vi": "Nhà máy linh kiện Hanil", "name_en": "Hanil components plant", "kind": "fdi",
           "sector": "2610", "registered_on": "2022-05-10", "currency": "USD", "capital": "12500000",
           "exchange_rate": "23500", "investors": "Hanil Co.|KR|70; Sao Viet JSC|VN|30", "lon": "106.62",
           "lat": "11.47"}
    row.update(overrides)
    return [row[h] for h in HEADER]


def dashboard_url(language="en", **params) -> str:
    """The dashboard's URL in ``language`` with ``params`` as its query string."""
    with translation.override(language):
        url = reverse("projects:dashboard")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
