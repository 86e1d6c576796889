"""The search page, its JSON endpoint, autocomplete, the zone service and the health check."""


import pytest
import shapely
from django.urls import reverse

from search import services
from search.backends import get_backend
from tests.contract.test_search_contract import DOCS

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(home_page):
    get_backend().rebuild(DOCS)


@pytest.mark.smoke
def test_search_page_shows_hits_facets_and_the_result_map(client, indexed):
    response = client.get("/en/search/", {"q": "dong xoai"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dong Xoai II Industrial Park" in html and "<mark>Dong</mark>" in html
    assert 'data-facet="type"' in html and 'data-facet-value="zone"' in html
    assert 'data-map-features="2"' in html  # the park and the project have a location
    assert 'class="site-search"' in html  # the header search box


def test_the_result_map_is_one_rendering_for_every_search_and_its_places_are_data(client, indexed):
    import re

    def map_script(html: str) -> str:
        return re.search(r'class="map-figure".*?<script nonce="[^"]*">(.*?)</script>', html, re.S).group(1)

    first = client.get("/en/search/", {"q": "dong xoai"}).content.decode()
    second = client.get("/en/search/", {"q": "border gate"}).content.decode()
    assert 'data-map-features="2"' in first and 'data-map-features="1"' in second
    assert map_script(first) == map_script(second)  # the map's script is the same; its places are the page's
    places = re.search(r'data-map-places>.*?<script type="application/json">(.*?)</script>', second, re.S).group(1)
    assert "Hoa Lu Border-Gate Economic Zone" in places and "Hoa Lu" not in map_script(second)


def test_facet_link_narrows_results(client, indexed):
    response = client.get("/en/search/", {"q": "binh phuoc", "type": "policy"})
    assert response.context["results"].total == 1
    assert response.context["results"].hits[0].doc_type == "policy"


def test_a_page_past_the_last_goes_to_the_last(client, indexed):
    response = client.get("/en/search/", {"q": "binh phuoc", "type": "policy", "page": "999", "page_size": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/en/search/?q=binh+phuoc&type=policy&page_size=1&page=1"
    assert client.get(response["Location"]).context["results"].total == 1
    nothing = client.get("/en/search/", {"q": "no such words anywhere", "page": "3"})
    assert nothing.status_code == 200 and "Nothing matches" in nothing.content.decode()


def test_vietnamese_page_searches_vietnamese_documents(client, indexed):
    response = client.get("/vi/search/", {"q": "dong xoai"})
    assert [hit.object_id for hit in response.context["results"].hits] == ["1"]


def test_json_endpoint(client, indexed):
    response = client.get("/en/search/api/", {"q": "", "type": "zone", "sort": "available_land", "page_size": 2})
    body = response.json()
    assert response.status_code == 200
    assert body["total"] == 2 and body["num_pages"] == 1
    assert [hit["id"] for hit in body["hits"]] == ["3", "2"]
    assert ["industrial_park", 1] in body["facets"]["kind"]
    geo = client.get("/en/search/api/", {"lon": 106.92, "lat": 11.55, "radius_km": 10, "sort": "distance"}).json()
    assert [hit["id"] for hit in geo["hits"]] == ["6", "2"]
    bounds = client.get("/en/search/api/", {"bbox": "106.5,11.8,106.7,12.0"}).json()
    assert [hit["id"] for hit in bounds["hits"]] == ["3"]


def test_map_area_limit_is_kept_shown_and_can_be_dropped(client, indexed):
    response = client.get("/en/search/", {"type": "zone", "bbox": "106.5,11.8,106.7,12.0", "page": 1})
    assert [hit.object_id for hit in response.context["results"].hits] == ["3"]
    html = response.content.decode()
    assert '<input type="hidden" name="bbox" value="106.5,11.8,106.7,12.0">' in html  # kept by a new text search
    assert response.context["everywhere_query"] == "type=zone"
    assert 'href="?type=zone">Search everywhere</a>' in html
    assert 'data-search-area-label="Search this area"' in html and "search/js/map_area.js" in html
    assert "Search everywhere" not in client.get("/en/search/", {"type": "zone"}).content.decode()


@pytest.mark.parametrize("path", ["/en/search/", "/en/search/api/", "/en/search/autocomplete/"])
def test_queries_over_200_characters_are_rejected(client, indexed, path):
    assert client.get(path, {"q": "x" * 201}).status_code == 400
    assert client.get(path, {"q": "x" * 200}).status_code == 200


def test_bad_parameters_are_400(client, indexed):
    assert client.get("/en/search/api/", {"bbox": "1,2,3"}).status_code == 400
    assert client.get("/en/search/api/", {"radius_km": 5}).status_code == 400
    assert client.get("/en/search/api/", {"page_size": 1000}).status_code == 400


def test_autocomplete_endpoint(client, indexed):
    body = client.get("/en/search/autocomplete/", {"q": "hoa l"}).json()
    assert body["suggestions"] == [{"title": "Hoa Lu Border-Gate Economic Zone", "url": "/en/zones/hoa-lu/",
                                    "type": "zone", "type_label": "Zone"}]


def test_the_zone_index_query(indexed):
    from zones.zone_search import matching_zone_ids, zone_query

    results = services.search(zone_query({"locale": "en", "min_available_ha": "100", "max_price": "50"}))
    assert [hit.object_id for hit in results.hits] == ["3", "2"]  # most available land first
    assert dict(results.facets["status"]) == {"operating": 1, "planned": 1}
    near = {"near": (106.92, 11.55), "radius_km": 10, "sort": "distance"}
    assert [hit.object_id for hit in services.search(zone_query(near)).hits] == ["1", "2"]
    assert matching_zone_ids(near) == [1, 2]


def test_search_page_url_name():
    assert reverse("search:search") == "/en/search/"


def test_health_check_asks_the_search_backend(client, settings):
    body = client.get("/healthz").json()
    assert body["checks"]["search"]["ok"] is True
    assert body["checks"]["search"]["detail"].startswith("embedded")
    settings.SEARCH_BACKEND = "search.backends.elasticsearch"
    settings.SEARCH_BACKEND_OPTIONS = {"URL": "http://127.0.0.1:9"}  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["search"]["ok"] is False


def _great_circle_km(lon1, lat1, lon2, lat2):
    from pyproj import Geod

    return Geod(a=6371008.8, b=6371008.8).inv(lon1, lat1, lon2, lat2)[2] / 1000


def test_a_named_place_gives_distances_radius_and_distance_sort(client, indexed):
    from zones.models import NamedPlace

    place = NamedPlace(code="dong-xoai", kind="city", name_vi="Đồng Xoài", name_en="Dong Xoai")
    place.set_geometry(shapely.Point(106.92, 11.55))
    place.save()
    response = client.get("/en/search/", {"place": "dong-xoai", "radius_km": 10, "sort": "distance"})
    assert response.status_code == 200
    hits = response.context["results"].hits
    assert [hit.object_id for hit in hits] == ["6", "2"]  # Hoa Lu, 50 km away, is outside the radius
    by_id = {doc.object_id: doc for doc in DOCS}
    expected = [_great_circle_km(106.92, 11.55, by_id[hit.object_id].lon, by_id[hit.object_id].lat) for hit in hits]
    assert [hit.distance_km for hit in hits] == pytest.approx(expected, abs=0.01)
    html = response.content.decode()
    assert '<option value="dong-xoai" selected>Dong Xoai</option>' in html
    assert f"{expected[0]:.1f} km away" in html
    assert client.get("/en/search/", {"place": "nowhere"}).status_code == 400
    assert client.get("/en/search/api/", {"radius_km": 10}).json()["errors"]["__all__"][0]["message"] == (
        "A radius needs a place to measure from (or a longitude and latitude).")


def test_facet_values_are_labelled_by_the_definitions_of_their_apps(client, indexed):
    """Each app names how its facet values read: zone kinds, project kinds, agencies' levels."""
    groups = {group["name"]: {option["value"]: option["label"] for option in group["options"]}
              for group in client.get("/en/search/", {"q": "binh phuoc"}).context["facet_groups"]}
    assert groups["type"]["zone"] == "Zone" and groups["type"]["policy"] == "Incentive policy"
    assert groups["kind"]["industrial_park"] == "Industrial park"
    assert groups["province"]["Binh Phuoc"] == "Binh Phuoc"  # a name is its own label
    assert services.facet_label("kind", "province", "procedure") == "Province"  # an agency's level
    assert services.facet_label("status", "full") == "Fully online"
    assert services.facet_label("kind", "no-such-kind") == "no-such-kind"


def test_facet_labels_follow_the_language_and_a_definition_registered_later():
    """The labels are kept per process: each language has its own, and a type registered after a first lookup
    is named by its definition."""
    from django.utils import translation

    from search.registry import REGISTRY, register
    from zones.models import ZonePage

    with translation.override("en"):
        english = services.facet_label("type", "zone")
    with translation.override("vi"):
        assert services.facet_label("type", "zone") != english
        assert services.facet_label("type", "late-type") == "late-type"
        register("late-type", ZonePage, "Late type", lambda model: model.objects.none())(lambda obj: [])
        try:
            assert services.facet_label("type", "late-type") == "Late type"
        finally:
            del REGISTRY["late-type"]
    with translation.override("en"):
        assert services.facet_label("type", "zone") == english


def test_the_near_picker_offers_the_places_the_zones_app_provides_in_the_page_language(client, indexed):
    from zones.models import NamedPlace

    place = NamedPlace(code="dong-xoai", kind="city", name_vi="Đồng Xoài", name_en="Dong Xoai")
    place.set_geometry(shapely.Point(106.92, 11.55))
    place.save()
    NamedPlace.objects.create(code="unplaced", kind="city", name_vi="Chưa định vị", name_en="Unplaced")
    assert '<option value="dong-xoai">Đồng Xoài</option>' in client.get("/vi/search/").content.decode()
    html = client.get("/en/search/").content.decode()
    assert '<option value="dong-xoai">Dong Xoai</option>' in html and "Unplaced" not in html


def test_a_place_added_after_a_first_search_is_offered_and_filled_in_fields_keep_their_values(client, indexed):
    from zones.models import NamedPlace

    assert 'value="dong-xoai"' not in client.get("/en/search/", {"q": "park"}).content.decode()
    place = NamedPlace(code="dong-xoai", kind="city", name_vi="Đồng Xoài", name_en="Dong Xoai")
    place.set_geometry(shapely.Point(106.92, 11.55))
    place.save()
    assert '<option value="dong-xoai">Dong Xoai</option>' in client.get("/en/search/", {"q": "park"}).content.decode()
    html = client.get("/en/search/", {"q": "park", "place": "dong-xoai", "radius_km": "12", "min_land": "7"}
                      ).content.decode()
    assert '<option value="dong-xoai" selected>' in html
    assert 'name="radius_km" value="12"' in html and 'name="min_land" value="7"' in html
    html = client.get("/en/search/", {"q": "park"}).content.decode()
    assert '<option value="dong-xoai">Dong Xoai</option>' in html
    assert 'name="radius_km" value' not in html and 'name="min_land" value' not in html


def test_past_the_exact_count_limit_the_page_says_more_than_and_at_least(client, indexed, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 2
    response = client.get("/en/search/", {"q": "", "page_size": 1})  # five English documents
    html = response.content.decode()
    assert response.context["results"].total_is_exact is False
    assert "More than 2 results" in html and 'data-total-exact="false"' in html
    assert "(at least 1)" in html and "Page 1 of 2" in html
    past = client.get("/en/search/", {"q": "", "page_size": 1, "page": 3})
    assert past.status_code == 302 and past["Location"].endswith("page=2")  # the third is not reachable
    settings.SEARCH_EXACT_COUNT_LIMIT = 5
    exact = client.get("/en/search/", {"q": ""}).content.decode()
    assert "5 results" in exact and "More than" not in exact and "at least" not in exact


@pytest.mark.parametrize(("language", "number"), [("en", "10,000"), ("vi", "10.000")])
def test_more_than_the_limit_is_written_as_the_language_writes_numbers(language, number):
    from django.template.loader import render_to_string
    from django.utils import translation

    from search.backends.base import SearchResults
    from search.forms import SearchForm

    results = SearchResults(hits=[], total=10_000, facets={}, total_is_exact=False)
    with translation.override(language):
        text = render_to_string("search/includes/result_count.html", {"results": results, "form": SearchForm({})})
    assert number in text and "10000" not in text
