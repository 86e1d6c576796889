"""The main navigation, the language links and the footer kept per process (``portal.page_tree``) follow the page
tree: a page published into the menu, unpublished or moved out of it; a translation published, renamed or
unpublished changes the ``hreflang`` alternates and the language switcher; the site settings edited change the
footer, and each host name has its own site's."""

import re

import pytest
from wagtail.models import Locale, Page, Site

from portal.models import SiteSettings
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


def test_a_kept_route_reads_the_page_with_one_query_and_follows_the_tree(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories_zones import make_zone

    index = zone_index(home_page)
    park = make_zone(index, "park", title="Binh Park")
    url = park.url
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert "Binh Park" in client.get(url).text
    read = [query["sql"] for query in kept.captured_queries]
    assert sum('FROM "zones_zonepage"' in sql for sql in read) == 1  # the zone, with its own table
    assert not any('FROM "wagtailcore_page"' in sql and "slug" in sql for sql in read)  # no level by level

    park.slug = "binh-park"
    park.save_revision().publish()
    assert client.get(url).status_code == 404
    assert client.get(Page.objects.get(pk=park.pk).url).status_code == 200
    park.refresh_from_db()
    park.unpublish()
    assert client.get(park.url).status_code == 404
    assert client.get("/en/zones/nowhere/").status_code == 404


def test_a_kept_route_still_asks_for_a_private_pages_password(client, home_page):
    from wagtail.models import PageViewRestriction

    from tests.factories_zones import make_zone

    park = make_zone(zone_index(home_page), "park", title="Binh Park")
    assert "Binh Park" in client.get(park.url).text
    PageViewRestriction.objects.create(page=park, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    for _ in range(2):
        response = client.get(park.url)
        assert response.status_code == 200 and "Binh Park" not in response.text and 'name="password"' in response.text


def footer(client, url: str, **headers) -> str:
    html = client.get(url, **headers).content.decode()
    return html.split('class="site-footer"')[1].split("</footer>")[0]


def test_a_view_that_is_not_a_page_shows_the_footer_and_menu_of_its_hosts_site_and_follows_them(
        client, home_page, site_settings):
    plan = "/en/licensing/plan/"  # a view: no page of Wagtail's has found its site on the request
    assert site_settings.footer_text_en and site_settings.footer_text_en in footer(client, plan)
    site_settings.footer_text_en = "Open every working day"
    site_settings.save()
    assert "Open every working day" in footer(client, plan)
    index = zone_index(home_page)
    Site.objects.create(hostname="zones.example.org", port=80, root_page=index, site_name="Zones")
    SiteSettings.objects.create(site=Site.objects.get(hostname="zones.example.org"), footer_text_en="Zones desk")
    other = client.get(plan, HTTP_HOST="zones.example.org").content.decode()
    assert "Zones desk" in other.split('class="site-footer"')[1] and "Open every working day" not in other
    other_menu = other.split('class="main-nav"')[1].split("</nav>")[0]
    assert f">{index.title}<" in other_menu and f">{home_page.title}<" not in other_menu
    assert f">{home_page.title}<" in client.get(plan).content.decode().split('class="main-nav"')[1]
    assert "Open every working day" in footer(client, plan)  # the first host still has its own
