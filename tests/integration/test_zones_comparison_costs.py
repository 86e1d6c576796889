"""The comparison's total-cost section: the same figures as the cost service, the visitor's assumptions kept
in the shared link and the downloads, and what could not be costed said."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.profile import ProjectProfile
from tests.factories_shortlist import comparable_zones
from zones.costs import CostAssumptions, total_cost
from zones.models import ExchangeRate, Plot

pytestmark = pytest.mark.django_db

COMPARE = reverse("zones:compare")
TEN_YEARS = "Total over 10 years (USD)"


@pytest.fixture
def zones(home_page):
    ExchangeRate.objects.create(vnd_per_usd=Decimal("25000"), effective_from=datetime.date(2024, 1, 1),
                                source="Test rate", as_of=datetime.date(2026, 1, 1))
    return comparable_zones(home_page)


def section(response, key="total_cost"):
    return next(s for s in response.context["comparison"].sections if s.key == key)


def row(found, label):
    return next(r for r in found.rows if r.label == label)


def test_a_plots_ten_year_total_is_the_cost_services(client, zones):
    query = {"items": ["bravo-park:P1", "charlie-park:P2"], "years": "10", "electricity_mwh_year": "1200",
             "water_m3_day": "50", "employees": "100"}
    response = client.get(COMPARE, query)
    totals = row(section(response), TEN_YEARS).cells
    for cell, (code, plot_code) in zip(totals, [("bravo-park", "P1"), ("charlie-park", "P2")], strict=True):
        zone = zones[code]
        plot = Plot.objects.for_zone(zone).get(code=plot_code)
        expected = total_cost(zone, area_m2=Decimal(str(plot.area_m2)), land_price_usd_m2=plot.price_usd(zone),
                              profile=ProjectProfile(), assumptions=CostAssumptions(
                                  years=10, electricity_mwh_year=Decimal("1200"), water_m3_day=Decimal("50"),
                                  employees=100))
        assert cell.value == expected.total_usd > 0
    parts = [r.label for r in section(response).rows]
    assert "Electricity over 10 years (USD)" in parts and any(label.startswith("Land rent") for label in parts)
    electricity = row(section(response), "Electricity over 10 years (USD)").cells[0]
    assert electricity.sources and all(source.text for source in electricity.sources)
    # The shared link and the downloads cost with the same assumptions.
    assert "electricity_mwh_year=1200" in response.context["share_url"]
    export = client.get(response.context["xlsx_url"])
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows[TEN_YEARS] == tuple(float(cell.value) for cell in totals)


def test_what_cannot_be_costed_is_said(client, zones):
    response = client.get(COMPARE, {"items": ["alpha-park", "bravo-park:P1"]})
    found = section(response)
    assert "the land your project needs, to cost a site in a zone. (Alpha Park)" in found.note
    assert "Electricity: no electricity use given." in found.note
    assert row(found, TEN_YEARS).cells[0].given is False


def test_bad_assumptions_are_named_not_a_500(client, zones):
    response = client.get(COMPARE, {"items": ["bravo-park:P1"], "years": "500", "discount_rate_pct": "abc"})
    assert response.status_code == 200
    found = section(response)
    assert not found.rows and "Check the cost assumptions" in found.note
    assert 'id="id_years_error"' in response.text


def test_the_pdf_and_xlsx_print_each_source_in_words(client, zones):
    from tests.integration.test_zones_comparison import pdf_text

    query = {"items": ["bravo-park:P1"], "electricity_mwh_year": "1200"}
    text = pdf_text(client.get(reverse("zones:compare_export", args=["pdf"]), query).content)
    assert "Source(" not in text
    assert "[1] " in text and "Test rate" in text and "as of 01/01/2026" in text
    book = load_workbook(io.BytesIO(client.get(reverse("zones:compare_export", args=["xlsx"]), query).content))
    cited = [row[3] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert any(value.startswith("Test rate · as of 01/01/2026") for value in cited)
    assert not any("Source(" in value for value in cited)
