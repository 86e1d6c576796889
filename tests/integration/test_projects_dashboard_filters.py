"""The dashboard's filter lists: in the language's order, and only the countries that have projects."""

import re

import pytest

from projects.models import Project
from search.text import name_order
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
