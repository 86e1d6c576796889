"""The home page in a real browser: both languages, the switcher, nothing loaded from elsewhere."""

import pytest

from portal import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.smoke
def test_home_page_in_both_languages_with_the_switcher(browser_page):
    demo.ensure_home_pages()
    demo.ensure_site_settings()
    page = browser_page.page

    browser_page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Invest in Binh Phuoc" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/vi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Đầu tư vào Bình Phước" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/en/")


def test_skip_link_moves_focus_to_main(browser_page):
    demo.ensure_home_pages()
    page = browser_page.page
    browser_page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
