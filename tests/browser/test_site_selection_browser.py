"""Site selection as a new foreign investor tries it over the demo content, in English on a desktop and in
Vietnamese on a phone: "5 ha, electronics, 20 MVA, within 120 km of Cat Lai port" lists the plots that fit with
their reasons, three of them go into the shortlist, the comparison shows their ten-year total cost part by part
with each figure's source and date, and the XLSX download holds the same numbers."""

import io
import re

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"sector": "electronics", "total": "Total over 10 years (USD)", "electricity": "Electricity over 10 years",
           "as_of": "As of", "shortlist": "Shortlist (3)"},
    "vi": {"sector": "điện tử", "total": "Tổng trong 10 năm (USD)", "electricity": "Điện trong 10 năm (USD)",
           "as_of": "Số liệu tại ngày", "shortlist": "Danh sách chọn (3)"},
}
ROW_CELLS = """label => {
  const row = [...document.querySelectorAll('.compare-table th[scope=row]')]
    .find(th => th.textContent.trim() === label);
  return row ? [...row.parentElement.querySelectorAll('td')].map(td => td.firstChild.textContent.trim()) : null;
}"""


def number(text: str) -> int:
    """A whole number as the page writes it (1,234,567 in English, 1.234.567 in Vietnamese)."""
    return int(re.sub(r"\D", "", text))


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("vi", 390)], ids=["english-desktop",
                                                                                     "vietnamese-phone"])
def test_five_hectares_near_cat_lai_shortlisted_compared_and_exported(browser_page, demo_content, language, width):
    words = WORDS[language]
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})

    # Where can I put my factory? The site needs, in the investor's words and units.
    browser_page.goto(f"/{language}/zones-api/sites/")
    page.fill("#id_sector_code", words["sector"])
    page.keyboard.press("Escape")
    page.fill("#id_land_area_m2", "5")
    page.select_option("#id_land_unit", "ha")
    page.fill("#id_power_mva", "20")
    page.select_option("#id_place", "cat-lai")
    page.fill("#id_max_road_km", "120")
    page.locator("form.zone-filters p button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.locator("button.sector-choice", has_text="26 ·").click()  # the words name several sectors
    page.wait_for_load_state("networkidle")

    zones = page.locator(".site-zone")
    first = zones.first.get_attribute("data-zone-code")
    assert first in ("minh-hung-3", "becamex-binh-phuoc")  # zones targeting electronics come first
    minh_hung = page.locator(".site-zone[data-zone-code=minh-hung-3]").inner_text()
    assert "112 MVA" in minh_hung and "20 MVA" in minh_hung and "106 km" in minh_hung and "120 km" in minh_hung
    assert page.locator(".leaflet-tooltip").count() > 0  # the fitting plots carry their codes on the map
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/sites-{language}-{width}-results.png", full_page=False)

    # Three plots go into the shortlist (each button returns to the results).
    for _ in range(3):
        page.locator(".option-actions button[value=add]").first.click()
        page.wait_for_load_state("networkidle")
    assert words["shortlist"] in page.locator("header").inner_text()

    # The comparison: with the investor's assumptions, the ten-year total cost, its parts and their sources.
    browser_page.goto(f"/{language}/zones-api/shortlist/")
    page.locator("#compare-form > p button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".compare-table thead th[scope=col]").count() == 3
    page.locator(".compare-assumptions summary").click()
    page.fill("#id_electricity_mwh_year", "2000")
    page.fill("#id_water_m3_day", "50")
    page.fill("#id_employees", "200")
    page.fill("#id_annual_profit_usd", "1000000")
    page.locator(".compare-assumptions button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    totals = page.evaluate(ROW_CELLS, words["total"])
    assert totals and len(totals) == 3 and all(re.fullmatch(r"[\d.,]+", cell) for cell in totals)
    costs = page.locator(".compare-total_cost")
    assert words["electricity"] in costs.inner_text()
    source = costs.locator("details.figure-source").first
    source.locator("summary").click()
    assert words["as_of"] in source.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls in its region
    page.screenshot(path=f"/tmp/sites-{language}-{width}-compare.png", full_page=True)

    # The XLSX download opens with the same numbers.
    with page.expect_download() as download:
        page.locator(".compare-actions a").first.click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert [round(value) for value in rows[words["total"]]] == [number(cell) for cell in totals]
