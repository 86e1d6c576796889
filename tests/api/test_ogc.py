"""OGC API - Features at /ogc/: landing page, conformance, collections, items with paging, filters and CRSs,
problems for wrong parameters, HTML escaping and nothing private served."""

import json

import pytest
from pyproj import Transformer
from wagtail.models import Locale

from api.ogc.sources import SOURCES
from zones.models import Plot

from . import ogc_data

pytestmark = pytest.mark.django_db

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG9212 = "http://www.opengis.net/def/crs/EPSG/0/9212"


@pytest.fixture
def data(home_page):
    return ogc_data.make(home_page)


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response.has_header("Last-Modified"), url
    return response


def ids(client, url) -> list:
    return [feature["id"] for feature in get(client, url).json()["features"]]


def test_landing_conformance_and_collections_link_to_working_resources(client, data):
    landing = get(client, "/ogc/").json()
    rels = {link["rel"]: link for link in landing["links"]}
    assert rels["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert rels["service-doc"]["type"] == "text/html"
    for link in landing["links"]:
        get(client, link["href"])
    conformance = get(client, rels["conformance"]["href"]).json()["conformsTo"]
    for uri in ("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"):
        assert uri in conformance
    collections = get(client, rels["data"]["href"]).json()["collections"]
    assert [c["id"] for c in collections] == list(SOURCES)
    assert {"zones", "plots", "projects", "infrastructure-substation", "infrastructure-road"} <= set(SOURCES)
    for collection in collections:
        assert collection["crs"] == [CRS84, "http://www.opengis.net/def/crs/EPSG/0/4326", EPSG9212,
                                     "http://www.opengis.net/def/crs/EPSG/0/3405"]
        assert collection["storageCrs"] == CRS84
        for link in collection["links"]:
            get(client, link["href"])
    by_id = {c["id"]: c for c in collections}
    west, south, east, north = by_id["plots"]["extent"]["spatial"]["bbox"][0]
    assert west == pytest.approx(106.60, abs=1e-3) and south == pytest.approx(11.53, abs=1e-3)
    assert by_id["zones"]["extent"]["temporal"]["interval"][0][0] == "2020-05-01T03:00:00Z"
    assert by_id["projects"]["extent"]["temporal"]["interval"][0] == ["2021-03-01T00:00:00Z", "2023-06-15T00:00:00Z"]
    document = get(client, rels["service-desc"]["href"]).json()
    assert document["openapi"].startswith("3.0")
    limit = document["components"]["parameters"]["limit"]["schema"]
    assert (limit["default"], limit["maximum"]) == (100, 10_000)
    assert "/collections/plots/items" in document["paths"]
    names = [p.get("name") for p in document["paths"]["/collections/plots/items"]["get"]["parameters"]]
    assert {"zone", "land_use", "status"} <= set(names)
    assert "OGC API - Features" in get(client, rels["service-doc"]["href"]).content.decode()


def test_paging_walks_every_public_plot_once_forwards_and_backwards(client, data):
    url, seen, pages = "/ogc/collections/plots/items?limit=5", [], []
    while url:
        page = get(client, url).json()
        assert page["numberMatched"] == len(data.public_plot_ids)
        assert page["numberReturned"] == len(page["features"]) <= 5
        pages.append([f["id"] for f in page["features"]])
        seen += pages[-1]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    assert len(seen) == len(set(seen)) and set(seen) == data.public_plot_ids
    assert len(pages) == 4
    back = []
    url = next(link["href"] for link in page["links"] if link["rel"] == "prev")
    while url:
        page = get(client, url).json()
        back.insert(0, [f["id"] for f in page["features"]])
        url = next((link["href"] for link in page["links"] if link["rel"] == "prev"), None)
    assert back == pages[:-1]
    assert len(ids(client, "/ogc/collections/plots/items")) == len(data.public_plot_ids)
    assert len(ids(client, "/ogc/collections/plots/items?limit=3")) == 3


def test_bbox_in_crs84_and_in_vn2000_select_the_same_plots(client, data):
    zone_a = {p.pk for p in Plot.objects.filter(zone=data.zone_a)}
    box = (data.zone_a.min_lon, data.zone_a.min_lat, data.zone_a.max_lon, data.zone_a.max_lat)
    assert set(ids(client, "/ogc/collections/plots/items?bbox=" + ",".join(map(str, box)))) == zone_a
    to_vn = Transformer.from_crs("EPSG:4326", "EPSG:9212", always_xy=True)
    west, south = to_vn.transform(box[0] + 0.0005, box[1] + 0.0005)
    east, north = to_vn.transform(box[2] - 0.0005, box[3] - 0.0005)
    found = ids(client, f"/ogc/collections/plots/items?bbox={west},{south},{east},{north}&bbox-crs=EPSG:9212")
    assert set(found) == zone_a
    lat_lon = f"{box[1]},{box[0]},{box[3]},{box[2]}"
    assert set(ids(client, f"/ogc/collections/plots/items?bbox={lat_lon}&bbox-crs=EPSG:4326")) == zone_a
    assert ids(client, "/ogc/collections/plots/items?bbox=100,10,100.1,10.1") == []
    assert ids(client, "/ogc/collections/projects/items?bbox=106.9,11.53,106.91,11.54") == [data.projects[0].pk]


def test_datetime_selects_zones_by_publication_and_projects_by_registration(client, data):
    assert ids(client, "/ogc/collections/zones/items?datetime=2020-01-01T00:00:00Z/2020-12-31T00:00:00Z") == [
        "park-b"]
    assert ids(client, "/ogc/collections/zones/items?datetime=2020-05-01") == ["park-b"]
    assert ids(client, "/ogc/collections/zones/items?datetime=../2019-12-31") == []
    assert sorted(ids(client, "/ogc/collections/zones/items?datetime=2020-05-01/..")) == ["park-a", "park-b"]
    first, second = (p.pk for p in data.projects)
    assert ids(client, "/ogc/collections/projects/items?datetime=2021-03-01") == [first]
    assert ids(client, "/ogc/collections/projects/items?datetime=2022-01-01T00:00:00Z/..") == [second]


def test_property_filters(client, data):
    leased = ids(client, "/ogc/collections/plots/items?status=leased")
    assert [Plot.objects.get(pk=pk).code for pk in leased] == ["B1"]
    assert len(ids(client, "/ogc/collections/plots/items?land_use=warehouse")) == 4
    assert len(ids(client, "/ogc/collections/plots/items?zone=park-b&status=available")) == 3
    assert ids(client, "/ogc/collections/plots/items?zone=park-hidden") == []
    assert ids(client, "/ogc/collections/zones/items?kind=industrial_park&status=operating") == ["park-a", "park-b"]
    assert ids(client, "/ogc/collections/projects/items?zone=park-a") == [data.projects[0].pk]
    assert ids(client, "/ogc/collections/infrastructure-substation/items?status=existing") == ["sub-dong-xoai"]


def test_crs_reprojects_every_coordinate_and_names_the_crs(client, data):
    plot = Plot.objects.get(zone=data.zone_a, code="P1")
    stored = plot.geometry["coordinates"][0]
    response = get(client, "/ogc/collections/plots/items?crs=EPSG:9212&zone=park-a&code=P1")
    assert response["Content-Crs"] == f"<{EPSG9212}>"
    ring = response.json()["features"][0]["geometry"]["coordinates"][0]
    to_vn = Transformer.from_crs("EPSG:4326", "EPSG:9212", always_xy=True)
    assert len(ring) == len(stored)
    for (x, y), (lon, lat) in zip(ring, stored, strict=True):
        expected = to_vn.transform(lon, lat)
        assert x == pytest.approx(expected[0], abs=1e-6) and y == pytest.approx(expected[1], abs=1e-6)
    item = get(client, f"/ogc/collections/plots/items/{plot.pk}?crs={EPSG9212}")
    assert item["Content-Crs"] == f"<{EPSG9212}>"
    assert item.json()["geometry"]["coordinates"][0][0] == pytest.approx(ring[0], abs=1e-6)
    lat_lon = get(client, f"/ogc/collections/plots/items/{plot.pk}?crs=EPSG:4326").json()
    assert lat_lon["geometry"]["coordinates"][0][0] == pytest.approx([stored[0][1], stored[0][0]])
    default = get(client, f"/ogc/collections/plots/items/{plot.pk}")
    assert default["Content-Crs"] == f"<{CRS84}>"
    assert default.json()["geometry"] == plot.geometry
    assert default.json()["properties"] == {"code": "P1", "zone": "park-a", "land_use": "industrial",
                                            "status": "available", "area_ha": round(plot.area_m2 / 10_000, 4),
                                            "src_crs": "EPSG:4326"}


@pytest.mark.parametrize(("query", "name"), [
    ("bbox=1,2,3", "bbox"), ("bbox=a,b,c,d", "bbox"), ("bbox=10,20,5,91", "bbox"), ("limit=0", "limit"),
    ("limit=10001", "limit"), ("limit=ten", "limit"), ("crs=EPSG:2154", "crs"),
    ("bbox=1,2,3,4&bbox-crs=EPSG:1", "bbox-crs"),
    ("datetime=yesterday", "datetime"), ("datetime=2021-01-01T00:00:00", "datetime"),
    ("datetime=2022-01-01/2021-01-01", "datetime"), ("cursor=page-2", "cursor"), ("status=sold", "status"),
    ("f=xml", "f"), ("colour=red", "colour"), ("limit=1&limit=2", "limit"),
])
def test_a_wrong_parameter_is_a_problem_naming_it(client, data, query, name):
    response = client.get(f"/ogc/collections/plots/items?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and name in problem["detail"]
    assert problem["errors"] == [{"field": f"query.{name}", "detail": problem["errors"][0]["detail"]}]


def test_unknown_collection_or_feature_is_a_404_problem(client, data):
    hidden_plot = Plot.objects.filter(zone=data.hidden).first()
    for url in ("/ogc/collections/roads", "/ogc/collections/roads/items", "/ogc/collections/zones/items/nowhere",
                f"/ogc/collections/plots/items/{hidden_plot.pk}", "/ogc/collections/plots/items/abc",
                "/ogc/collections/zones/items/park-hidden"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"


def test_html_encoding_escapes_names(client, data):
    for url in ("/ogc/collections/zones/items?f=html", "/ogc/collections/plots/items?f=html&limit=10000",
                "/ogc/collections/zones/items/park-a?f=html"):
        html = get(client, url).content.decode()
        assert ogc_data.HOSTILE not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    browser = get(client, "/ogc/collections/zones/items", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert browser["Content-Type"].startswith("text/html")
    assert get(client, "/ogc/collections/zones/items", HTTP_ACCEPT="application/geo+json")["Content-Type"] == (
        "application/geo+json")


def test_nothing_private_is_served(client, data):
    bodies = [get(client, f"/ogc/collections/{cid}/items?limit=10000{fmt}").content.decode()
              for cid in SOURCES for fmt in ("", "&f=html")]
    bodies += [get(client, f"/ogc/collections/projects/items/{p.pk}").content.decode() for p in data.projects]
    for body in bodies:
        for secret in ogc_data.SECRETS:
            assert secret not in body
    projects = get(client, "/ogc/collections/projects/items").json()["features"]
    assert sorted(f["properties"]["code"] for f in projects) == ["P-OGC-1", "P-OGC-2"]
    assert set(projects[0]["properties"]) == {"code", "name", "kind", "status", "sector", "sector_name",
                                              "registered_on", "zone", "capital_usd"}


def test_names_follow_the_language_asked_for(client, data):
    vi = Locale.objects.get(language_code="vi")
    translated = data.zone_b.copy_for_translation(vi, copy_parents=True)
    translated.title = "Khu công nghiệp B"
    translated.save_revision().publish()
    names = {f["id"]: f["properties"]["name"] for f in get(client, "/ogc/collections/zones/items?lang=vi").json()[
        "features"]}
    assert names == {"park-a": f"{ogc_data.HOSTILE} Park A", "park-b": "Khu công nghiệp B"}
    by_header = get(client, "/ogc/collections/zones/items", HTTP_ACCEPT_LANGUAGE="vi").json()["features"]
    assert {f["id"]: f["properties"]["name"] for f in by_header} == names
    english = {f["properties"]["code"]: f["properties"]["name"] for f in get(
        client, "/ogc/collections/projects/items").json()["features"]}
    vietnamese = {f["properties"]["code"]: f["properties"]["name"] for f in get(
        client, "/ogc/collections/projects/items?lang=vi").json()["features"]}
    assert (english["P-OGC-2"], vietnamese["P-OGC-2"]) == ("Project P-OGC-2", "Dự án thứ hai")
    substation = get(client, "/ogc/collections/infrastructure-substation/items/sub-dong-xoai?lang=vi").json()
    assert substation["properties"]["name"] == "Trạm biến áp Đồng Xoài"
    links = get(client, "/ogc/collections/zones/items?lang=vi&limit=1").json()["links"]
    assert all("lang=vi" in link["href"] for link in links)


def test_queryables_are_a_json_schema_of_the_filters(client, data):
    response = get(client, "/ogc/collections/plots/queryables")
    assert response["Content-Type"] == "application/schema+json"
    schema = json.loads(response.content)
    assert schema["type"] == "object"
    assert set(schema["properties"]) == {"geometry", "zone", "code", "land_use", "status"}
    assert schema["properties"]["status"]["enum"] == ["available", "reserved", "leased"]
