"""Plan -> environmental questionnaire -> plan, on a desktop and a phone: with the group unknown the plan shows
ranges and what is still open; the questionnaire decides the group and names the criterion; back in the plan
the range collapses to one figure and the other answers are kept."""

import pytest

from portal import demo
from tests.factories_licensing import load_catalogue, load_environmental_criteria

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_plan_questionnaire_plan(browser_page, width):
    demo.ensure_home_pages()
    load_catalogue()
    load_environmental_criteria()
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})

    browser_page.goto("/en/licensing/plan/")
    page.fill("#id_foreign_ownership_pct", "100")
    page.select_option("#id_zone_kind", "industrial_park")
    page.fill("#id_sector_code", "1701")
    page.fill("#id_capital_usd", "20000000")
    page.fill("#id_employees", "400")
    page.fill("#id_land_area_m2", "30000")
    for name, answer in (("difficult_area", "No"), ("high_tech", "No"), ("needs_construction", "Yes")):
        page.locator(f"#id_{name}").get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Show my pathway").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("procedures").inner_text() == "5 to 7"
    assert " to " in page.get_by_test_id("working-days").inner_text()
    uncertain = page.get_by_test_id("uncertain")
    assert "Which environmental group is the project in (I to IV)?" in uncertain.inner_text()
    assert page.locator('.step.may-apply[data-code="MT-02"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/plan-unknown-{width}.png", full_page=True)

    uncertain.get_by_role("link", name="Work it out with the environmental questionnaire").click()
    page.wait_for_url("**/licensing/plan/environment/**")
    assert page.locator("#id_env-sector_code").input_value() == "1701"
    assert "Pulp" in page.locator("#id_env-activity option:checked").inner_text()  # suggested from the sector
    page.fill("#id_env-capacity", "20000")
    page.get_by_label("The project produces wastewater, dust or emissions to treat, or hazardous waste").check()
    page.get_by_role("button", name="Find my environmental group").click()
    page.wait_for_load_state("networkidle")
    decision = page.get_by_test_id("decision")
    assert "Group II" in decision.inner_text()
    assert "medium capacity" in decision.inner_text() and "Appendix IV" in decision.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/questionnaire-{width}.png", full_page=True)

    page.get_by_test_id("use-in-plan").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_environmental_group").input_value() == "II"
    assert page.locator("#id_foreign_ownership_pct").input_value() == "100"
    assert page.get_by_test_id("procedures").inner_text() == "7"
    assert " to " not in page.get_by_test_id("working-days").inner_text()
    assert page.get_by_test_id("uncertain").count() == 0
    page.screenshot(path=f"/tmp/plan-group-ii-{width}.png", full_page=True)

    # A procedure's page, and back to this plan.
    page.locator('.step[data-code="DT-03"] h4 a').click()
    page.wait_for_load_state("networkidle")
    assert "When it applies" in page.get_by_test_id("applies").inner_text()
    assert "Telephone" in page.get_by_test_id("agency").inner_text()
    page.screenshot(path=f"/tmp/procedure-{width}.png", full_page=True)
    page.get_by_test_id("back-to-plan").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("procedures").inner_text() == "7"
