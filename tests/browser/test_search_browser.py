"""Search in a real browser: autocomplete in the header box, a facet narrowing the results and the map,
and nothing requested off the test server (checked by the browser_page fixture)."""

import pytest

from portal import demo
from search.backends import get_backend
from tests.contract.test_search_contract import DOCS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.smoke
def test_typing_in_the_search_box_shows_suggestions(browser_page):
    demo.ensure_home_pages()
    get_backend().rebuild(DOCS)
    page = browser_page.page
    browser_page.goto("/en/")
    box = page.get_by_role("combobox")
    box.press_sequentially("dong xo", delay=30)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == ["Dong Xoai II Industrial Park"]
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Escape")
    assert page.locator("#site-search-suggestions").is_hidden()


def test_a_facet_narrows_the_results_and_the_map(browser_page):
    demo.ensure_home_pages()
    get_backend().rebuild(DOCS)
    page = browser_page.page
    browser_page.goto("/en/")
    page.get_by_role("combobox").fill("dong xoai")
    page.get_by_role("combobox").press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-total]").get_attribute("data-total") == "2"
    assert page.locator("figure[data-map-features]").get_attribute("data-map-features") == "2"
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator("li.search-hit mark").count() >= 2

    page.locator('[data-facet="type"] a[data-facet-value="project"]').click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-total]").get_attribute("data-total") == "1"
    assert page.locator("li.search-hit").all_inner_texts()[0].startswith("Minh Long garment factory")
    assert page.locator("figure[data-map-features]").get_attribute("data-map-features") == "1"
    assert page.locator('[data-facet="type"] a[aria-current="true"]').inner_text() == "Project"
