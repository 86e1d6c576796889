"""The pipeline's figures against numbers worked out by hand, their filters, the exports (CSV and XLSX open and
hold the rows) and names that reach the report's pages and charts escaped.

The leads (capital in USD, likelihood, jobs; days spent in each stage):
  L1 mai   KR 2610  1,000,000  50%  100  enquiry 2 → qualified 4 → site visit 6 → committed (now)
  L2 mai   KR 2610  3,000,000  20%  300  enquiry 1 → qualified 2 → lost (costs)
  L3 binh  JP 10      500,000  80%   50  enquiry 3 → qualified (now)
  L4 —     JP —             0  10%    0  enquiry (now), created 20 days after the others
"""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from promotion import pipeline_exports, pipeline_reports
from promotion.models import Lead, LostReason
from promotion.pipeline_reports import Filters
from tests.factories_leads import START, lead_officer, lead_with_history
from tests.factories_projects import make_sectors

NOW = START + timedelta(days=30)


@pytest.fixture
def board(db):
    """The four leads of the module's note, and the people."""
    sectors = make_sectors()
    mai = lead_officer("mai")
    binh = lead_officer("binh")
    l1 = lead_with_history(mai, [("enquiry", 2), ("qualified", 4), ("site_visit", 6), ("committed", 0)],
                           investor_name="L1", country="KR", sector=sectors["2610"], capital_usd=Decimal("1000000"),
                           likelihood=50, jobs=100, owner=mai)
    l2 = lead_with_history(mai, [("enquiry", 1), ("qualified", 2), ("lost", 0)], investor_name="L2", country="KR",
                           sector=sectors["2610"], capital_usd=Decimal("3000000"), likelihood=20, jobs=300, owner=mai)
    Lead.objects.filter(pk=l2.pk).update(lost_reason=LostReason.COSTS)
    l3 = lead_with_history(binh, [("enquiry", 3), ("qualified", 0)], investor_name="L3", country="JP",
                           sector=sectors["10"], capital_usd=Decimal("500000"), likelihood=80, jobs=50, owner=binh)
    l4 = lead_with_history(mai, [("enquiry", 0)], start=START + timedelta(days=20), investor_name="L4",
                           country="JP", capital_usd=Decimal("0"), likelihood=10, jobs=0, owner=None)
    return {"mai": mai, "binh": binh, "sectors": sectors, "leads": [l1, l2, l3, l4]}


def by_key(rows, key="label"):
    return {row[key]: row for row in rows}


def test_counts_capital_and_jobs_by_stage_and_in_all(board):
    rows = by_key(pipeline_reports.by_stage(), "key")
    assert [row["key"] for row in pipeline_reports.by_stage()] == [
        "enquiry", "qualified", "site_visit", "committed", "registered", "operating", "lost"]
    assert {key: row["count"] for key, row in rows.items()} == {
        "enquiry": 1, "qualified": 1, "site_visit": 0, "committed": 1, "registered": 0, "operating": 0, "lost": 1}
    assert rows["qualified"]["capital_usd"] == Decimal("500000.00")
    assert rows["qualified"]["expected_capital_usd"] == Decimal("400000.00")
    assert (rows["qualified"]["jobs"], rows["qualified"]["expected_jobs"]) == (50, 40)
    assert rows["lost"]["expected_capital_usd"] == Decimal("600000.00")
    totals = pipeline_reports.totals()
    assert (totals["all"]["count"], totals["all"]["capital_usd"], totals["all"]["expected_capital_usd"]) == (
        4, Decimal("4500000.00"), Decimal("1500000.00"))
    assert (totals["all"]["jobs"], totals["all"]["expected_jobs"]) == (450, 150)
    assert (totals["open"]["count"], totals["open"]["capital_usd"], totals["open"]["expected_capital_usd"]) == (
        3, Decimal("1500000.00"), Decimal("900000.00"))


def test_by_owner_country_and_sector(board):
    owners = by_key(pipeline_reports.by_owner())
    assert {label: row["count"] for label, row in owners.items()} == {"mai": 2, "binh": 1, "No owner": 1}
    assert owners["mai"]["capital_usd"] == Decimal("4000000.00")
    assert pipeline_reports.by_owner()[0]["label"] == "mai"
    countries = by_key(pipeline_reports.by_country(language="en"))
    assert {label: row["count"] for label, row in countries.items()} == {"South Korea": 2, "Japan": 2}
    assert countries["Japan"]["jobs"] == 50
    sectors = by_key(pipeline_reports.by_sector(language="en"))
    klass, food = board["sectors"]["2610"], board["sectors"]["10"]
    assert {label: row["count"] for label, row in sectors.items()} == {
        f"2610 · {klass.name_en}": 2, f"10 · {food.name_en}": 1, "Unknown sector": 1}


def test_conversion_from_the_stage_history(board):
    rows = pipeline_reports.conversion()
    assert [(row["from"], row["reached"], row["converted"], row["rate"]) for row in rows] == [
        ("enquiry", 4, 3, Decimal("75.0")), ("qualified", 3, 1, Decimal("33.3")),
        ("site_visit", 1, 1, Decimal("100.0")), ("committed", 1, 0, Decimal("0.0")),
        ("registered", 0, 0, None)]


