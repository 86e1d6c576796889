"""The page cache (core.page_cache): public pages kept for anonymous visitors per address and language, never
shared between visitors who may see different pages, and purged precisely when something they show changes."""

import re

import pytest
from django.core.handlers.base import BaseHandler
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Locale

from core.page_cache import HEADER
from tests.factories import zone_index
from tests.factories_licensing import PASSWORD, user
from tests.factories_zones import incentive_index, make_plots, make_zone
from zones.choices import PlotStatus
from zones.models import Plot

pytestmark = pytest.mark.django_db

INCENTIVES_TITLE = "Incentives"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site(home_page):
    """A zone index with one zone of two plots, and the incentive index."""
    index = zone_index(home_page)
    zone = make_zone(index, "alpha-park", title="Alpha Park")
    make_plots(zone, 2)
    return {"home": home_page, "index": index, "zone": zone, "incentives": incentive_index(home_page)}


def state(response) -> str:
    return response.get(HEADER, "")


def nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_a_second_anonymous_request_is_served_from_the_cache_with_the_same_page(client, site):
    first = client.get(site["index"].url)  # with a map: a script with a CSP nonce
    second = client.get(site["index"].url)
    assert first.status_code == second.status_code == 200
    assert state(first) == "miss" and state(second) == "hit"
    # the same page, with a new CSP nonce in the header and in the body: a nonce is never sent twice
    assert nonce(first) != nonce(second)
    assert second.content == first.content.replace(nonce(first).encode(), nonce(second).encode())
    assert f'nonce="{nonce(second)}"'.encode() in second.content


def test_each_address_is_kept_apart_with_its_query_string(client, site):
    plain = client.get(site["index"].url)
    filtered = client.get(site["index"].url + "?kind=nothing-of-the-sort")
    assert state(plain) == "miss" and state(filtered) == "miss"
    assert state(client.get(site["index"].url + "?kind=nothing-of-the-sort")) == "hit"


def test_compressed_answers_are_compressed_anew_from_the_stored_page(client, site):
    client.get("/en/")
    hit = client.get("/en/", headers={"accept-encoding": "gzip"})
    assert state(hit) == "hit" and hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"]


def test_a_signed_in_users_page_is_never_stored_nor_given_a_stored_page(client, site):
    user("cache-investor")
    anonymous = Client()
    assert state(anonymous.get("/en/")) == "miss"
    signed_in = client.post(reverse("licensing:signin"), {"username": "cache-investor", "password": PASSWORD})
    assert signed_in.status_code == 302
    mine = client.get("/en/")
    assert state(mine) != "hit" and "Sign out" in mine.text and "My enquiries" in mine.text
    # the other way round: the signed-in user asks first, nothing is kept for the anonymous visitor
    mine = client.get(site["incentives"].url)
    assert state(mine) != "miss" and "Sign out" in mine.text
    theirs = Client().get(site["incentives"].url)
    assert state(theirs) == "miss" and "Sign out" not in theirs.text and "My enquiries" not in theirs.text
    assert "Sign out" not in Client().get("/en/").text


def test_an_anonymous_visitor_with_a_session_is_never_stored_nor_given_a_stored_page(client, site):
    assert state(Client().get("/en/")) == "miss"
    client.post(reverse("zones:shortlist"), {"action": "add", "item": "alpha-park", "next": "/en/"})
    with_session = client.get("/en/")
    assert state(with_session) != "hit" and "Shortlist (1)" in with_session.text
    listed = client.get(site["index"].url)
    assert "Shortlist (1)" in listed.text
    others = Client().get(site["index"].url)
    assert state(others) == "miss" and "Shortlist (0)" in others.text
    assert state(Client().get(site["zone"].url)) == "miss"
    mine = client.get(site["zone"].url)
    assert state(mine) != "hit" and "In your shortlist: remove" in mine.text
    others = Client().get(site["zone"].url)
    assert state(others) == "hit" and "In your shortlist" not in others.text and "Shortlist (0)" in others.text


def csrf_tokens(response) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text))


def shortlist_post(client, token, zone) -> int:
    data = {"csrfmiddlewaretoken": token, "action": "add", "item": zone.slug, "next": zone.url}
    return client.post(reverse("zones:shortlist"), data).status_code


