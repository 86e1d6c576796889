"""The data catalogue at /<lang>/data/: every dataset in the visitor's language with working links, and its
DCAT-AP description in JSON-LD (embedded and served) that expands to the DCAT classes with absolute IRIs."""

import json
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.http import http_date
from pyld import jsonld

from api import catalogue
from portal import demo as portal_demo
from projects import demo as projects_demo
from tests.factories_licensing import load_catalogue
from tests.factories_zones import make_plots, make_zone
from zones import demo as zones_demo
from zones.models import ZoneIndexPage, ZonePage

DATASETS = ["zones", "plots", "infrastructure", "policies", "procedures", "performance", "statistics", "quality"]
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
TYPE = "@type"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site in English and Vietnamese: zones, plots, infrastructure, policies, the project registry,
    the licensing catalogue and the site settings, loaded once for the module (rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = portal_demo.ensure_home_pages(languages=("en", "vi"))
        zones_demo.load(home)
        projects_demo.load()
        load_catalogue()
        portal_demo.ensure_site_settings()
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


class Links(HTMLParser):
    """The links of a page's main content, its data blocks and its dataset sections."""

    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.datasets, self._script, self._main = [], [], [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._main = self._main or tag == "main"
        if tag == "a" and attrs.get("href") and self._main:
            self.links.append(attrs["href"])
        if tag == "section" and attrs.get("data-dataset"):
            self.datasets.append(attrs["data-dataset"])
        if tag == "script":
            self._script = [attrs.get("type"), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        self._main = self._main and tag != "main"
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None


def parsed(response) -> Links:
    page = Links()
    page.feed(response.content.decode())
    return page


def refuse_network(url, options=None):
    raise AssertionError(f"the JSON-LD made a network request for {url}")


def expanded(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": refuse_network})


def embedded(response) -> dict:
    blocks = [text for kind, text in parsed(response).scripts if kind == "application/ld+json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def nodes_of(graph: list[dict], kind: str) -> list[dict]:
    """Every node of ``kind`` in the expanded tree."""
    found = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if kind in value.get(TYPE, []):
                found.append(value)
            for item in value.values():
                walk(item)

    walk(graph)
    return found


def ids(node: dict, prop: str) -> list[str]:
    return [value["@id"] for value in node.get(prop, [])]


def values(node: dict, prop: str) -> list[str]:
    return [value["@value"] for value in node.get(prop, [])]


def absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_page_lists_every_dataset_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/data/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert parsed(response).datasets == DATASETS
    with translation.override(language):
        for dataset in catalogue._definitions():
            assert f">{escape(str(dataset.title))}</h2>" in html
            assert escape(str(dataset.description)) in html
        assert str(catalogue.FREQUENCIES["IRREG"]) in html
    publisher = "Investment Promotion Centre (demo)" if language == "en" else "Trung tâm Xúc tiến Đầu tư (minh họa)"
    assert publisher in html
    assert catalogue.LICENCE["url"] in html


def test_every_download_and_api_link_on_the_page_answers(client):
    response = client.get("/en/data/")
    found = parsed(response).links
    anchors = [link.removeprefix("#") for link in found if link.startswith("#")]
    links = [link for link in found if not link.startswith("#") and urlsplit(link).netloc in ("", "testserver")]
    paths = {urlsplit(link).path for link in links}

    # the table at the top links to each dataset's section
    assert anchors and all(f'id="{anchor}"' in response.content.decode() for anchor in anchors)
    # the downloads the site offers and the API's description are all there
    assert {f"/en/maps/export/zones.{fmt}" for fmt in ("geojson", "kml", "shp", "gpkg")} <= paths
    assert {"/en/projects/dashboard/export.csv", "/en/projects/dashboard/export.xlsx"} <= paths
    zone = ZonePage.objects.live().get(code="minh-hung-3", locale__language_code="en")
    assert f"/en/maps/export/zones/{zone.pk}/plots.gpkg" in paths
    assert {"/api/v1/schema/", "/api/v1/docs/", "/en/data/catalogue.jsonld"} <= paths
    for link in links:
        answer = client.get(link)
        assert answer.status_code == 200, link


def test_the_json_ld_is_served_with_its_type_and_last_modified(client):
    response = client.get("/vi/data/catalogue.jsonld")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(response.content)
    modified = datetime.fromisoformat(document["dct:modified"])
    assert response["Last-Modified"] == http_date(modified.timestamp())
    assert document["@id"] == "http://testserver/vi/data/"


def test_the_page_embeds_the_same_description_as_a_data_block_the_policy_allows(client):
    page = client.get("/en/data/")
    served = client.get("/en/data/catalogue.jsonld")

    assert embedded(page) == json.loads(served.content)
    script_policy = page["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "'self'" in script_policy and "unsafe-inline" not in script_policy


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_json_ld_expands_to_a_dcat_catalogue_with_absolute_iris(client, language):
    document = json.loads(client.get(f"/{language}/data/catalogue.jsonld").content)
    graph = expanded(document)

    [catalog] = nodes_of(graph, DCAT + "Catalog")
    assert catalog["@id"] == f"http://testserver/{language}/data/"
    assert {value["@language"] for value in catalog[DCT + "title"]} <= {language, "en"}
    assert ids(catalog, DCT + "language") == [catalogue.LANGUAGE + {"en": "ENG", "vi": "VIE"}[language]]
    [publisher] = catalog[DCT + "publisher"]
    assert FOAF + "Agent" in publisher[TYPE] and values(publisher, FOAF + "name")
    assert ids(catalog, DCT + "license") == [catalogue.LICENCE["url"]]

    datasets = nodes_of(graph, DCAT + "Dataset")
    assert [values(dataset, DCT + "identifier")[0] for dataset in datasets] == DATASETS
    for dataset in datasets:
        name = values(dataset, DCT + "identifier")[0]
        assert values(dataset, DCT + "title") and values(dataset, DCT + "description"), name
        assert values(dataset, DCAT + "keyword"), name
        assert all(theme.startswith(catalogue.THEME) for theme in ids(dataset, DCAT + "theme")), name
        assert ids(dataset, DCT + "accrualPeriodicity")[0].startswith(catalogue.FREQUENCY), name
        [spatial] = dataset[DCT + "spatial"]
        assert spatial[DCAT + "bbox"][0]["@value"].startswith("POLYGON((")
        [contact] = dataset[DCAT + "contactPoint"]
        assert values(contact, VCARD + "fn") and ids(contact, VCARD + "hasEmail") == ["mailto:invest@example.org"]
        distributions = dataset[DCAT + "distribution"]
        assert distributions, name
        for distribution in distributions:
            assert DCAT + "Distribution" in distribution[TYPE]
            assert all(absolute(url) for url in ids(distribution, DCAT + "accessURL")), name
            assert ids(distribution, DCT + "license") == [catalogue.LICENCE["url"]]
            assert ids(distribution, DCAT + "mediaType")[0].startswith(catalogue.IANA)
            assert ids(distribution, DCT + "format")[0].startswith(catalogue.FILE_TYPE)
        downloads = [d for d in distributions if DCAT + "downloadURL" in d]
        assert all(absolute(url) for d in downloads for url in ids(d, DCAT + "downloadURL"))
    by_name = {values(dataset, DCT + "identifier")[0]: dataset for dataset in datasets}
    assert DCT + "modified" in by_name["zones"] and DCT + "issued" in by_name["zones"]
    assert DCT + "temporal" in by_name["statistics"]

    services = nodes_of(graph, DCAT + "DataService")
    for service in services:
        assert all(absolute(url) for url in ids(service, DCAT + "endpointURL") + ids(service, DCAT + "servesDataset"))
        assert ids(service, DCT + "conformsTo")[0] in (catalogue.OPENAPI, catalogue.OGC_FEATURES)
    [rest] = [service for service in services if ids(service, DCT + "conformsTo") == [catalogue.OPENAPI]]
    assert ids(rest, DCAT + "endpointURL") == ["http://testserver/api/v1/"]
    assert ids(rest, DCAT + "endpointDescription") == ["http://testserver/api/v1/schema/"]


def _zones_modified(client) -> str:
    document = json.loads(client.get("/en/data/catalogue.jsonld").content)
    return next(dataset["dct:modified"] for dataset in document["dcat:dataset"]
                if dataset["dct:identifier"] == "zones")


def test_the_last_update_is_the_latest_change_of_the_data(client):
    before = _zones_modified(client)
    newest = max(ZonePage.objects.live().values_list("last_published_at", flat=True))
    assert datetime.fromisoformat(before) == newest

    zone = ZonePage.objects.live().get(code="minh-hung-3", locale__language_code="vi")
    zone.total_area_ha += 1
    zone.save_revision().publish()
    zone.refresh_from_db()

    after = datetime.fromisoformat(_zones_modified(client))
    assert after >= zone.last_published_at > newest
    assert after == max(ZonePage.objects.live().values_list("last_published_at", flat=True))
    document = json.loads(client.get("/en/data/catalogue.jsonld").content)
    assert datetime.fromisoformat(document["dct:modified"]) >= zone.last_published_at


def test_names_from_the_data_are_escaped(client, site_settings):
    site_settings.organisation_name_en = "<script>alert('board')</script>"
    site_settings.save()
    zone = ZonePage.objects.live().get(code="minh-hung-3", locale__language_code="en")
    zone.title = "<script>alert('zone')</script>"
    zone.save_revision().publish()

    response = client.get("/en/data/")

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;board&#x27;)" in html
    assert "&lt;script&gt;alert(&#x27;zone&#x27;)" in html
    assert [kind for kind, _text in parsed(response).scripts if kind == "application/ld+json"] == [
        "application/ld+json"]
    data = embedded(response)
    assert data["dct:publisher"]["foaf:name"]["@value"] == "<script>alert('board')</script>"
    titles = [d["dct:title"] for ds in data["dcat:dataset"] for d in ds["dcat:distribution"]]
    assert "<script>alert('zone')</script>" in titles


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/data/").status_code == 200
    return len(queries)


def test_the_page_reads_a_fixed_number_of_queries(client):
    client.get("/en/data/")  # content types and site root paths are cached after the first request
    index = ZoneIndexPage.objects.get(locale__language_code="en")
    make_plots(make_zone(index, "extra-first"), 2)
    before = _queries(client)  # what a publish drops is rebuilt, with one more zone
    extra = [make_zone(index, f"extra-{number}") for number in range(3)]
    for zone in extra:
        make_plots(zone, 2)

    after = _queries(client)

    assert after == before <= 25
    html = client.get("/en/data/").content.decode()
    assert all(f"/en/maps/export/zones/{zone.pk}/plots.gpkg" in html for zone in extra)
