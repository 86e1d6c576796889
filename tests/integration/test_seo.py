"""What search engines and link previews read: one description, an absolute canonical address, the page in each
language it exists in (with x-default), Open Graph and Twitter metadata, schema.org JSON-LD, the sitemaps and
robots.txt, on every kind of public page in English and Vietnamese."""

import json
from datetime import date
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from licensing.models import Agency, Procedure
from portal.seo import DEFAULT_DESCRIPTION, ROUTE_DESCRIPTIONS
from tests.factories import zone_index
from tests.factories_licensing import fresh_caches
from tests.factories_zones import commune, incentive_index, make_policy, make_zone, vi_locale
from zones.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

HOSTILE = 'Khu "A" </script><script>alert(1)</script> & <b>B</b>'
LANGUAGES = ("en", "vi")


class Head(HTMLParser):
    """The ``<meta>``, ``<link>`` and JSON-LD ``<script>`` elements of a page."""

    def __init__(self):
        super().__init__()
        self.metas, self.links, self.json_ld, self._in_json = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if m.get("name") == key or m.get("property") == key]

    def alternates(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.links
                if link.get("rel") == "alternate" and "hreflang" in link}


def head_of(client, url: str, **query) -> Head:
    response = client.get(url, query)
    assert response.status_code == 200, url
    head = Head()
    head.feed(response.content.decode())
    return head


def translate(page):
    copy = page.copy_for_translation(vi_locale(), copy_parents=True)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def site(home_page):
    """A home page, zone index, a zone with a hostile name, a policy and a procedure, each in English and
    Vietnamese; a second zone in English only, a draft zone and a private zone."""
    province = AdministrativeUnit.objects.create(code="p-70", level="province", name_vi="Tỉnh Bình Phước",
                                                 name_en="Binh Phuoc Province")
    ward = commune("c-1", name_en="Dong Xoai Ward", name_vi="Phường Đồng Xoài", parent=province)
    index = zone_index(home_page)
    zone = make_zone(index, "minh-hung", title=HOSTILE, summary="An industrial park <i>near</i> the highway. " * 8)
    zone.communes.set([ward])
    zone.save_revision().publish()
    english_only = make_zone(index, "english-only", title="English only park")
    draft = make_zone(index, "draft-park", title="Draft park", publish=False)
    private = make_zone(index, "private-park", title="Private park")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    policy = make_policy(incentive_index(home_page), "cit-exemption", [], title="Tax exemption",
                         summary="Four years without corporate income tax.")
    pages = {"home": home_page, "zone_index": index, "zone": zone, "policy": policy}
    translated = {name: translate(page) if name != "home" else page.get_translation(vi_locale())
                  for name, page in pages.items()}
    agency = Agency.objects.create(code="bql", name_en="Zone Board", name_vi="Ban Quản lý", level="zone_board",
                                   website="https://bql.example.org/", phone="0271 000 111")
    Procedure.objects.create(code="T-01", name_en="Investment policy approval", name_vi="Chấp thuận chủ trương",
                             agency=agency, time_limit=15, effective_from=date(2021, 1, 1),
                             result_en="A decision", result_vi="Quyết định")
    fresh_caches()
    return {"en": pages, "vi": translated, "english_only": english_only, "draft": draft, "private": private}


def urls_of(site, language: str) -> dict[str, str]:
    """The address of each kind of page in ``language``."""
    with translation.override(language):
        return {**{name: page.url for name, page in site[language].items()},
                "procedure": reverse("licensing:procedure", kwargs={"code": "T-01"}),
                "plan": reverse("licensing:plan"), "dashboard": reverse("projects:dashboard"),
                "search": reverse("search:search"), "catalogue": reverse("catalogue:page")}


def absolute(path: str) -> str:
    return f"http://testserver{path}"


