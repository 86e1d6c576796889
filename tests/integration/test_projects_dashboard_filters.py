"""The dashboard's filter lists: in the language's order, and only the countries that have projects."""

import re

import pytest

from core.text import name_order
from projects.models import Project
from tests.factories_projects import dashboard_url

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [(value, label) for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
            if value]


def test_zone_and_commune_lists_follow_vietnamese_order(client, demo_registry):
    html = client.get(dashboard_url("vi")).content.decode()
    for name in ("zone", "commune"):
        labels = [label for _value, label in options(html, name)]
        assert len(labels) > 3 and labels == sorted(labels, key=name_order), name
    zones = [label for _value, label in options(html, "zone")]
    assert zones != sorted(zones)  # code-point order would differ: the demo has names starting with Đ and Bắc


def test_the_country_list_offers_the_countries_with_projects_and_the_one_asked_for(client, demo_registry):
    with_projects = set(Project.objects.exclude(lead_country="").values_list("lead_country", flat=True))
    offered = {code for code, _label in options(client.get(dashboard_url("en")).content.decode(), "country")}
    assert offered == with_projects and "AQ" not in offered
    asked = options(client.get(dashboard_url("en", country="AQ")).content.decode(), "country")
    assert "AQ" in {code for code, _label in asked}


def test_a_year_the_figures_stop_in_is_compared_with_the_same_span_of_the_year_before(client, home_page):
    import datetime

    from tests.factories_projects import make_sectors, project

    make_sectors()
    for code, day in (("S-1", datetime.date(2022, 2, 1)), ("S-2", datetime.date(2022, 9, 1)),
                      ("S-3", datetime.date(2022, 10, 1)), ("S-4", datetime.date(2023, 2, 1)),
                      ("S-5", datetime.date(2023, 3, 1))):
        project(code, registered_on=day)
    html = client.get(dashboard_url("en", period="year", year=2023)).content.decode()
    change = re.search(r'<p class="dashboard-change">(.*?)</p>', html, re.S).group(1)
    assert "(01/01/2022–01/03/2022)" in change  # up to 1 March, as 2023's figures
    assert "projects +100.0%" in " ".join(change.split())  # 2 against 1, not 2 against 3
