"""The main navigation and the language links kept per process (``portal.page_tree``) follow the page tree: a
page published into the menu, unpublished or moved out of it; a translation published, renamed or unpublished
changes the ``hreflang`` alternates and the language switcher."""

import re

import pytest
from wagtail.models import Locale, Page

from tests.factories import zone_index
from tests.factories_zones import incentive_index

pytestmark = pytest.mark.django_db


def menu(client) -> str:
    html = client.get("/en/").content.decode()
    return html.split('class="main-nav"')[1].split("</nav>")[0]


def alternates(client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    found = html.split('class="language-switcher"')[1].split("</nav>")[0]
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', found)}


def test_the_menu_follows_publishing_unpublishing_and_moves(client, home_page):
    policies = incentive_index(home_page)
    assert ">Incentives<" not in menu(client)
    policies.show_in_menus = True
    policies.save_revision().publish()
    assert ">Incentives<" in menu(client)
    policies.title = "Investment incentives"
    policies.save_revision().publish()
    assert ">Investment incentives<" in menu(client)
    policies.unpublish()
    assert ">Investment incentives<" not in menu(client)
    policies.save_revision().publish()
    assert ">Investment incentives<" in menu(client)
    policies.move(zone_index(home_page), pos="last-child")
    assert ">Investment incentives<" not in menu(client)


def test_the_language_links_follow_a_translation(client, home_page):
    index = zone_index(home_page)
    assert set(alternates(client, index.url)) == {"en", "x-default"}
    assert switcher(client, index.url)["vi"] == "/en/zones/?untranslated=vi"
    translated = index.copy_for_translation(Locale.objects.get(language_code="vi"))
    translated.save_revision().publish()
    assert alternates(client, index.url)["vi"].endswith("/vi/zones/")
    assert switcher(client, index.url)["vi"] == "/vi/zones/"
    translated.slug = "khu-cong-nghiep"
    translated.save_revision().publish()
    assert alternates(client, index.url)["vi"].endswith("/vi/khu-cong-nghiep/")
    assert switcher(client, "/vi/khu-cong-nghiep/")["en"] == "/en/zones/"
    Page.objects.get(pk=translated.pk).specific.unpublish()
    assert "vi" not in alternates(client, index.url)
    assert switcher(client, index.url)["vi"] == "/en/zones/?untranslated=vi"