PAGE_KINDS = ("home", "zone_index", "zone", "policy", "procedure", "plan", "dashboard", "search", "catalogue")
CMS_PAGES = ("home", "zone_index", "zone", "policy")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_page_has_one_description_an_absolute_canonical_its_languages_and_previews(client, site,
                                                                                                  language):
    urls = {code: urls_of(site, code) for code in LANGUAGES}
    with translation.override("ko"):
        korean_plan = reverse("licensing:plan")
    for kind in PAGE_KINDS:
        url = urls[language][kind]
        head = head_of(client, url)
        descriptions = head.meta("description")
        assert len(descriptions) == 1 and descriptions[0].strip(), kind
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [absolute(url)], kind
        alternates = head.alternates()
        assert alternates["en"] == absolute(urls["en"][kind]) and alternates["vi"] == absolute(urls["vi"][kind])
        assert alternates["x-default"] == absolute(urls["en"][kind]), kind
        # CMS pages exist in the languages they were translated into; application pages in every language
        assert ("ko" in alternates) == (kind not in CMS_PAGES), kind
        if kind == "plan":
            assert alternates["ko"] == absolute(korean_plan)
        assert head.meta("og:url") == [absolute(url)]
        assert head.meta("og:locale") == [{"en": "en_US", "vi": "vi_VN"}[language]]
        assert {"en_US", "vi_VN"} - {head.meta("og:locale")[0]} <= set(head.meta("og:locale:alternate"))
        assert head.meta("og:description") == descriptions
        assert head.meta("og:site_name")[0] and head.meta("og:title")[0] and head.meta("og:type") == ["website"]
        assert head.meta("og:image")[0].startswith("http://testserver/") and head.meta("og:image")[0].endswith(".png")
        assert head.meta("twitter:card") == ["summary_large_image"]


def test_descriptions_come_from_the_page_else_the_application_page_else_the_site(client, site):
    urls = urls_of(site, "en")
    zone = head_of(client, urls["zone"]).meta("description")[0]
    assert zone.startswith("An industrial park near the highway.") and "<i>" not in zone
    assert len(zone) <= 155 and zone.endswith("…")
    assert head_of(client, urls["policy"]).meta("description") == ["Four years without corporate income tax."]
    assert head_of(client, urls["zone_index"]).meta("description") == [str(DEFAULT_DESCRIPTION)]
    assert head_of(client, urls["plan"]).meta("description") == [str(ROUTE_DESCRIPTIONS["licensing:plan"])]
    assert head_of(client, urls["procedure"]).meta("description") == [
        "Investment policy approval: filed with Zone Board; statutory time 15 working days. Result: A decision."]
    policy = site["en"]["policy"]
    policy.search_description = "Written for search engines."
    policy.save_revision().publish()
    assert head_of(client, urls["policy"]).meta("description") == ["Written for search engines."]


