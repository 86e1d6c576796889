"""A foreign investor describes a project once, in words, at desktop and phone widths: the sector picker
suggests sectors as they type and is chosen with the keyboard, the incentive finder answers, the profile panel
says the project in words and a zone page then speaks of "your project"."""

import pytest

from portal import demo
from tests.factories import zone_index
from tests.factories_zones import incentive_index, make_plots, make_policy, make_zone, rule
from tests.integration.test_zones_sectors import ROWS, index
from zones.sectors import load_classification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_investor_describes_the_project_in_words_once_and_every_page_uses_it(browser_page, width, height):
    home = demo.ensure_home_pages()
    park = make_zone(zone_index(home), "minh-hung-3", title="Minh Hung III Industrial Park")
    make_plots(park, 4, side_m=150)
    policies = incentive_index(home)
    electronics = rule("Electronics in an industrial park", ("zone_kind", "in", "industrial_park"),
                       ("sector_code", "prefix", "26"))
    make_policy(policies, "electronics", [electronics], title="Electronics incentive")
    make_policy(policies, "high-tech", [rule("the project applies high technology",
                                             ("zone_kind", "in", "industrial_park"), ("high_tech", "eq", "true"))],
                title="High-tech incentive")
    load_classification(ROWS)
    index()
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": height})

    browser_page.goto("/en/zones-api/incentive-finder/")
    sector = page.locator("#id_sector_code")
    assert sector.get_attribute("role") == "combobox"
    sector.click()
    sector.press_sequentially("electr", delay=40)
    listbox = page.get_by_role("listbox", name="Matching sectors")
    listbox.get_by_role("option").first.wait_for()
    assert listbox.get_by_role("option", name="2610 · Manufacture of electronic components and boards").count() == 1
    for _ in range(10):
        sector.press("ArrowDown")
        active = page.locator(f"#{sector.get_attribute('aria-activedescendant')}")
        if active.inner_text().startswith("2610 ·"):
            break
    assert "C Manufacturing › 26 Manufacture of computer" in active.inner_text()
    page.screenshot(path=f"/tmp/profile-picker-{width}.png", full_page=False)
    sector.press("Enter")
    assert sector.input_value() == "2610" and listbox.is_hidden()
    assert sector.get_attribute("aria-expanded") == "false"
    page.get_by_label("Foreign ownership (%)").fill("100")
    page.get_by_label("Investment capital (USD)").fill("20000000")
    page.get_by_label("Land needed").fill("50000")  # in m², the unit the form offers first
    page.get_by_label("Location").select_option("industrial_park")
    page.get_by_role("button", name="Show incentives").click()
    page.wait_for_load_state("networkidle")

    assert "Electronics incentive" in page.locator(".incentive-matches").inner_text()
    panel = page.get_by_role("complementary", name="Your project")
    assert "Manufacture of electronic components and boards (2610) · 20 million USD · 5 ha · 100% foreign" in (
        panel.inner_text())
    page.screenshot(path=f"/tmp/profile-finder-{width}.png", full_page=True)

    browser_page.goto(park.url)
    section = page.locator(".zone-incentives")
    assert section.get_by_role("heading", name="For your project").is_visible()
    high_tech = section.locator(".incentive-match", has_text="High-tech incentive")
    assert "May apply" in high_tech.inner_text()  # the investor left "high-tech" unanswered
    assert "It depends on answers your profile does not give: a high-tech project" in high_tech.inner_text()
    assert "Applies" in section.locator(".incentive-match", has_text="Electronics incentive").inner_text()
    section.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/profile-zone-{width}.png", full_page=True)
