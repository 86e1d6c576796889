"""The shortlist: zones and plots added and removed with a form button that returns to the page, kept in
the session or the account, joined to the account at sign-in, bounded, and never broken by an unknown key."""

import pytest
from django.urls import reverse

from tests.factories import zone_index
from tests.factories_licensing import PASSWORD, user
from tests.factories_shortlist import comparable_zones
from tests.factories_zones import make_plots, make_zone, vi_locale
from zones import shortlist
from zones.models import SavedShortlist

pytestmark = pytest.mark.django_db

SHORTLIST = reverse("zones:shortlist")


@pytest.fixture
def zones(home_page):
    return comparable_zones(home_page)


def post(client, action, item="", next_url=""):
    return client.post(SHORTLIST, {"action": action, "item": item, "next": next_url})


def kept(client) -> list:
    return client.session.get(shortlist.SESSION_KEY, [])


def test_a_visitor_adds_a_zone_and_a_plot_from_the_zone_page_and_returns_to_it(client, zones):
    page = zones["alpha-park"].url
    html = client.get(page).text
    assert 'name="item" value="alpha-park"' in html and 'name="item" value="alpha-park:P2"' in html
    response = post(client, "add", "alpha-park:P2", page)
    assert response.status_code == 302 and response["Location"] == page
    post(client, "add", "alpha-park", page)
    assert kept(client) == ["alpha-park:P2", "alpha-park"]
    back = client.get(page)
    assert "Plot P2, Alpha Park is in your shortlist." in back.text or "Alpha Park is in your shortlist." in back.text
    assert "Shortlist (2)" in back.text and 'value="remove"' in back.text
    listed = client.get(SHORTLIST).text
    assert "Plot P2, Alpha Park" in listed and 'name="items" value="alpha-park:P2"' in listed


def test_adding_twice_keeps_one_and_remove_takes_it_off(client, zones):
    post(client, "add", "bravo-park")
    post(client, "add", "bravo-park")
    assert kept(client) == ["bravo-park"]
    post(client, "remove", "bravo-park")
    assert kept(client) == []
    assert "Removed from your shortlist." in client.get(SHORTLIST).text


def test_the_shortlist_is_bounded(client, zones, monkeypatch):
    monkeypatch.setattr(shortlist, "LIMIT", 3)
    for key in ("alpha-park", "bravo-park", "charlie-park", "delta-park"):
        post(client, "add", key)
    assert kept(client) == ["alpha-park", "bravo-park", "charlie-park"]
    assert "Your shortlist holds 3 items at most" in client.get(SHORTLIST).text


@pytest.mark.parametrize("key", ["no-such-park", "alpha-park:Z9", ":P1", "alpha-park:", "x" * 500, ""])
def test_unknown_items_are_refused_with_a_message(client, zones, key):
    response = post(client, "add", key)
    assert response.status_code == 302 and kept(client) == []
    assert "This zone or plot is not published" in client.get(SHORTLIST).text


def test_an_unpublished_zone_is_dropped_with_a_message(client, zones):
    post(client, "add", "alpha-park")
    post(client, "add", "bravo-park:P1")
    zones["bravo-park"].unpublish()
    html = client.get(SHORTLIST).text
    assert "1 item is no longer published and was left out: bravo-park:P1." in html
    assert kept(client) == ["alpha-park"]


def test_a_button_never_returns_to_another_site(client, zones):
    response = post(client, "add", "alpha-park", "https://evil.example/")
    assert response["Location"] == SHORTLIST


def test_a_visitors_shortlist_joins_the_account_at_sign_in(client, zones):
    investor = user("shortlist-investor")
    SavedShortlist.objects.create(user=investor, items=["delta-park"])
    post(client, "add", "alpha-park")
    post(client, "add", "delta-park")
    response = client.post(reverse("licensing:signin"), {"username": "shortlist-investor", "password": PASSWORD})
    assert response.status_code == 302
    assert SavedShortlist.objects.get(user=investor).items == ["delta-park", "alpha-park"]
    assert kept(client) == []
    post(client, "add", "charlie-park:P3")
    assert SavedShortlist.objects.get(user=investor).items == ["delta-park", "alpha-park", "charlie-park:P3"]
    assert "Shortlist (3)" in client.get(SHORTLIST).text


def test_an_account_shortlist_is_only_its_owners(client, zones):
    owner, other = user("shortlist-owner"), user("shortlist-other")
    client.force_login(owner)
    post(client, "add", "alpha-park")
    client.logout()
    client.force_login(other)
    html = client.get(SHORTLIST).text
    assert "Alpha Park" not in html and "Shortlist (0)" in html
    client.logout()
    assert "Shortlist (0)" in client.get(SHORTLIST).text
    assert SavedShortlist.objects.get(user=owner).items == ["alpha-park"]


def test_the_header_count_varies_by_cookie(client, zones):
    post(client, "add", "alpha-park")
    response = client.get("/en/")
    assert "Shortlist (1)" in response.text and "Cookie" in response.get("Vary", "")


def test_the_shortlist_speaks_vietnamese_and_keeps_keys_across_languages(client, zones):
    zone = zones["alpha-park"]
    vi_zone = zone.copy_for_translation(vi_locale(), copy_parents=True)
    vi_zone.title = "Khu công nghiệp Alpha"
    vi_zone.save_revision().publish()
    post(client, "add", "alpha-park:P1")
    html = client.get("/vi/zones-api/shortlist/").text
    assert "Danh sách chọn" in html and "Lô P1, Khu công nghiệp Alpha" in html
    assert "Plot P1, Alpha Park" in client.get(SHORTLIST).text


def test_hostile_names_are_escaped(client, home_page):
    zone = make_zone(zone_index(home_page), "hostile", '<script>alert("z")</script>')
    make_plots(zone, 1, prefix='<img src=x onerror=alert(1)>')
    post(client, "add", "hostile")
    post(client, "add", "hostile:<img src=x onerror=alert(1)>1")
    html = client.get(SHORTLIST).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;z&quot;)&lt;/script&gt;" in html
    page = client.get(zone.url).text  # the plot table's button, listed and not
    assert "<img src=x" not in page and 'value="hostile:&lt;img src=x onerror=alert(1)&gt;1"' in page
