"""The zone index filters say what is missing instead of ignoring a distance without a place."""

import re

import pytest
from django.utils import translation

from tests.factories import zone_index
from tests.factories_zones import make_zone
from zones.forms import ZoneFilterForm

pytestmark = pytest.mark.django_db


def test_a_distance_without_a_place_is_an_error_on_the_distance_naming_near():
    form = ZoneFilterForm({"max_distance_km": "20"})

    assert not form.is_valid()
    assert form.errors["max_distance_km"] == ["A distance needs a place to measure it to: choose one under “Near”."]


def test_the_zone_index_shows_the_error_next_to_the_distance(client, home_page):
    index = zone_index(home_page)
    make_zone(index, "zone-1", "Zone one")

    html = client.get(index.url, {"max_distance_km": "20"}).text

    errors = re.search(r'<div class="errors" id="id_max_distance_km_error">([^<]*)</div>', html)
    assert 'aria-describedby="id_max_distance_km_error"' in html
    assert errors.group(1) == "A distance needs a place to measure it to: choose one under “Near”."


def test_the_error_is_translated():
    with translation.override("vi"):
        form = ZoneFilterForm({"max_distance_km": "20"})
        assert form.errors["max_distance_km"] == [
            "Khoảng cách cần một địa điểm để đo tới: hãy chọn một địa điểm ở mục “Gần”."]
