"""The home page in each of the six languages draws every character it shows with the vendored fonts, and
Chromium really draws the page's title with the vendored font of its language."""

import pytest
from wagtail.models import Locale

from portal import demo

from .glyphs import STACKS, loaded_families, rendering_fonts, uncovered_characters

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A title in each language the demo does not translate the home page into.
TITLES = {"ko": "빈푹성 투자 안내", "ja": "ビンフオック省への投資", "zh-hans": "投资平福省", "zh-hant": "投資平福省"}


def home_pages():
    """The demo's English and Vietnamese home pages, and a translation with a title in each other language."""
    home = demo.ensure_home_pages(languages=("en", "vi"))
    demo.ensure_site_settings()
    for language, title in TITLES.items():
        locale = Locale.objects.get(language_code=language)
        if not home.get_translations().filter(locale=locale).exists():
            page = home.copy_for_translation(locale)
            page.title = page.hero_title = title
            page.save_revision().publish()
    return home


def test_every_language_of_the_home_page_is_drawn_with_the_vendored_fonts(browser_page):
    home_pages()
    page = browser_page.page
    for language, stack in STACKS.items():
        browser_page.goto(f"/{language}/")
        assert page.locator("html").get_attribute("lang") == language
        if language in TITLES:
            assert TITLES[language] in page.locator("h1").inner_text()
        assert uncovered_characters(page) == {}, language
        assert stack[0] in loaded_families(page), language
        drawn = rendering_fonts(page, "h1")
        assert drawn and all(font["isCustomFont"] for font in drawn), (language, drawn)


def test_the_switcher_names_each_language_in_its_own_font(browser_page):
    home_pages()
    page = browser_page.page
    browser_page.goto("/en/")
    assert uncovered_characters(page) == {}
    loaded = loaded_families(page)
    assert {"Noto Sans KR Variable", "Noto Sans JP Variable", "Noto Sans SC Variable",
            "Noto Sans TC Variable"} <= loaded
    fonts = rendering_fonts(page, '.language-switcher a[lang="ko"]')
    assert [font["isCustomFont"] for font in fonts] == [True], fonts


def test_a_character_no_vendored_font_has_is_reported(browser_page):
    home_pages()
    page = browser_page.page
    browser_page.goto("/ko/")
    page.evaluate("""() => {
      const p = document.createElement("p");
      p.textContent = "Lô A12 \\u{1F3ED} ꦲ";  // a factory emoji and a Javanese letter
      document.querySelector("main").append(p);
      document.querySelector("input[type=search], input")?.setAttribute("placeholder", "ᚠ");
    }""")
    assert uncovered_characters(page) == {"ko": "".join(sorted("\U0001F3EDꦲᚠ"))}