def test_a_page_with_forms_is_stored_and_each_hit_carries_its_own_visitors_csrf_token(site):
    zone_url = site["zone"].url
    first, second, third = Client(), Client(), Client()
    miss = first.get(zone_url)
    assert state(miss) == "miss" and csrf_tokens(miss)
    hits = [second.get(zone_url), third.get(zone_url)]
    assert [state(hit) for hit in hits] == ["hit", "hit"]
    cookies = [visitor.cookies["csrftoken"].value for visitor in (first, second, third)]
    assert len(set(cookies)) == 3  # every visitor their own CSRF secret, sent as their cookie
    for hit, cookie in zip(hits, cookies[1:], strict=True):
        tokens = csrf_tokens(hit)
        assert tokens and {_unmask_cipher_token(token) for token in tokens} == {cookie}
        assert "page-cache-csrf" not in hit.text and int(hit["Content-Length"]) == len(hit.content)
    # the same page otherwise: the tokens and the CSP nonce are all that differ
    masked = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "token", miss.text).replace(nonce(miss), "nonce")
    for hit in hits:
        assert re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "token", hit.text).replace(nonce(hit), "nonce") \
            == masked
    again = second.get(zone_url)  # holding a CSRF cookie now: the same stored page, with their own secret
    assert state(again) == "hit" and second.cookies["csrftoken"].value == cookies[1]
    assert {_unmask_cipher_token(token) for token in csrf_tokens(again)} == {cookies[1]}


def browser_get(path: str, cookie: str | None = None):
    """A GET as a browser sends it, through the whole middleware stack: a first visit carries no ``Cookie``
    header at all (the test client always sends one, empty when it holds no cookie)."""
    request = RequestFactory().get(path)
    del request.META["HTTP_COOKIE"]
    if cookie is not None:
        request.META["HTTP_COOKIE"] = cookie
    handler = BaseHandler()
    handler.load_middleware()
    return handler.get_response(request)


def test_a_browser_holding_only_its_csrf_cookie_shares_the_page_kept_for_a_first_visit(site):
    zone_url = site["zone"].url
    first = browser_get(zone_url)
    secret = first.cookies["csrftoken"].value
    again = browser_get(zone_url, f"csrftoken={secret}")  # the browser's next visit, holding the cookie it got
    newcomer = browser_get(zone_url)
    assert [state(first), state(again), state(newcomer)] == ["miss", "hit", "hit"]
    assert {_unmask_cipher_token(token) for token in csrf_tokens(again)} == {secret}


def test_a_token_from_a_hit_is_accepted_from_its_visitor_and_refused_from_another(site):
    zone = site["zone"]
    uncached = Client(enforce_csrf_checks=True)
    uncached_status = shortlist_post(uncached, csrf_tokens(uncached.get(zone.url)).pop(), zone)
    assert uncached_status == 302
    mine, theirs = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    my_page, their_page = mine.get(zone.url), theirs.get(zone.url)
    assert state(my_page) == state(their_page) == "hit"
    assert shortlist_post(theirs, csrf_tokens(my_page).pop(), zone) == 403
    assert shortlist_post(mine, csrf_tokens(my_page).pop(), zone) == uncached_status
    assert "Shortlist (1)" in mine.get(zone.url).text


def test_a_page_setting_another_cookie_than_the_csrf_one_is_never_stored(client, site):
    in_square_metres = site["zone"].url + "?unit=m2"  # the unit is kept in the session: a session cookie
    first = client.get(in_square_metres)
    assert state(first) == "skip" and "sessionid" in first.cookies
    other = Client()
    assert state(other.get(in_square_metres)) == "skip" and "sessionid" in other.cookies


def test_private_addresses_are_never_stored(client, site):
    for url in (reverse("licensing:track"), reverse("licensing:signin"), "/admin/login/"):
        client.get(url)
        assert state(client.get(url)) != "hit", url


def test_publishing_a_zone_purges_the_pages_showing_it_and_only_those(client, site, django_capture_on_commit_callbacks):
    index_url, filtered = site["index"].url, site["index"].url + "?kind=nothing-of-the-sort"
    plots_url = reverse("maps:zone_plots_geojson", args=[site["zone"].pk])
    procedures = reverse("licensing:procedures")
    for url in (index_url, filtered, site["zone"].url, site["incentives"].url, procedures, plots_url):
        Client().get(url)
        assert state(Client().get(url)) == "hit", url
    zone = site["zone"]
    zone.title = "Alpha Park Phase Two"
    with django_capture_on_commit_callbacks(execute=True):
        zone.save_revision().publish()
    shown = client.get(index_url)
    assert state(shown) == "miss" and "Alpha Park Phase Two" in shown.text
    assert state(client.get(filtered)) == "miss"
    shown = Client().get(site["zone"].url)
    assert state(shown) == "miss" and "Alpha Park Phase Two" in shown.text
    # pages that do not show the zone stay cached
    assert state(client.get(site["incentives"].url)) == "hit"
    assert state(client.get(procedures)) == "hit"


