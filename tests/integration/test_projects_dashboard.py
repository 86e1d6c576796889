"""The public dashboard: the article's figures in both languages, filters, exports without formula injection or
private fields, a query count that does not grow with the data, and the home page figures."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from projects.exports import neutralise
from projects.models import Investor, Project
from projects.services import Share
from tests.factories_projects import dashboard_url, investor, make_sectors, project

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_article_figures_in_both_languages(client, demo_registry):
    english = client.get(dashboard_url("en")).content.decode()
    assert "157" in english and "28,929" in english and "110" in english and "1,272" in english
    assert "378" in english
    assert "Investment figures" in english and 'id="dashboard-data"' in english
    vietnamese = client.get(dashboard_url("vi")).content.decode()
    assert "28.929" in vietnamese and "1.272" in vietnamese
    assert "tỷ đồng" in vietnamese or "tỷ VND" in vietnamese
    half = client.get(dashboard_url("en", period="half", year=2023, number=1, kind="fdi")).content.decode()
    assert "632" in half
    # Nothing private reaches the page.
    for page in (english, vietnamese):
        assert "@example.org" not in page and "private notes" not in page and "appraisal notes" not in page


def test_filters_change_the_figures(client, home_page):
    make_sectors()
    korean = investor("Hanil", "KR")
    domestic = investor("Sao Viet", "VN")
    project("F-1", shares=[Share(korean, Decimal("100"))], capital=Decimal("7000000"))
    project("D-1", shares=[Share(domestic, Decimal("100"))], currency="VND", capital=Decimal("9" + "0" * 11))
    all_page = client.get(dashboard_url(period="year", year=2021)).content.decode()
    kr_page = client.get(dashboard_url(period="year", year=2021, country="KR")).content.decode()
    assert 'data-figure="domestic-projects">\n      <span class="figure-value">1<' in all_page
    assert 'data-figure="domestic-projects">\n      <span class="figure-value">0<' in kr_page
    assert 'data-figure="fdi-projects">\n      <span class="figure-value">1<' in kr_page


def test_query_count_does_not_grow_with_data(client, home_page):
    make_sectors()
    client.get(dashboard_url())  # warm caches (site, settings)
    for i in range(3):
        project(f"S-{i}")
    with CaptureQueriesContext(connection) as small:
        assert client.get(dashboard_url()).status_code == 200
    for i in range(3, 60):
        project(f"S-{i}", shares=[Share(investor(f"I{i}", ["KR", "JP", "VN"][i % 3]), Decimal("100"))],
                registered_on=datetime.date(2020 + i % 4, 1 + i % 12, 1))
    with CaptureQueriesContext(connection) as large:
        assert client.get(dashboard_url()).status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]


def test_exports_neutralise_formulas_and_leave_private_fields_out(client, home_page):
    make_sectors()
    evil = investor("=HYPERLINK(\"http://x\")", "KR", contact_email="secret@example.org",
                    private_notes="SECRET NOTE")
    project("=1+2", shares=[Share(evil, Decimal("100"))], private_notes="SECRET PROJECT NOTE",
            name_en="@SUM(A1:A2)")
    Project.objects.filter(code="=1+2").update(name_vi="-cmd|' /C calc'!A0")
    csv_response = client.get(reverse("projects:export_csv") + "?period=year&year=2021")
    assert csv_response["Content-Disposition"].startswith("attachment;")
    text = csv_response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'=1+2" and rows[1][1] == "'-cmd|' /C calc'!A0" and rows[1][2] == "'@SUM(A1:A2)"
    assert "SECRET" not in text and "secret@example.org" not in text
    xlsx = client.get(reverse("projects:export_xlsx") + "?period=year&year=2021")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[0] == "'=1+2" and all(cell.data_type != "f" for cell in sheet[2])
    assert not any("SECRET" in str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    assert Investor.objects.get(pk=evil.pk).private_notes == "SECRET NOTE"


@pytest.mark.parametrize("value,expected", [("=A1", "'=A1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
                                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("ok", "ok"), (5, 5)])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_home_page_figures_come_from_the_registry(client, demo_registry):
    page = client.get("/en/").content.decode()
    assert "28,929" in page and "1,272" in page


def test_registry_figures_say_their_source_and_when_they_may_be_out_of_date(client, home_page):
    project("OLD-1", registered_on=datetime.date(2023, 5, 18))
    home = client.get("/en/").content.decode()
    dashboard = client.get(dashboard_url()).content.decode()
    for page in (home, dashboard):
        assert "Project registry kept by the economic zone board" in page
        assert "As of 18/05/2023." in page and "may be out of date" in page
    project("NEW-1", registered_on=datetime.date.today())
    assert "may be out of date" not in client.get("/en/").content.decode()
