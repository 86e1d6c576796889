"""Search in a real browser: autocomplete in the header box, a facet narrowing the results and the map,
the map narrowing the results ("Search this area"),
and nothing requested off the test server (checked by the browser_page fixture)."""

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

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
    assert options.all_inner_texts() == ["Dong Xoai II Industrial Park\nZone"]
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


def test_search_this_area_narrows_the_results_to_the_map(browser_page):
    demo.ensure_home_pages()
    get_backend().rebuild(DOCS)
    page = browser_page.page
    browser_page.goto("/en/search/?type=zone&type=project")
    before = page.locator("li.search-hit h2").all_inner_texts()
    located = {doc.title: (doc.lon, doc.lat) for doc in DOCS if doc.lon is not None}
    assert len([title for title in before if title in located]) == 3
    area_button = page.get_by_role("button", name="Search this area")
    assert area_button.is_hidden()

    # The investor drags the map to the south-east: the zone in the north-west leaves the view.
    box = page.locator(".portal-map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - box["width"] / 3, y - box["height"] / 3, steps=12)
    page.mouse.up()
    area_button.click()
    page.wait_for_load_state("networkidle")

    west, south, east, north = (float(v) for v in parse_qs(urlsplit(page.url).query)["bbox"][0].split(","))
    expected = [title for title in before if title in located
                and west <= located[title][0] <= east and south <= located[title][1] <= north]
    assert 0 < len(expected) < 3
    assert page.locator("li.search-hit h2").all_inner_texts() == expected
    assert page.locator("figure[data-map-features]").get_attribute("data-map-features") == str(len(expected))
    assert page.locator('[data-facet="type"] a[aria-current="true"]').count() == 2

    page.get_by_role("link", name="Search everywhere").click()
    page.wait_for_load_state("networkidle")
    assert "bbox" not in page.url
    assert page.locator("li.search-hit h2").all_inner_texts() == before


def test_a_project_on_the_result_map_opens_nearby_with_a_metric_scale_and_a_project_link(browser_page):
    demo.ensure_home_pages()
    project_url = "/en/projects/6/"
    get_backend().rebuild([replace(doc, url=project_url) if doc.doc_type == "project" else doc for doc in DOCS])
    page = browser_page.page
    browser_page.goto("/en/search/?q=dong+xoai&type=project")
    assert page.locator("figure[data-map-features]").get_attribute("data-map-features") == "1"

    # One point opens at a zoom that shows the streets around it, not at the deepest zoom.
    zoom = page.locator(".portal-map").evaluate("element => element.portalMap.getZoom()")
    assert 12 <= zoom <= 14
    scales = page.locator(".leaflet-control-scale-line").all_inner_texts()
    assert len(scales) == 1 and scales[0].endswith((" m", " km")), scales

    page.locator('.leaflet-marker-icon[title="Minh Long garment factory"]').click()
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.inner_text() == "Open the project page"
    assert link.get_attribute("href") == project_url


@pytest.mark.parametrize("width", [390, 1280])
def test_on_a_phone_the_results_come_before_the_facets(browser_page, width):
    demo.ensure_home_pages()
    get_backend().rebuild(DOCS)
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 844})
    browser_page.goto("/en/search/?q=dong+xoai")
    results = page.locator(".search-results").bounding_box()
    facets = page.locator("#search-facets").bounding_box()
    refine = page.locator(".search-refine-link")
    if width < 760:
        assert results["y"] < facets["y"]  # read the hits first, refine below them
        assert refine.is_visible()
        refine.click()
        assert page.evaluate("location.hash") == "#search-facets"
    else:
        assert facets["x"] < results["x"] or facets["y"] <= results["y"]  # beside or above: a wide screen


def test_suggestions_put_zones_before_projects_and_name_their_type(browser_page):
    from tests.contract.investor_corpus import CORPUS

    demo.ensure_home_pages()
    get_backend().rebuild(CORPUS)
    page = browser_page.page
    browser_page.goto("/en/")
    page.get_by_role("combobox").press_sequentially("minh", delay=30)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == ["Minh Hung III Industrial Park\nZone",
                                         "Minh Long electronics factory\nProject"]
