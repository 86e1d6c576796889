"""The search resource: the site search's results and facets in the language asked, the search page's
paging, problems for bad parameters and an unreachable search service, and conditional reads."""

import pytest

from search import services
from search.backends import get_backend
from search.forms import SearchForm
from tests.contract.test_search_contract import DOCS

pytestmark = pytest.mark.django_db
URL = "/api/v1/search/"


@pytest.fixture
def indexed(db):
    get_backend().rebuild(DOCS)


def test_results_and_facets_are_the_search_services(client, indexed, rf):
    response = client.get(URL, {"q": "dong xoai"})
    assert response.status_code == 200
    body = response.json()
    form = SearchForm(rf.get("/", {"q": "dong xoai"}).GET)
    assert form.is_valid()
    expected = services.search(form.to_query("en"))
    assert body["total"] == expected.total > 0
    assert [(hit["type"], hit["id"], hit["title"]) for hit in body["results"]] == [
        (hit.doc_type, hit.object_id, hit.title) for hit in expected.hits]
    assert [hit["snippet"] for hit in body["results"]] == [str(hit.snippet) for hit in expected.hits]
    assert "<mark>Dong</mark>" in " ".join(hit["snippet"] for hit in body["results"])
    zone = next(hit for hit in body["results"] if hit["type"] == "zone")
    assert zone["type_label"] == "Zone" and zone["url"].startswith("http://testserver/en/")
    types = next(facet for facet in body["facets"] if facet["name"] == "type")
    assert types["title"] == "Type"
    assert {(o["value"], o["count"]) for o in types["options"]} == set(expected.facets["type"])


def test_facet_filters_narrow_and_are_marked_selected(client, indexed):
    body = client.get(URL, {"q": "binh phuoc", "type": "policy"}).json()
    assert body["total"] == 1 and body["results"][0]["type"] == "policy"
    types = next(facet for facet in body["facets"] if facet["name"] == "type")
    assert [o["selected"] for o in types["options"] if o["value"] == "policy"] == [True]


def test_languages_by_parameter_and_header(client, indexed):
    vi = client.get(URL, {"q": "dong xoai", "lang": "vi"}).json()
    assert [hit["id"] for hit in vi["results"]] == ["1"]
    assert vi["results"][0]["title"] == "Khu công nghiệp Đồng Xoài I"
    header = client.get(URL, {"q": "dong xoai"}, HTTP_ACCEPT_LANGUAGE="vi").json()
    assert [hit["title"] for hit in header["results"]] == [hit["title"] for hit in vi["results"]]
    assert client.get(URL, {"q": "dong xoai"}).json()["results"][0]["title"] != vi["results"][0]["title"]


def test_paging_by_page_number(client, indexed):
    first = client.get(URL, {"q": "", "type": "zone", "page_size": 1}).json()
    assert first["total"] == 2 and first["num_pages"] == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["page"] == 2 and second["next"] is None and second["previous"]
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {"2", "3"}
    past = client.get(URL, {"q": "", "type": "zone", "page": 9}).json()
    assert past["results"] == [] and past["total"] == 2
    assert first["total_is_exact"] is True and first["facets_estimated"] is False


def test_past_the_exact_count_limit_more_match_and_pages_end_there(client, indexed, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 2
    first = client.get(URL, {"q": "", "lang": "en", "page_size": 1}).json()  # five English documents
    assert (first["total"], first["total_is_exact"], first["facets_estimated"]) == (2, False, True)
    assert first["num_pages"] == 2
    second = client.get(first["next"]).json()
    assert second["next"] is None and len(second["results"]) == 1
    assert second["results"][0]["id"] != first["results"][0]["id"]


@pytest.mark.parametrize(("params", "field"), [
    ({"bbox": "a,b"}, "query.bbox"), ({"bbox": "200,0,210,10"}, "query.bbox"), ({"page_size": 1000}, "query.page_size"),
    ({"sort": "price"}, "query.sort"), ({"radius_km": 0}, "query.radius_km"), ({"page": "x"}, "query.page"),
    ({"page": 0}, "query.page"), ({"lat": 91}, "query.lat"), ({"min_land": -1}, "query.min_land"),
    ({"q": "x" * 201}, "query.q"), ({"q": "a\x00b"}, "query.q"),
])
def test_bad_parameters_are_problems_naming_the_field(client, indexed, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_a_facet_value_with_a_nul_character_is_a_problem(client, indexed):
    response = client.get(URL, {"type": ["zone", "a\x00b"]})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["query.type.1"]


def test_an_unknown_place_or_empty_bounds_give_no_results(client, indexed):
    assert client.get(URL, {"q": ""}).json()["total"] > 0
    for query in ({"place": "atlantis"}, {"bbox": "107,11,106,12"}, {"bbox": "106,12,107,11"}):
        response = client.get(URL, {"q": "", **query})
        assert response.status_code == 200, query
        assert response.json()["total"] == 0 and response.json()["results"] == [], query


def test_a_radius_without_a_point_is_ignored_as_the_distance_sort_is(client, indexed):
    everything = client.get(URL, {"q": ""}).json()
    assert client.get(URL, {"q": "", "radius_km": 0.1}).json()["total"] == everything["total"] > 0
    near = client.get(URL, {"q": "", "radius_km": 0.1, "lon": 0, "lat": 0})
    assert near.status_code == 200 and near.json()["total"] == 0


def test_an_unreachable_search_service_is_a_503_problem(client, indexed, settings):
    settings.SEARCH_BACKEND = "search.backends.elasticsearch"
    settings.SEARCH_BACKEND_OPTIONS = {"URL": "http://127.0.0.1:9", "INDEX_PREFIX": "api-test"}  # nothing there
    response = client.get(URL, {"q": "dong xoai"})
    assert response.status_code == 503 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503


def test_conditional_reads_follow_the_index(client, indexed):
    first = client.get(URL, {"q": "dong xoai"})
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(URL, {"q": "dong xoai"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(URL, {"q": "dong xoai"}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
