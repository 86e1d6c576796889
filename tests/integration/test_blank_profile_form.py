"""A blank project profile form is rendered once per process and language, and rendered again when its
choices change: a named place added or renamed, a zone published."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import zone_index
from tests.factories_siting import place
from tests.factories_zones import make_zone

pytestmark = pytest.mark.django_db

PLAN = reverse("licensing:plan")
FINDER = reverse("zones:incentive_finder")


def test_a_named_place_added_or_renamed_shows_in_the_blank_form(client, home_page):
    assert "Cat Lai port" not in client.get(PLAN).content.decode()
    port = place()
    assert "Cat Lai port" in client.get(PLAN).content.decode()
    port.name_en = "Cat Lai container port"
    port.save()
    assert "Cat Lai container port" in client.get(PLAN).content.decode()


def test_each_language_has_its_own_blank_form(client, home_page):
    place()
    with translation.override("vi"):
        vietnamese = reverse("licensing:plan")
    assert "Cảng Cát Lái" in client.get(vietnamese).content.decode()
    english = client.get(PLAN).content.decode()
    assert "Cat Lai port" in english
    assert "Cảng Cát Lái" not in english


def test_a_zone_published_after_the_first_visit_is_a_choice_of_the_finder(client, home_page):
    index = zone_index(home_page)
    client.get(FINDER)
    make_zone(index, "late-park", "Late Park")
    assert "Late Park" in client.get(FINDER).content.decode()


def test_a_kept_profile_is_shown_not_the_blank_form(client, home_page):
    client.get(PLAN, {"submitted": "1", "capital_usd": "7300000"})
    assert 'value="7300000' in client.get(PLAN).content.decode()
