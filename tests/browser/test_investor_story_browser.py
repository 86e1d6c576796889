"""The five-hectare electronics factory, as a new foreign investor tries it over the demo content: in English on
a desktop and in Vietnamese on a phone, with no code typed. Search understands "electronics"; the investor
describes the project once (the sector in words, 5 ha, 20 million USD, wholly foreign-owned, in an industrial
park); the incentive finder answers with reasons; the zones that fit are the ones targeting electronics with
enough land; the plan says what is still uncertain and gives its time and fee ranges."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"sector": "electronics", "may_apply": "May apply", "why": "Why it applies:", "fits": "Enough land",
           "range": " to "},
    "vi": {"sector": "điện tử", "may_apply": "Có thể được áp dụng", "why": "Lý do áp dụng:", "fits": "Đủ đất",
           "range": " đến "},
}


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("vi", 390)], ids=["english-desktop",
                                                                                     "vietnamese-phone"])
def test_a_five_hectare_electronics_factory_without_a_code(browser_page, demo_content, language, width):
    words = WORDS[language]
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})

    # Where can I put it? Search in the investor's own words finds the zones for electronics and the sector.
    browser_page.goto(f"/{language}/search/?q={words['sector']}")
    hits = page.locator(".search-hit")
    first = [hits.nth(n).get_attribute("data-type") for n in range(6)]
    assert first[:2] == ["zone", "zone"] and "sector" in first
    titles = hits.locator("h2").all_inner_texts()[:6]
    assert any("Becamex" in title for title in titles) and any(title.startswith("2610 ·") for title in titles)
    page.screenshot(path=f"/tmp/story-{language}-{width}-search.png", full_page=False)

    # What incentives do I get? The profile, asked once, with the sector in words.
    browser_page.goto(f"/{language}/zones-api/incentive-finder/")
    page.fill("#id_sector_code", words["sector"])
    page.fill("#id_foreign_ownership_pct", "100")
    page.fill("#id_capital_usd", "20000000")
    page.fill("#id_land_area_m2", "50000")
    page.select_option("#id_zone_kind", "industrial_park")
    page.check("#id_difficult_area_2")  # "No": not in a commune with difficult conditions
    page.locator("form.zone-filters button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    page.locator("button", has_text="2610 ·").click()  # the words name several sectors: the investor picks one
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_sector_code").input_value() == "2610"
    results = page.locator(".project-incentives")
    assert words["why"] in results.locator(".incentive-applies").first.inner_text()
    assert words["may_apply"] in results.locator(".incentive-may_apply").first.inner_text()  # high-tech unknown
    panel = page.locator(".profile-panel")
    assert "2610" in panel.inner_text() and "5 ha" in panel.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/story-{language}-{width}-finder.png", full_page=True)

    # The zones that fit: enough land and electronics among their target sectors.
    browser_page.goto(f"/{language}/zones/")
    page.check("#id_fits")
    page.locator("#zone-filters button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    fitting = page.locator(".zone-card h3").all_inner_texts()
    assert any("Becamex" in title for title in fitting) and any("Minh H" in title for title in fitting)
    assert all(words["fits"] in card for card in page.locator(".zone-card").all_inner_texts())
    page.screenshot(path=f"/tmp/story-{language}-{width}-zones.png", full_page=True)

    # Which licences and how long? The plan opens from the kept profile and says what is still open.
    browser_page.goto(f"/{language}/licensing/plan/")
    assert page.locator("#id_sector_code").input_value() == "2610"
    assert words["range"] in page.get_by_test_id("procedures").inner_text()
    assert words["range"] in page.get_by_test_id("fees").inner_text()
    assert page.get_by_test_id("uncertain").is_visible()
    assert page.locator(".step.may-apply").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/story-{language}-{width}-plan.png", full_page=True)
