"""Filtering the zone index and searching, by keyboard: the page title starts with the number found, focus lands
on the results summary (read out by a screen reader) and the first result is the next Tab stop or the one after."""

import re

import pytest
from playwright.sync_api import expect

from portal import demo
from search.services import rebuild_index
from tests.factories import zone_index
from tests.factories_zones import make_zone
from zones.choices import ZoneStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zones():
    index = zone_index(demo.ensure_home_pages())
    make_zone(index, "minh-hung-3", title="Minh Hung III Industrial Park")
    make_zone(index, "minh-hung-sikico", title="Minh Hung – Sikico Industrial Park", status=ZoneStatus.EXPANDING)
    make_zone(index, "chon-thanh-2", title="Chon Thanh II Industrial Park", status=ZoneStatus.EXPANDING)
    rebuild_index()
    return index


def focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def test_filtering_the_zones_announces_the_count_and_focuses_the_results(browser_page, zones):
    page = browser_page.page
    browser_page.goto("/en/zones/")
    assert not page.title().startswith("3")
    assert page.evaluate("document.activeElement === document.body")  # an unfiltered visit keeps focus alone

    page.get_by_label("Status").select_option(ZoneStatus.EXPANDING.value)
    page.get_by_role("button", name="Filter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"status=expanding"))
    expect(page).to_have_title(re.compile(r"^2 zones found · Zones · "))
    heading = page.locator("#zone-results-title")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("2 zones found")
    page.keyboard.press("Tab")
    assert focused(page, ".zone-card:first-child h3 a")
    assert page.evaluate("document.activeElement.textContent") == "Chon Thanh II Industrial Park"


@pytest.mark.parametrize("width, tabs", [(1280, 1), (390, 2)])  # on a phone, "Refine" comes first
def test_a_search_announces_the_count_and_focuses_the_results(browser_page, zones, width, tabs):
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto("/en/")
    box = page.get_by_role("combobox")
    box.focus()
    page.keyboard.type("minh hung", delay=30)
    expect(page.get_by_role("option")).to_have_count(2)
    page.keyboard.press("Enter")  # no suggestion is active: Enter searches
    page.wait_for_url(re.compile(r"/en/search/\?q=minh"))
    summary = page.locator(".search-total")
    total = summary.get_attribute("data-total")
    assert int(total) >= 2
    expect(page).to_have_title(re.compile(rf"^{total} results for “minh hung” · Search · "))
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(f"{total} results for “minh hung”")
    for _ in range(tabs):
        page.keyboard.press("Tab")
    assert focused(page, "li.search-hit:first-child h2 a")
