"""A zone's plots table by keyboard (pages, sorting, filtering), and the main menu on a phone showing that it
scrolls with every item reachable."""

import pytest
from playwright.sync_api import expect

from portal import demo
from tests.factories import zone_index
from tests.factories_zones import make_plots, make_zone
from zones.choices import PlotStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row_codes(page) -> list[str]:
    return page.locator(".plots-table tbody th[scope=row]").all_inner_texts()


def test_the_plots_table_pages_sorts_and_filters_by_keyboard(browser_page):
    home = demo.ensure_home_pages()
    zone = make_zone(zone_index(home), "many", title="Many Plots Park")
    make_plots(zone, 100, side_m=50, prefix="A")
    make_plots(zone, 20, status=PlotStatus.LEASED, side_m=120, prefix="B")
    page = browser_page.page
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(zone.url)
    expect(page.locator(".plots-table tbody tr")).to_have_count(50)

    page.get_by_role("link", name="Next").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Pages of plots")).to_contain_text("Page 2 of 3")
    assert _row_codes(page)[0] == "A51"

    page.locator(".plots-table thead").get_by_role("link", name="Area").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".plots-table th[aria-sort=ascending]")).to_contain_text("Area")
    page.locator(".plots-table thead").get_by_role("link", name="Area").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".plots-table th[aria-sort=descending]")).to_contain_text("Area")
    assert _row_codes(page)[0].startswith("B") and "plot_page" not in page.url

    page.get_by_label("Status").focus()
    page.keyboard.press("End")  # the last status: leased
    page.get_by_label("At least").fill("1")
    page.get_by_label("At least").press("Enter")
    expect(page.locator(".plot-table-count")).to_contain_text("20 plots of 120 match")
    assert all(code.startswith("B") for code in _row_codes(page)) and "plot_sort=-area" in page.url
    page.screenshot(path="/tmp/zone-plots-1280.png", full_page=False)


def test_the_phone_menu_shows_that_it_scrolls_and_every_item_is_reachable(browser_page):
    demo.ensure_home_pages()
    demo.ensure_site_settings()
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto("/en/")
    nav = page.locator(".main-nav")
    items = nav.get_by_role("link")
    if page.evaluate("(() => { const l = document.querySelector('.main-nav ul'); "
                     "return l.scrollWidth <= l.clientWidth; })()"):
        pytest.fail("the demo menu fits a phone: the test needs a menu wider than the screen")
    expect(nav).to_have_class("main-nav more-after")
    cue = page.evaluate("getComputedStyle(document.querySelector('.main-nav'), '::after').opacity")
    assert cue == "1"
    page.screenshot(path="/tmp/zone-menu-390.png")
    last = items.last
    for _ in range(items.count() + 20):  # the skip link, brand and account links come first
        page.keyboard.press("Tab")
        if last.evaluate("el => el === document.activeElement"):
            break
    expect(last).to_be_focused()
    expect(last).to_be_in_viewport()
    expect(nav).to_have_class("main-nav more-before")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(nav).to_have_class("main-nav")
    page.screenshot(path="/tmp/zone-menu-1280.png")
