"""The Elasticsearch backend's mappings and query bodies, checked without a server (always run)."""

from decimal import Decimal

import pytest

from search.backends.base import IndexDocument, SearchQuery, SearchUnavailable
from search.backends.elasticsearch import (
    SearchBackend,
    build_autocomplete,
    build_search,
    index_body,
    to_source,
)


def test_text_is_folded_for_vietnamese_and_titles_get_edge_ngrams():
    body = index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["char_filter"]["vi_dd"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["char_filter"] == ["vi_dd"] and folded["filter"] == ["lowercase", "asciifolding"]
    auto = analysis["analyzer"]["vi_autocomplete"]
    assert auto["filter"][-1] == "vi_edge_ngram"
    assert analysis["filter"]["vi_edge_ngram"] == {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}
    props = body["mappings"]["properties"]
    assert props["title"]["analyzer"] == "vi_folded"
    assert props["title"]["fields"]["autocomplete"] == {"type": "text", "analyzer": "vi_autocomplete",
                                                        "search_analyzer": "vi_folded"}
    assert props["body"]["analyzer"] == props["summary"]["analyzer"] == "vi_folded"
    assert props["location"] == {"type": "geo_point"} and props["shape"] == {"type": "geo_shape"}
    for facet in ("doc_type", "kind", "province", "commune", "sector", "status", "locale"):
        assert props[facet] == {"type": "keyword"}


def test_one_index_per_registered_type_and_a_shape_only_where_a_document_has_a_geometry():
    backend = SearchBackend({"URL": "http://127.0.0.1:9", "INDEX_PREFIX": "unit"})
    assert set(backend.aliases()) >= {f"unit-{doc_type}" for doc_type in ("zone", "policy", "procedure", "project",
                                                                        "page")}
    assert "shape" not in to_source(IndexDocument("procedure", "1", "en", "Procedure", lon=106.9, lat=11.5))


def test_mapping_has_no_confidential_field():
    props = set(index_body()["mappings"]["properties"])
    assert not props & {"contact_name", "contact_email", "contact_phone", "address", "private_notes",
                        "tracking_token", "dossier_code", "note"}


def test_user_text_goes_to_multi_match_never_query_string():
    query = SearchQuery(text='Đồng Xoài" OR *:* AND title:(x', locale="vi")
    body = build_search(query, ["portal-zone"]).to_dict()
    text = str(body)
    assert "query_string" not in text
    [scored] = body["query"]["bool"]["must"]
    assert scored["function_score"]["query"] == {"multi_match": {
        "query": "dong xoai or and title x", "fields": ["title^5", "summary^2", "body"], "type": "best_fields",
        "operator": "and"}}
    # Relevance times the type's weight: the first function whose filter matches, else 1.
    assert scored["function_score"]["functions"] == [
        {"filter": {"term": {"doc_type": "zone"}}, "weight": 2.0},
        {"filter": {"term": {"doc_type": "policy"}}, "weight": 1.5},
        {"filter": {"term": {"doc_type": "procedure"}}, "weight": 1.5}, {"weight": 1.0}]
    assert (scored["function_score"]["score_mode"], scored["function_score"]["boost_mode"]) == ("first", "multiply")
    assert {"term": {"locale": "vi"}} in body["query"]["bool"]["filter"]


def test_filters_ranges_geo_facets_sort_page_and_highlight():
    query = SearchQuery(text="khu cong nghiep", filters={"type": ("zone",), "kind": ("industrial_park",)},
                        ranges={"available_land_ha": (Decimal("10"), None), "land_price_usd": (None, Decimal("60"))},
                        near=(106.9, 11.5), radius_km=25, bbox=(106.0, 11.0, 107.5, 12.5), sort="distance",
                        page=3, page_size=10)
    body = build_search(query, ["portal-zone"]).to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"doc_type": ["zone"]}} in filters
    assert {"terms": {"kind": ["industrial_park"]}} in filters
    assert {"range": {"available_land_ha": {"gte": 10.0}}} in filters
    assert {"range": {"land_price_usd": {"lte": 60.0}}} in filters
    assert {"geo_distance": {"distance": "25km", "location": {"lat": 11.5, "lon": 106.9}}} in filters
    assert {"geo_bounding_box": {"location": {"top_left": {"lat": 12.5, "lon": 106.0},
                                              "bottom_right": {"lat": 11.0, "lon": 107.5}}}} in filters
    assert body["aggs"]["province"] == {"terms": {"field": "province", "size": 50}}
    assert body["aggs"]["type"] == {"terms": {"field": "doc_type", "size": 50}}
    assert body["sort"] == [{"_geo_distance": {"location": {"lat": 11.5, "lon": 106.9}, "order": "asc",
                                               "unit": "km", "distance_type": "arc"}}]
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["track_total_hits"] is True


def test_sort_by_available_land_and_by_relevance():
    land = build_search(SearchQuery(sort="available_land"), ["i"]).to_dict()
    assert land["sort"][0] == {"available_land_ha": {"order": "desc", "missing": "_last"}}
    relevance = build_search(SearchQuery(text="x"), ["i"]).to_dict()
    assert relevance["sort"] == ["_score", "title.raw"]


def test_autocomplete_body_matches_edge_ngrams_and_collapses_titles():
    body = build_autocomplete("Đồng Xo", ["portal-zone"], "vi", 8).to_dict()
    assert body["query"]["bool"]["must"] == [{"match": {"title.autocomplete": {"query": "dong xo",
                                                                                "operator": "and"}}}]
    assert body["collapse"] == {"field": "title.raw"} and body["size"] == 8


def test_source_carries_location_and_shape():
    doc = IndexDocument("zone", "7", "en", "Park", lon=106.9, lat=11.5, available_land_ha=Decimal("12.5"),
                        geometry={"type": "Point", "coordinates": [106.9, 11.5]})
    source = to_source(doc)
    assert source["location"] == {"lon": 106.9, "lat": 11.5}
    assert source["available_land_ha"] == 12.5 and source["shape"]["type"] == "Point"


def test_unreachable_cluster_is_reported_as_unavailable():
    backend = SearchBackend({"URL": "http://127.0.0.1:9", "INDEX_PREFIX": "unit"})  # nothing listens on port 9
    ok, detail = backend.ping()
    assert not ok and "Connection" in detail
    with pytest.raises(SearchUnavailable):
        backend.search(SearchQuery(text="x"))


def test_tags_and_road_distances_are_filters():
    body = build_search(SearchQuery(tags=(("commune:7", "commune:8"), ("sector-in:C",)),
                                    max_distances={"cat-lai": 100}), ["portal-zone"]).to_dict()
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"tags": ["commune:7", "commune:8"]}}, {"terms": {"tags": ["sector-in:C"]}},
        {"range": {"distances.cat-lai": {"lte": 100.0}}}]
    mapping = index_body()["mappings"]
    assert mapping["properties"]["tags"] == {"type": "keyword"}
    assert mapping["dynamic_templates"] == [{"distances": {"path_match": "distances.*",
                                                           "mapping": {"type": "double"}}}]


@pytest.mark.parametrize("query", [{"tags": (("commune 7",),)}, {"tags": ((),)},
                                   {"max_distances": {"cat.lai": 10}}, {"max_distances": {"a b": 10}}])
def test_tags_and_place_codes_must_be_codes(query):
    with pytest.raises(ValueError):
        SearchQuery(**query)
