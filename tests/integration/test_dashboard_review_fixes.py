"""Fixes from the review of the dashboard and home figures: numbers written the way each language writes them,
the previous period, the day the figures run to, chart labels that fit, no sideways scrolling on a phone, a plain
empty state and zone names in the page's language."""

import datetime
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from projects.models import Project
from projects.services import Share
from projects.statistics import Period, figures_as_of, format_number, project_rows, ranking, summary
from tests.factories_projects import dashboard_url, investor, make_sectors, project
from tests.factories_zones import make_zone, vi_locale, zone_index

pytestmark = pytest.mark.django_db


# 1. Numbers by language.

@pytest.mark.parametrize("value,decimals,language,expected", [
    (Decimal("28929.4"), 0, "en", "28,929"), (Decimal("28929.4"), 0, "vi", "28.929"),
    (Decimal("4.025"), 2, "en", "4.03"), (Decimal("4.025"), 2, "vi", "4,03"),
    (1272, 0, "vi", "1.272"), (Decimal("-1234567.25"), 1, "vi", "-1.234.567,3"), (0, 1, "vi", "0,0"),
    (None, 0, "en", "0"), (999, 0, "vi", "999"),
])
def test_format_number_follows_the_language(value, decimals, language, expected):
    assert format_number(value, decimals, language) == expected


def test_format_number_uses_the_active_language_by_default():
    with translation.override("vi"):
        assert format_number(Decimal("28929.5"), 1) == "28.929,5"
    with translation.override("en"):
        assert format_number(Decimal("28929.5"), 1) == "28,929.5"


def test_home_figures_are_written_the_way_each_language_writes_numbers(client, demo_registry):
    english = client.get("/en/").content.decode()
    vietnamese = client.get("/vi/").content.decode()
    assert "28,929" in english and "1,272" in english
    assert "28.929" in vietnamese and "1.272" in vietnamese
    assert "28,929" not in vietnamese and "1,272" not in vietnamese
    billions = re.findall(r'<span class="figure-value">([\d.,]+) <small>tỷ USD', vietnamese)
    assert billions and re.fullmatch(r"\d+,\d\d", billions[0]), billions


def test_dashboard_figures_are_written_the_way_each_language_writes_numbers(client, demo_registry):
    assert "28,929" in client.get(dashboard_url("en")).content.decode()
    vietnamese = client.get(dashboard_url("vi")).content.decode()
    assert "28.929" in vietnamese and "28,929" not in vietnamese


# 2. The previous period.

@pytest.mark.parametrize("period,expected", [
    (Period.year(2021), (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), "2020")),
    (Period.year(2000), (datetime.date(1999, 1, 1), datetime.date(1999, 12, 31), "1999")),
    (Period.term("2020-2025"), (datetime.date(2015, 1, 1), datetime.date(2020, 12, 31), "2015–2020")),
    (Period.term("2025-2030"), (datetime.date(2020, 1, 1), datetime.date(2025, 12, 31), "2020–2025")),
    (Period.month(2021, 1), (datetime.date(2020, 12, 1), datetime.date(2020, 12, 31), "12/2020")),
    (Period.month(2024, 3), (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), "02/2024")),
    (Period.quarter(2021, 1), (datetime.date(2020, 10, 1), datetime.date(2020, 12, 31), "Q4/2020")),
    (Period.half(2021, 1), (datetime.date(2020, 7, 1), datetime.date(2020, 12, 31), "H2/2020")),
    (Period.half(2021, 2), (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30), "H1/2021")),
    # Whole calendar months shift by months, whatever the number of days (2020 is a leap year).
    (Period.custom(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
     (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), "01/01/2020–31/12/2020")),
    (Period.custom(datetime.date(2021, 3, 1), datetime.date(2021, 5, 31)),
     (datetime.date(2020, 12, 1), datetime.date(2021, 2, 28), "01/12/2020–28/02/2021")),
    # Other ranges shift by their number of days and end the day before.
    (Period.custom(datetime.date(2021, 3, 10), datetime.date(2021, 3, 19)),
     (datetime.date(2021, 2, 28), datetime.date(2021, 3, 9), "28/02/2021–09/03/2021")),
    (Period.custom(datetime.date(2021, 1, 1), datetime.date(2021, 1, 1)),
     (datetime.date(2020, 12, 31), datetime.date(2020, 12, 31), "31/12/2020–31/12/2020")),
])
def test_previous_period(period, expected):
    previous = period.previous()
    assert (previous.start, previous.end, previous.label) == expected


