"""The header search box as a WAI-ARIA combobox, used by keyboard only: the suggestions are a listbox of plain
options, the arrow keys move the active one, Enter opens it, Escape and Tab close the list, and a screen reader
hears how many suggestions there are."""

import re

import pytest
from playwright.sync_api import expect

from portal import demo
from search.services import rebuild_index
from tests.factories import zone_index
from tests.factories_zones import make_zone
from zones.choices import ZoneKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zones():
    index = zone_index(demo.ensure_home_pages())
    for code, title in [("minh-hung-3", "Minh Hung III Industrial Park"),
                        ("minh-hung-han-quoc", "Minh Hung – Korea Industrial Park"),
                        ("minh-hung-sikico", "Minh Hung – Sikico Industrial Park")]:
        make_zone(index, code, title=title)
    make_zone(index, "hoa-lu", title="Hoa Lu Border-Gate Economic Zone", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    rebuild_index()


def test_suggestions_are_a_listbox_driven_by_the_keyboard(browser_page, zones):
    page = browser_page.page
    browser_page.goto("/en/")
    box = page.get_by_role("combobox")
    listbox = page.get_by_role("listbox", name="Suggestions")
    box.focus()
    page.keyboard.type("minh hung", delay=30)
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    expect(page.locator("#site-search-status")).to_have_text("3 suggestions available.")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert listbox.locator("a").count() == 0
    assert "Industrial Park\nZone" in options.first.inner_text()  # the type stays visible in the option

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(second).to_have_attribute("aria-selected", "true")
    expect(options.first).to_have_attribute("aria-selected", "false")
    assert second.evaluate("o => getComputedStyle(o).outlineStyle") == "solid"
    assert options.first.evaluate("o => getComputedStyle(o).outlineStyle") == "none"
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("minh hung")  # the first Escape closes, it does not clear

    page.keyboard.press("ArrowDown")  # opens the list again
    expect(options).to_have_count(3)
    page.keyboard.press("Tab")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.focus()
    page.keyboard.press("ArrowDown")
    expect(options).to_have_count(3)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    title = options.nth(1).evaluate("o => o.firstChild.textContent")
    target = options.nth(1).get_attribute("data-url")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.locator("h1")).to_have_text(title)


def test_a_click_on_a_suggestion_opens_it(browser_page, zones):
    page = browser_page.page
    browser_page.goto("/en/")
    page.get_by_role("combobox").press_sequentially("hoa lu", delay=30)
    option = page.get_by_role("option", name=re.compile("Hoa Lu Border-Gate Economic Zone"))
    expect(page.locator("#site-search-status")).to_have_text("1 suggestion available.")
    option.click()
    expect(page.locator("h1")).to_have_text("Hoa Lu Border-Gate Economic Zone")
