"""The site header on a phone: everything still there, in a few lines, no sideways scroll of the page."""

import pytest

from portal import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_leaves_the_screen_to_the_page_on_a_phone(browser_page):
    demo.ensure_home_pages()
    demo.ensure_site_settings()
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/en/", "/vi/", "/ko/", "/zh-hant/"):
        browser_page.goto(path)
        height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        assert height <= 844 * 0.22, height
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for name in ("Main", "Language", "My account") if path == "/en/" else ():
            assert page.get_by_role("navigation", name=name).is_visible()
        assert page.locator(".site-header input[type=search], .site-header input[name=q]").first.is_visible()
