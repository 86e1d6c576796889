"""Numbers written the way each language writes them: the formatter, the home page's figures and the
dashboard's."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from projects.statistics import format_number
from tests.factories_projects import dashboard_url

pytestmark = pytest.mark.django_db


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