def test_saving_a_plot_purges_its_zone_pages(client, site, django_capture_on_commit_callbacks):
    plots_url = reverse("maps:zone_plots_geojson", args=[site["zone"].pk])
    zone_map = reverse("zones:zone_plot_map", args=[site["zone"].pk]) + "?zoom=14"
    for url in (plots_url, zone_map, site["index"].url, site["zone"].url, site["incentives"].url):
        Client().get(url)
        assert state(Client().get(url)) == "hit", url
    plot = Plot.objects.get(zone=site["zone"], code="P1")
    plot.status = PlotStatus.LEASED
    with django_capture_on_commit_callbacks(execute=True):
        plot.save()
    shown = client.get(plots_url)
    statuses = {item["properties"]["code"]: item["properties"]["status"] for item in shown.json()["features"]}
    assert state(shown) == "miss" and statuses == {"P1": PlotStatus.LEASED, "P2": PlotStatus.AVAILABLE}
    shown = client.get(zone_map)  # the zone page's own plot map
    statuses = {item["properties"]["code"]: item["properties"]["status"] for item in shown.json()["features"]}
    assert state(shown) == "miss" and statuses["P1"] == PlotStatus.LEASED
    assert state(client.get(site["index"].url)) == "miss"
    assert state(Client().get(site["zone"].url)) == "miss"
    assert state(client.get(site["incentives"].url)) == "hit"


def test_plots_written_in_bulk_purge_their_zone_pages(client, site, django_capture_on_commit_callbacks):
    plots_url = reverse("maps:zone_plots_geojson", args=[site["zone"].pk])
    client.get(plots_url)
    assert state(client.get(plots_url)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Plot.objects.filter(zone=site["zone"]).set_status(PlotStatus.RESERVED)
    shown = client.get(plots_url)
    assert state(shown) == "miss"
    assert {item["properties"]["status"] for item in shown.json()["features"]} == {PlotStatus.RESERVED}


def test_each_language_is_kept_apart(client, site):
    english, vietnamese = client.get("/en/"), client.get("/vi/")
    assert state(english) == state(vietnamese) == "miss"
    english, vietnamese = client.get("/en/"), client.get("/vi/")
    assert state(english) == state(vietnamese) == "hit"
    assert '<html lang="en"' in english.text and '<html lang="vi"' in vietnamese.text


def test_publishing_one_language_purges_the_page_in_every_language(client, site, django_capture_on_commit_callbacks):
    english = site["incentives"]
    vietnamese = english.copy_for_translation(Locale.objects.get(language_code="vi"))
    vietnamese.save_revision().publish()
    for url in (english.url, vietnamese.url, reverse("licensing:procedures")):
        client.get(url)
        assert state(client.get(url)) == "hit", url
    vietnamese.title = "Ưu đãi đầu tư"
    with django_capture_on_commit_callbacks(execute=True):
        vietnamese.save_revision().publish()
    shown = client.get(vietnamese.url)
    assert state(shown) == "miss" and "Ưu đãi đầu tư" in shown.text
    assert state(client.get(english.url)) == "miss"
    assert state(client.get(reverse("licensing:procedures"))) == "hit"


def test_the_cache_is_off_when_its_setting_is_zero(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")
    assert state(client.get("/en/")) == ""


def test_a_plot_saved_after_its_zone_moved_purges_the_zones_new_address(site, django_capture_on_commit_callbacks):
    """The pages a plot is shown on are kept per process (``zones.page_cache``) until a page changes."""
    plot = Plot.objects.get(zone=site["zone"], code="P1")
    with django_capture_on_commit_callbacks(execute=True):
        plot.save()  # the zone's pages, as they are now, kept
    zone = site["zone"]
    zone.slug = "alpha-park-east"
    with django_capture_on_commit_callbacks(execute=True):
        zone.save_revision().publish()
    zone.refresh_from_db()
    assert zone.url.endswith("/alpha-park-east/")
    Client().get(zone.url)
    assert state(Client().get(zone.url)) == "hit"
    plot.status = PlotStatus.LEASED
    with django_capture_on_commit_callbacks(execute=True):
        plot.save()
    assert state(Client().get(zone.url)) == "miss"
