"""The language switcher leads to the same page in the other language with the same query (the filters)."""

import re

import pytest
from wagtail.models import Locale

from tests.factories import zone_index

pytestmark = pytest.mark.django_db


def test_switching_language_keeps_the_zone_filters(client, home_page):
    index = zone_index(home_page)
    vi_index = index.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True)
    vi_index.save_revision().publish()
    html = client.get(index.url, {"kind": "industrial_park", "status": "operating"}).content.decode()
    switcher = html[html.index('class="language-switcher"'):]
    vi_link = re.search(r'<a href="([^"]+)" hreflang="vi"', switcher).group(1)
    assert vi_link == f"{vi_index.url}?kind=industrial_park&amp;status=operating"


@pytest.mark.parametrize(("shown", "asked", "notice"), [
    ("en", "vi", "Trang này chưa được dịch sang Tiếng Việt: đây là bản English."),
    ("vi", "en", "This page is not translated into English yet: here it is in Tiếng Việt.")])
def test_a_page_missing_in_a_language_leads_to_the_page_with_a_notice_never_a_404(client, home_page, shown, asked,
                                                                                    notice):
    index = zone_index(home_page)
    if shown == "vi":  # a page that exists in Vietnamese only
        english = index
        index = english.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True)
        index.save_revision().publish()
        english.unpublish()
    html = client.get(index.url, {"kind": "industrial_park"}).content.decode()
    switcher = html[html.index('class="language-switcher"'):]
    link = re.search(rf'<a href="([^"]+)" hreflang="{asked}"', switcher).group(1).replace("&amp;", "&")
    assert link == f"{index.url}?kind=industrial_park&untranslated={asked}"
    assert f'rel="alternate" hreflang="{asked}"' not in html  # search engines are not sent to a stand-in
    followed = client.get(link)
    assert followed.status_code == 200
    assert notice in followed.content.decode() and f'lang="{asked}"' in followed.content.decode()
    assert "untranslated-notice" not in client.get(index.url, {"untranslated": "xx"}).content.decode()


def test_an_application_page_links_each_language_with_its_own_query(client, home_page):
    """The search page is a route, not a CMS page: each language's link is that language's route with this
    request's query, whatever query came before (the route's translation is kept per process)."""
    for words in ("dry port", "industrial park"):
        query = words.replace(" ", "+")
        html = client.get("/en/search/", {"q": words}).content.decode()
        switcher = html[html.index('class="language-switcher"'):]
        for code in ("vi", "ko", "zh-hans"):
            link = re.search(rf'<a href="([^"]+)" hreflang="{code}"', switcher).group(1)
            assert link == f"/{code}/search/?q={query}"
        alternate = re.search(r'<link rel="alternate" hreflang="vi" href="([^"]+)"', html).group(1)
        assert alternate.endswith("/vi/search/")
