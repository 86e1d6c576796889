"""Zone, incentive and finder pages: render in English and Vietnamese, page-tree rules, constant query
count, escaping of editor values, and the admin screens an editor uses."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import HomePage
from search.services import rebuild_index
from tests.factories import UserFactory, zone_index
from tests.factories_zones import incentive_index, make_plots, make_policy, make_zone, rule
from zones import demo
from zones.models import IncentiveIndexPage, IncentivePolicyPage, NamedPlace, Plot, ZoneIndexPage, ZonePage

pytestmark = pytest.mark.django_db
XSS = "<img src=x onerror=alert(1)>"


@pytest.mark.smoke
def test_demo_loads_once_and_pages_render_in_both_languages(client, home_page):
    demo.load()
    counts = (ZonePage.objects.count(), Plot.objects.count(), IncentivePolicyPage.objects.count())
    demo.load()
    assert (ZonePage.objects.count(), Plot.objects.count(), IncentivePolicyPage.objects.count()) == counts
    assert counts[0] == 24 and counts[1] > 200 and counts[2] >= 6  # 12 zones and 3+ policies, en + vi
    en = client.get("/en/zones/")
    vi = client.get("/vi/zones/")
    assert en.status_code == 200 and vi.status_code == 200
    assert "Minh Hung III Industrial Park" in en.text and "Khu kinh tế cửa khẩu Hoa Lư" in vi.text
    zone = client.get("/en/zones/hoa-lu/")
    assert zone.status_code == 200
    assert "illustrative" in zone.text
    assert "Incentives for areas with difficult socio-economic conditions" in zone.text  # border-gate EZ rule
    assert "hết hiệu lực" not in client.get("/vi/zones/minh-hung-3/").text  # the expired policy is not offered
    for path in ("/vi/zones/hoa-lu/", "/en/incentives/", "/vi/incentives/",
                 "/vi/incentives/difficult-areas-and-economic-zones/"):
        assert client.get(path).status_code == 200, path
    rebuild_index()  # the demo's search loader
    filtered = client.get("/en/zones/", {"kind": "border_gate_economic_zone"})
    assert "Hoa Lu Border-Gate Economic Zone" in filtered.text and "Minh Hung III" not in filtered.text
    assert NamedPlace.objects.filter(code="cat-lai").exists()


class TestPageTree(WagtailPageTestCase):
    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(ZoneIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ZoneIndexPage, {ZonePage})
        self.assertAllowedParentPageTypes(ZonePage, {ZoneIndexPage})
        self.assertAllowedParentPageTypes(IncentivePolicyPage, {IncentiveIndexPage})

    def test_editor_can_create_a_zone(self):
        from portal import demo as portal_demo

        home = portal_demo.ensure_home_pages()
        index = zone_index(home)
        self.login()
        self.assertCanCreate(index, ZonePage, nested_form_data({
            "title": "New park", "slug": "new-park", "code": "new-park", "kind": "industrial_park",
            "status": "planned", "price_basis": "lease_term", "summary": "", "body": rich_text(""),
            "geometry": '{"type": "Polygon", "coordinates": [[[106.9, 11.5], [106.91, 11.5], [106.91, 11.51], '
                        '[106.9, 11.5]]]}',
            "distances": inline_formset([]), "gallery_images": inline_formset([]), "brochures": inline_formset([]),
            "figure_sources": inline_formset([]),
        }))
        zone = ZonePage.objects.get(code="new-park")
        assert zone.area_m2 and zone.area_m2 > 0 and zone.min_lon == pytest.approx(106.9)


    def test_editor_can_create_a_policy_with_rules(self):
        from portal import demo as portal_demo

        index = incentive_index(portal_demo.ensure_home_pages())
        self.login()
        data = nested_form_data({
            "title": "EZ policy", "slug": "ez-policy", "summary": "For economic zones", "body": rich_text(""),
            "document_number": "31/2021/NĐ-CP", "document_title": "", "article": "", "effective_from": "2021-03-26",
            "effective_to": "", "items": streamfield([]),
            "rules": inline_formset([{"reason_en": "In an economic zone", "reason_vi": "Trong khu kinh tế",
                                      "conditions": inline_formset([
                                          {"group": "1", "field": "zone_kind", "operator": "in",
                                           "value": "economic_zone,border_gate_economic_zone"},
                                          {"group": "1", "negate": "on", "field": "difficult_area", "operator": "eq",
                                           "value": "true"}])}]),
        })
        self.assertCanCreate(index, IncentivePolicyPage, data)
        rule = IncentivePolicyPage.objects.get(slug="ez-policy").rules.get()
        assert rule.reason_vi == "Trong khu kinh tế"
        assert [(c.field, c.operator, c.value, c.negate) for c in rule.conditions.order_by("pk")] == [
            ("zone_kind", "in", "economic_zone,border_gate_economic_zone", False),
            ("difficult_area", "eq", "true", True)]

    def test_editor_is_told_what_is_wrong_with_a_condition(self):
        from portal import demo as portal_demo

        index = incentive_index(portal_demo.ensure_home_pages())
        self.login()
        data = nested_form_data({
            "title": "Bad policy", "slug": "bad-policy", "summary": "x", "body": rich_text(""),
            "document_number": "", "document_title": "", "article": "", "effective_from": "", "effective_to": "",
            "items": streamfield([]),
            "rules": inline_formset([{"reason_en": "x", "reason_vi": "x", "conditions": inline_formset([
                {"group": "1", "field": "capital_usd", "operator": "gte", "value": "lots"}])}]),
        })
        response = self.client.post(reverse("wagtailadmin_pages:add", args=("zones", "incentivepolicypage",
                                                                           index.pk)), data)
        assert response.status_code == 200 and "is not a number" in response.text
        assert not IncentivePolicyPage.objects.filter(slug="bad-policy").exists()

    def test_zone_page_renders_and_previews(self):
        from portal import demo as portal_demo

        zone = make_zone(zone_index(portal_demo.ensure_home_pages()), "preview")
        make_plots(zone, 2)
        self.assertPageIsRenderable(zone)
        self.assertPageIsPreviewable(zone)


def _zone_page_queries(client, zone) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(zone.url)
    assert response.status_code == 200
    return len(queries)


def test_zone_page_query_count_does_not_grow_with_plots(client, home_page):
    index = zone_index(home_page)
    small, large = make_zone(index, "small"), make_zone(index, "large")
    make_plots(small, 5)
    make_plots(large, 50)
    for zone in (small, large):  # warm caches (site root paths, locales, each zone's infrastructure)
        _zone_page_queries(client, zone)
    assert _zone_page_queries(client, small) == _zone_page_queries(client, large)
    assert client.get(large.url).text.count('<tr class="plot-') == 50


def test_editor_values_are_escaped(client, home_page):
    index = zone_index(home_page)
    zone = make_zone(index, "xss", title=XSS, summary=XSS, developer=XSS, roads=XSS)
    Plot.objects.create(zone=zone, code=XSS)
    policies = incentive_index(home_page)
    make_policy(policies, "xss-policy", [rule(XSS, ("zone_kind", "in", "industrial_park"))], title=XSS,
                summary=XSS)
    for url in (zone.url, index.url, policies.url, "/en/incentives/xss-policy/",
                reverse("zones:incentive_finder") + "?zone_kind=industrial_park"):
        text = client.get(url).text
        assert XSS not in text, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in text, url


def test_incentive_finder_explains_why(client, home_page):
    policies = incentive_index(home_page)
    make_policy(policies, "tech", [rule("High-tech projects qualify", ("high_tech", "eq", "true"))],
                title="Tech policy")
    url = reverse("zones:incentive_finder")
    assert client.get(url).status_code == 200

    def verdict(**answers) -> str:
        text = client.get(url, {"submitted": "1", "sector_code": "2610", **answers}).text
        return text.split("Tech policy")[1].split("</li>")[0]

    unanswered, no, yes = verdict(), verdict(high_tech="no"), verdict(high_tech="on")
    assert "May apply" in unanswered and "does not give:</strong> a high-tech project" in unanswered
    assert "Does not apply" in no and "would apply if:</strong> a high-tech project" in no
    assert "Applies" in yes and "Why it applies:</strong> High-tech projects qualify (a high-tech project)" in yes
    assert client.get(url, {"sector_code": "not-a-code"}).status_code == 200  # form errors, no crash
    assert "High-tech projects qualify" in client.get("/en/incentives/tech/").text  # who is eligible


def test_zone_page_links_to_planning_and_downloads(client, home_page):
    index = zone_index(home_page)
    zone = make_zone(index, "links")
    make_plots(zone, 3)
    text = client.get(zone.url).text
    assert f'{reverse("licensing:plan")}?zone_id={zone.pk}&amp;zone_kind=industrial_park' in text
    assert f'{reverse("zones:incentive_finder")}?zone_id={zone.pk}&amp;zone_kind=industrial_park' in text
    # The plots in every export format, and every zone from the index; each link downloads a file.
    plots = re.findall(r'<a href="([^"]+/plots\.(\w+))" download>', text)
    assert sorted(fmt for _url, fmt in plots) == ["geojson", "gpkg", "kml", "shp"]
    index_text = client.get(index.url).text
    zones = re.findall(r'<a href="([^"]+/zones\.(\w+))" download>', index_text)
    assert sorted(fmt for _url, fmt in zones) == ["geojson", "gpkg", "kml", "shp"]
    for url, fmt in plots + zones:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment"), url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        magic = {"shp": b"PK\x03\x04", "gpkg": b"SQLite format 3", "geojson": b"{", "kml": b"<?xml"}[fmt]
        assert content.lstrip().startswith(magic) and len(content) > 100, url


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors group with the zones models' permissions."""
    group = Group.objects.get(name="Editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="zones"))
    user = UserFactory(is_staff=False)
    user.groups.add(group)
    return user


def test_admin_screens_load_for_an_editor(client, home_page, editor):
    zone = make_zone(zone_index(home_page), "admin-zone")
    plot = make_plots(zone, 1)[0]
    client.force_login(editor)
    for name in ("plot", "namedplace", "sector", "administrativeunit"):
        assert client.get(reverse(f"wagtailsnippets_zones_{name}:list")).status_code == 200, name
        assert client.get(reverse(f"wagtailsnippets_zones_{name}:add")).status_code == 200, name
    response = client.get(reverse("wagtailsnippets_zones_plot:list"), {"status": "available", "q": plot.code})
    assert response.status_code == 200 and plot.code in response.text
    assert client.get(reverse("wagtailsnippets_zones_plot:edit", args=[plot.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[zone.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:add", args=["zones", "zonepage", zone.get_parent().pk])
                      ).status_code == 200
    assert Page.objects.filter(pk=zone.pk).exists()


def _index_queries(client, index) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(index.url)
    assert response.status_code == 200
    return len(queries)


def test_zone_index_query_count_does_not_grow_with_zones(client, home_page):
    index = zone_index(home_page)
    make_plots(make_zone(index, "first-0"), 2)
    _index_queries(client, index)  # the site and locale caches
    make_plots(make_zone(index, "first-1"), 2)
    few = _index_queries(client, index)  # the zone list rebuilt after a change, with 2 zones
    for n in range(4):
        make_plots(make_zone(index, f"more-{n}"), 3)
    assert _index_queries(client, index) == few  # and with 6
    assert _index_queries(client, index) < few  # kept until the next change

