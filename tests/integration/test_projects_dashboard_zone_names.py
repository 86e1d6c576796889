"""Zone names on the dashboard and in its export are those of the page's language (the original title when a
zone has no translation), looked up in one batch."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.utils import translation

from projects.models import Project
from projects.services import Share
from projects.statistics import Period, project_rows, ranking
from tests.factories import zone_index
from tests.factories_projects import dashboard_url, investor, make_sectors, project
from tests.factories_zones import make_zone, vi_locale
from zones.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_zones(home_page):
    index = zone_index(home_page)
    zones = []
    for i, (english, vietnamese) in enumerate([("Minh Hung III Industrial Park", "KCN Minh Hưng III"),
                                               ("Becamex Binh Phuoc Industrial Park", "KCN Becamex Bình Phước"),
                                               ("Dong Xoai I Industrial Park", None)]):
        zone = make_zone(index, f"zone-{i}", english)
        if vietnamese:
            vi_zone = zone.copy_for_translation(vi_locale(), copy_parents=True)
            vi_zone.title = vietnamese
            vi_zone.save_revision().publish()
        zones.append(zone)
    make_sectors()
    korean = investor("Hanil", "KR")
    for i, zone in enumerate(zones):
        p = project(f"Z-{i}", shares=[Share(korean, Decimal("100"))], capital=Decimal("1000000") * (3 - i))
        Project.objects.filter(pk=p.pk).update(zone=zone)
    return zones


def test_top_zones_and_latest_projects_show_vietnamese_zone_names(client, translated_zones):
    vietnamese = client.get(dashboard_url("vi", period="year", year=2021)).content.decode()
    zone_table = vietnamese[vietnamese.index('data-table="zone"'):]
    zone_table = zone_table[:zone_table.index("</table>")]
    assert "KCN Minh Hưng III" in zone_table and "KCN Becamex Bình Phước" in zone_table
    assert "Dong Xoai I Industrial Park" in zone_table  # no translation: the original title
    assert "Minh Hung III Industrial Park" not in zone_table
    latest = vietnamese[vietnamese.index("dashboard-projects"):]
    assert "<td>KCN Minh Hưng III</td>" in latest and "Minh Hung III Industrial Park" not in latest
    english = client.get(dashboard_url("en", period="year", year=2021)).content.decode()
    assert "Minh Hung III Industrial Park" in english and "KCN Minh Hưng III" not in english


def test_zone_names_are_looked_up_in_one_batch(translated_zones, django_assert_num_queries):
    with django_assert_num_queries(2):  # the ranking, then every translated title at once
        rows = ranking("zone", Period.year(2021), limit=None, language="vi")
    assert [row["name"] for row in rows] == ["KCN Minh Hưng III", "KCN Becamex Bình Phước",
                                             "Dong Xoai I Industrial Park"]
    with django_assert_num_queries(1):
        names = [row["zone_name"] for row in project_rows(Period.year(2021), language="vi")]
    assert sorted(names) == sorted(["KCN Minh Hưng III", "KCN Becamex Bình Phước", "Dong Xoai I Industrial Park"])


def test_the_project_rows_follow_the_active_language_call_after_call(translated_zones):
    def names():
        return sorted(row["zone_name"] for row in project_rows(Period.year(2021), limit=10))

    for _round in range(2):
        with translation.override("vi"):
            assert names() == sorted(["KCN Minh Hưng III", "KCN Becamex Bình Phước", "Dong Xoai I Industrial Park"])
        with translation.override("en"):
            assert names() == sorted(["Minh Hung III Industrial Park", "Becamex Binh Phuoc Industrial Park",
                                      "Dong Xoai I Industrial Park"])


def test_the_csv_export_names_zones_in_the_page_language(client, translated_zones):
    vietnamese = client.get("/vi/projects/dashboard/export.csv",
                            {"period": "year", "year": "2021"}).content.decode("utf-8-sig")
    assert "KCN Minh Hưng III" in vietnamese and "Minh Hung III Industrial Park" not in vietnamese
    english = client.get("/en/projects/dashboard/export.csv", {"period": "year", "year": "2021"})
    assert "Minh Hung III Industrial Park" in english.content.decode("utf-8-sig")


def test_the_fdi_total_says_projects(client, translated_zones):
    english = client.get(dashboard_url("en", period="year", year=2021)).content.decode()
    card = english[english.index('data-figure="cumulative-fdi"'):][:600]
    assert re.search(r"3 <small>projects</small>", card), card
    vietnamese = client.get(dashboard_url("vi", period="year", year=2021)).content.decode()
    assert "3 <small>dự án</small>" in vietnamese[vietnamese.index('data-figure="cumulative-fdi"'):][:600]


def test_the_csv_export_names_the_sector_beside_its_code(client, translated_zones):
    klass = Sector.objects.get(code="2610")
    Project.objects.update(sector=klass)
    english = client.get("/en/projects/dashboard/export.csv", {"period": "year", "year": "2021"})
    rows = list(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    code_column, name_column = rows[0].index("Sector (VSIC)"), rows[0].index("Sector")
    assert {(row[code_column], row[name_column]) for row in rows[1:]} == {("2610", klass.name_en)}
    vietnamese = client.get("/vi/projects/dashboard/export.csv", {"period": "year", "year": "2021"})
    assert klass.name_vi in vietnamese.content.decode("utf-8-sig")