def test_custom_previous_period_has_the_same_number_of_days_when_not_whole_months():
    period = Period.custom(datetime.date(2020, 2, 15), datetime.date(2020, 3, 14))
    previous = period.previous()
    assert previous.end == period.start - datetime.timedelta(days=1)
    assert previous.end - previous.start == period.end - period.start


def test_term_is_compared_with_the_previous_term(client, home_page):
    make_sectors()
    project("OLD-2015", registered_on=datetime.date(2015, 3, 1))
    project("OLD-2014", registered_on=datetime.date(2014, 3, 1))
    project("NEW-2021", registered_on=datetime.date(2021, 3, 1))
    figures = summary(Period.term())
    assert figures["previous_period"].label == "2015–2020"
    assert figures["previous"]["projects"] == 1  # 2015, not 2014
    page = client.get(dashboard_url("en")).content.decode()
    # The figures stop on 1 March 2021: the term so far against the same span of the previous term.
    assert "Change against the previous period (01/01/2015–01/03/2016)" in " ".join(page.split())


# 3. The day the figures run to.

def test_figures_as_of_is_the_latest_registration_capped_by_the_period(home_page):
    assert figures_as_of() is None
    project("A-1", registered_on=datetime.date(2021, 3, 1))
    project("A-2", registered_on=datetime.date(2023, 5, 18))
    assert figures_as_of() == datetime.date(2023, 5, 18)
    assert figures_as_of(Period.term()) == datetime.date(2023, 5, 18)
    assert figures_as_of(Period.year(2021)) == datetime.date(2021, 12, 31)


def test_dashboard_and_home_say_up_to_which_day_the_figures_run(client, home_page):
    make_sectors()
    project("A-1", registered_on=datetime.date(2021, 3, 1))
    project("A-2", registered_on=datetime.date(2023, 5, 18))
    assert "Figures up to 18/05/2023" in client.get(dashboard_url("en")).content.decode()
    assert "Số liệu đến ngày 18/05/2023" in client.get(dashboard_url("vi")).content.decode()
    assert "Figures up to 31/12/2021" in client.get(dashboard_url("en", period="year", year=2021)).content.decode()
    assert "Figures up to 18/05/2023" in client.get("/en/").content.decode()
    assert "Số liệu đến ngày 18/05/2023" in client.get("/vi/").content.decode()
    # A period after the registry ends says so, and the totals stop where the figures do.
    later = client.get(dashboard_url("en", period="year", year=2024)).content.decode()
    assert "The registry's figures run up to 18/05/2023: there are none yet for 2024." in later
    assert "No projects were registered in 2024." not in later
    vietnamese = client.get(dashboard_url("vi", period="year", year=2024)).content.decode()
    assert "chưa có số liệu cho kỳ 2024" in vietnamese
    term = client.get(dashboard_url("en")).content.decode()
    assert "valid FDI projects in total on 18/05/2023" in term and "in total on 31/12/2025" not in term


def test_home_without_registry_shows_no_as_of_line(client, home_page):
    assert "Figures up to" not in client.get("/en/").content.decode()


# 4. Chart labels that fit.

def _static_text(path: str) -> str:
    return Path(finders.find(path)).read_text(encoding="utf-8")