def test_a_lead_that_skipped_stages_counts_as_having_reached_them(board):
    mai = board["mai"]
    lead_with_history(mai, [("qualified", 1), ("registered", 0)], investor_name="Jumped")
    counts = pipeline_reports.reached()
    assert counts["site_visit"] == 2 and counts["committed"] == 2 and counts["registered"] == 1
    assert counts["enquiry"] == 5


def test_time_in_stage_average_median_and_waiting(board):
    rows = by_key(pipeline_reports.time_in_stage(now=NOW), "stage")
    enquiry, qualified = rows["enquiry"], rows["qualified"]
    assert (enquiry["stays"], enquiry["average_days"], enquiry["median_days"]) == (3, Decimal("2.0"), Decimal("2.0"))
    assert (qualified["stays"], qualified["average_days"], qualified["median_days"]) == (
        2, Decimal("3.0"), Decimal("3.0"))
    assert (rows["site_visit"]["average_days"], rows["site_visit"]["median_days"]) == (Decimal("6.0"),
                                                                                        Decimal("6.0"))
    assert (rows["committed"]["stays"], rows["committed"]["average_days"]) == (0, None)
    assert (enquiry["waiting"], enquiry["waited_days"]) == (1, Decimal("10.0"))
    assert (qualified["waiting"], qualified["waited_days"]) == (1, Decimal("27.0"))
    assert (rows["committed"]["waiting"], rows["committed"]["waited_days"]) == (1, Decimal("18.0"))


def test_the_median_of_an_odd_count_is_the_middle_stay(board):
    lead_with_history(board["mai"], [("enquiry", 10), ("qualified", 0)], investor_name="Slow")
    enquiry = by_key(pipeline_reports.time_in_stage(now=NOW), "stage")["enquiry"]
    assert (enquiry["stays"], enquiry["median_days"], enquiry["average_days"]) == (4, Decimal("2.5"),
                                                                                   Decimal("4.0"))


def test_filters_by_owner_country_sector_and_creation_period(board):
    assert pipeline_reports.totals(Filters(owner=board["mai"]))["all"]["count"] == 2
    assert pipeline_reports.totals(Filters(country="jp"))["all"]["count"] == 2
    division = board["sectors"]["26"]
    assert pipeline_reports.totals(Filters(sector=division))["all"]["capital_usd"] == Decimal("4000000.00")
    later = Filters(created_from=(START + timedelta(days=10)).date())
    assert [row["count"] for row in pipeline_reports.by_stage(later)][0] == 1
    assert pipeline_reports.conversion(later)[0]["reached"] == 1
    earlier = Filters(created_to=START.date(), owner=board["mai"])
    assert pipeline_reports.totals(earlier)["all"]["count"] == 2
    assert pipeline_reports.lost_reasons()[0]["key"] == "costs"


def test_exports_of_the_list_and_the_figures_open_and_hold_the_rows(client, board):
    client.force_login(board["mai"])
    response = client.get(reverse("promotion_leads:export", args=["csv"]), {"country": "KR"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Investor" and sorted(row[0] for row in rows[1:]) == ["L1", "L2"]
    response = client.get(reverse("promotion_leads:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 5 and {row[0] for row in values[1:]} == {"L1", "L2", "L3", "L4"}
    l1 = next(row for row in values if row[0] == "L1")
    assert l1[7] == 1000000 and l1[4] == "Committed"
    response = client.get(reverse("promotion_leads:export_figures", args=["xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["By stage", "By owner"]
    stage_rows = list(book["By stage"].iter_rows(values_only=True))
    assert stage_rows[2][:3] == ("Qualified", 1, 500000)
    conversion = list(book["Conversion"].iter_rows(values_only=True))
    assert conversion[1] == ("Enquiry → Qualified", 4, 3, 75)
    text = client.get(reverse("promotion_leads:export_figures", args=["csv"])).content.decode("utf-8-sig")
    assert "By country" in text and "South Korea,2" in text


def test_a_formula_in_a_name_stays_text_in_the_exports(board):
    lead_with_history(board["mai"], [("enquiry", 0)], investor_name="=HYPERLINK(\"http://x\")")
    rows = pipeline_exports.lead_rows(pipeline_reports.leads().filter(investor_name__startswith="="))
    text = pipeline_exports.to_csv(pipeline_exports.lead_headers(), rows).decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(text))][1] == "'=HYPERLINK(\"http://x\")"
    book = load_workbook(io.BytesIO(pipeline_exports.to_xlsx([("Leads", ["Investor"], rows)])))
    cell = book.active["A2"]
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(\"http://x\")", "s")


def test_names_are_escaped_in_the_pages_and_the_charts(client, board):
    mai = board["mai"]
    mai.first_name = "<script>alert('owner')</script>"
    mai.save()
    bad = lead_with_history(mai, [("enquiry", 0)], investor_name="<script>alert('lead')</script>", owner=mai)
    client.force_login(mai)
    for url in (reverse("promotion_leads:list"), reverse("promotion_leads:detail", args=[bad.pk]),
                reverse("promotion_leads:report")):
        text = client.get(url).content.decode()
        assert "<script>alert(" not in text
    report = client.get(reverse("promotion_leads:report")).content.decode()
    assert "\\u003Cscript\\u003Ealert" in report  # the chart's data, escaped by json_script
    assert "&lt;script&gt;alert(&#x27;owner&#x27;)" in report  # the owner table beside the chart
    listing = client.get(reverse("promotion_leads:list")).content.decode()
    assert "&lt;script&gt;alert(&#x27;lead&#x27;)" in listing