def test_a_page_in_one_language_names_no_other_and_filters_leave_the_canonical(client, site):
    english_only = site["english_only"].url
    assert head_of(client, english_only).alternates() == {"en": absolute(english_only),
                                                          "x-default": absolute(english_only)}
    index = site["en"]["zone_index"].url
    filtered = head_of(client, index, kind="industrial_park", utm_source="newsletter")
    assert [link["href"] for link in filtered.links if link.get("rel") == "canonical"] == [absolute(index)]
    assert filtered.alternates()["vi"] == absolute(site["vi"]["zone_index"].url)
    second = head_of(client, index, page="2", utm_source="newsletter")
    assert [link["href"] for link in second.links if link.get("rel") == "canonical"] == [absolute(f"{index}?page=2")]
    assert not head_of(client, urls_of(site, "en")["search"]).meta("robots")
    assert head_of(client, urls_of(site, "en")["search"], q="park").meta("robots") == ["noindex, follow"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_zone_is_a_place_with_its_centroid_and_a_hostile_name_stays_text(client, site, language):
    zone = site[language]["zone"]
    response = client.get(zone.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    head = Head()
    head.feed(html)
    assert len(head.json_ld) == 1
    place = json.loads(head.json_ld[0])
    centre = zone.shape.centroid
    assert place["@type"] == "Place" and place["name"] == HOSTILE and place["url"] == absolute(zone.url)
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": pytest.approx(centre.y, abs=1e-6),
                            "longitude": pytest.approx(centre.x, abs=1e-6)}
    region = {"en": "Binh Phuoc Province", "vi": "Tỉnh Bình Phước"}[language]
    assert place["address"]["addressRegion"] == region and place["address"]["addressCountry"] == "VN"
    assert head.meta("og:title") == [HOSTILE] and head.meta("twitter:title") == [HOSTILE]


def test_a_zone_with_a_gallery_is_previewed_with_its_first_image(client, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from zones.models import ZoneGalleryImage

    zone = site["en"]["zone"]
    image = Image.objects.create(title="Aerial view", file=get_test_image_file(size=(1600, 900)))
    ZoneGalleryImage.objects.create(zone=zone, image=image, locale=zone.locale, caption="From above")
    head = Head()
    head.feed(client.get(zone.url).content.decode())
    preview = head.meta("og:image")[0]
    assert preview.startswith("http://testserver/") and "fill-1200x630" in preview
    assert json.loads(head.json_ld[0])["image"] == preview


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_procedure_is_a_government_service_of_its_agency(client, site, language):
    url = urls_of(site, language)["procedure"]
    head = head_of(client, url)
    assert len(head.json_ld) == 1
    service = json.loads(head.json_ld[0])
    assert service["@type"] == "GovernmentService" and service["url"] == absolute(url)
    assert service["provider"]["@type"] == "GovernmentOrganization"
    assert service["provider"]["name"] == {"en": "Zone Board", "vi": "Ban Quản lý"}[language]
    assert service["areaServed"]["name"] == {"en": "Binh Phuoc Province", "vi": "Tỉnh Bình Phước"}[language]
    assert service["serviceType"] and service["identifier"] == "T-01"


def _locations(xml: bytes) -> tuple[list[str], dict[str, dict[str, str]]]:
    root = ElementTree.fromstring(xml)  # noqa: S314 - the site's own sitemap
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations, alternates = [], {}
    for url in root.findall("s:url", ns):
        location = url.find("s:loc", ns).text
        locations.append(location)
        alternates[location] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
    return locations, alternates


def test_the_sitemap_index_lists_one_sitemap_per_language_of_live_public_pages(client, site, settings):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    listed = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert listed == [absolute(f"/sitemap-{code}.xml") for code, _name in settings.LANGUAGES]

    english, english_alternates = _locations(client.get("/sitemap-en.xml").content)
    en, vi = urls_of(site, "en"), urls_of(site, "vi")
    for kind in ("home", "zone_index", "zone", "policy", "procedure", "plan", "dashboard", "catalogue"):
        assert absolute(en[kind]) in english, kind
    assert absolute(site["english_only"].url) in english
    assert all("draft-park" not in url and "private-park" not in url for url in english)
    assert len(english) == len(set(english))
    assert english_alternates[absolute(en["zone"])] == {"en": absolute(en["zone"]), "vi": absolute(vi["zone"]),
                                                        "x-default": absolute(en["zone"])}
    assert set(english_alternates[absolute(en["plan"])]) == {code for code, _n in settings.LANGUAGES} | {"x-default"}

    vietnamese, _alternates = _locations(client.get("/sitemap-vi.xml").content)
    assert absolute(vi["zone"]) in vietnamese and absolute(vi["plan"]) in vietnamese
    assert all("/en/" not in url for url in vietnamese)
    korean, _alternates = _locations(client.get("/sitemap-ko.xml").content)  # no page translated into Korean
    with translation.override("ko"):
        assert absolute(reverse("licensing:plan")) in korean
    assert all("/zones/" not in url for url in korean)
    assert client.get("/sitemap-xx.xml").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_accounts_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Allow: /" in lines
    for language in LANGUAGES:
        with translation.override(language):
            for name in ("licensing:signin", "licensing:my_projects", "api-tokens:list", "promotion:mine"):
                assert f"Disallow: {reverse(name)}" in lines
            assert f"Disallow: {reverse('search:search')}?" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_language_alternates_cost_the_same_queries_in_two_languages_as_in_six(client, site):
    index = site["en"]["zone_index"]
    client.get(index.url)  # caches filled
    with CaptureQueriesContext(connection) as two:
        client.get(index.url)
    from wagtail.models import Locale

    for code in ("ko", "ja", "zh-hans", "zh-hant"):
        index.copy_for_translation(Locale.objects.get_or_create(language_code=code)[0],
                                   copy_parents=True).save_revision().publish()
    client.get(index.url)  # the site's root paths cached again after the new home pages
    with CaptureQueriesContext(connection) as six:
        head = head_of(client, index.url)
    assert len(head.alternates()) == 7
    assert len(six) <= len(two)


def test_the_switcher_and_the_alternates_read_the_translations_once(client, site, monkeypatch):
    from wagtail.models import Page

    index = site["en"]["zone_index"]
    reads = []
    get_translations = Page.get_translations
    monkeypatch.setattr(Page, "get_translations", lambda page, *args, **kwargs: reads.append(page.pk)
                        or get_translations(page, *args, **kwargs))
    head = head_of(client, index.url)
    assert len(head.alternates()) == 3  # en, vi and x-default, from the one read
    assert reads.count(index.pk) == 1, reads