def test_bar_chart_labels_are_wrapped_and_shortened_in_the_chart_code():
    script = _static_text("projects/js/dashboard.js")
    assert "callback: labelTick" in script and "autoSkip: false" in script
    assert "function wrapLabel" in script and "…" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_wrap_label_splits_long_names_and_ends_cut_ones_with_an_ellipsis():
    script = _static_text("projects/js/dashboard.js")
    helpers = re.search(r"var LABEL_LINES.*?(?=\n  function labelTick)", script, re.S).group(0)
    names = ["Manufacture of electrical equipment", "Becamex Binh Phuoc Industrial Park", "Korea",
             "27 – Manufacture of electrical equipment and of other very long things", "Supercalifragilistic" * 2]
    program = helpers + f";console.log(JSON.stringify({json.dumps(names)}.map(n => wrapLabel(n, 20))));"
    result = json.loads(subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True,
                                       timeout=30).stdout)
    assert result[0] == ["Manufacture of", "electrical equipment"]
    assert result[1] == ["Becamex Binh Phuoc", "Industrial Park"]
    assert result[2] == "Korea"
    assert len(result[3]) == 2 and result[3][-1].endswith("…")
    assert result[4].endswith("…") and len(result[4]) == 20
    for lines in result:
        assert all(len(line) <= 20 for line in ([lines] if isinstance(lines, str) else lines))


# 5. No sideways scrolling on a phone.

def _rule(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*(?:,[^{]*)?\{([^}]*)\}", css)
    assert match, selector
    return match.group(1)


def test_filters_and_tables_fit_a_phone_screen(client, home_page):
    css = _static_text("projects/css/dashboard.css")
    assert "flex-wrap: wrap" in _rule(css, ".dashboard-filters")
    assert "max-width: 100%" in _rule(css, ".dashboard-filter select")
    assert "min-width: 0" in _rule(css, ".dashboard-filter")
    assert "overflow-x: auto" in _rule(css, ".table-scroll")
    assert "min(20rem, 100%)" in _rule(css, ".dashboard-charts")
    make_sectors()
    project("T-1")
    page = client.get(dashboard_url("en", period="year", year=2021)).content.decode()
    tables = re.findall(r"<table[^>]*>", page)
    wrapped = re.findall(r'<div class="table-scroll">\s*<table[^>]*>', page)
    assert tables and len(wrapped) == len(tables)


# 6. Empty state.

def test_a_period_without_registrations_says_so_instead_of_empty_charts(client, home_page):
    make_sectors()
    project("E-1", registered_on=datetime.date(2021, 3, 1))
    project("E-3", registered_on=datetime.date(2025, 6, 1))
    page = client.get(dashboard_url("en", period="year", year=2024)).content.decode()
    assert "No projects were registered in 2024." in page
    assert 'id="chart-series"' not in page and 'id="dashboard-map"' not in page
    assert "million USD" not in page
    vietnamese = client.get(dashboard_url("vi", period="year", year=2024)).content.decode()
    assert "Không có dự án nào được đăng ký trong kỳ 2024." in vietnamese
    filtered = client.get(dashboard_url("en", period="year", year=2021, country="JP")).content.decode()
    assert "No projects matching these filters were registered in 2021." in filtered
    full = client.get(dashboard_url("en", period="year", year=2021)).content.decode()
    assert "were registered in" not in full and 'id="chart-series"' in full


def test_a_period_with_only_capital_changes_keeps_its_figures(client, home_page):
    from projects.choices import CapitalChangeKind
    from projects.services import add_capital_change

    make_sectors()
    p = project("E-2", registered_on=datetime.date(2021, 3, 1))
    add_capital_change(p, CapitalChangeKind.INCREASE, Decimal("500000"), datetime.date(2022, 6, 1))
    page = client.get(dashboard_url("en", period="year", year=2022)).content.decode()
    assert "No projects were registered in 2022." in page
    assert 'data-figure="adjusted-capital"' in page and 'id="chart-series"' in page


# 7. Zone names in the page's language.

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

