"""The dashboard's periods: the previous period it compares with, the day the figures run to, and what a
period without registrations shows instead of empty charts."""

import datetime
from decimal import Decimal

import pytest

from projects.statistics import Period, figures_as_of, summary
from tests.factories_projects import dashboard_url, make_sectors, project

pytestmark = pytest.mark.django_db


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
