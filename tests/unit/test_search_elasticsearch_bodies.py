"""The Elasticsearch backend's mappings and query bodies, checked without a server (always run)."""

from decimal import Decimal

import pytest

from search import synonyms
from search.analysis import Dictionary, SynonymEntry, phrase_of
from search.backends.base import IndexDocument, SearchQuery, SearchUnavailable
from search.backends.elasticsearch import (
    PHRASE_BONUS,
    TYPE_SCALE,
    SearchBackend,
    build_autocomplete,
    build_search,
    facets_of,
    index_body,
    suggestion_of,
    to_source,
    total_of,
)
from search.default_synonyms import DEFAULT_SYNONYMS
from search.models import split_terms

FIELDS = ["title^5", "summary^2", "body"]


@pytest.fixture(autouse=True)
def default_dictionary(monkeypatch):
    """The dictionary the portal starts with, without a database."""
    entries = [SynonymEntry(tuple(phrase_of(t) for t in split_terms(terms)),
                            tuple(phrase_of(t) for t in split_terms(also))) for terms, also in DEFAULT_SYNONYMS]
    built = Dictionary.build(entries)
    monkeypatch.setattr(synonyms, "dictionary", lambda: built)


def word(text):
    return {"multi_match": {"query": text, "fields": FIELDS}}


def phrase(text, **extra):
    return {"multi_match": {"query": text, "fields": FIELDS, "type": "phrase", **extra}}


def text_query(body):
    """The text part of a search body without filters."""
    return body["query"]["function_score"]["query"]["bool"]


def test_text_is_folded_for_vietnamese_and_stemmed_and_titles_get_edge_ngrams():
    body = index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["char_filter"]["vi_dd"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["char_filter"] == ["vi_dd"] and folded["filter"] == ["lowercase", "asciifolding"]
    stemmed = analysis["analyzer"]["vi_en_stemmed"]
    assert stemmed["char_filter"] == ["vi_dd"] and stemmed["filter"] == ["lowercase", "asciifolding", "en_porter2"]
    assert analysis["filter"]["en_porter2"] == {"type": "stemmer", "language": "porter2"}
    auto = analysis["analyzer"]["vi_autocomplete"]
    assert auto["filter"][-1] == "vi_edge_ngram"
    assert analysis["filter"]["vi_edge_ngram"] == {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}
    props = body["mappings"]["properties"]
    assert props["title"]["analyzer"] == "vi_en_stemmed"
    assert props["title"]["fields"]["autocomplete"] == {"type": "text", "analyzer": "vi_autocomplete",
                                                        "search_analyzer": "vi_folded"}
    assert props["title"]["fields"]["words"] == {"type": "text", "analyzer": "vi_folded"}
    assert props["body"]["analyzer"] == props["summary"]["analyzer"] == "vi_en_stemmed"
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
    # Every word must match (in any field); "or" and "and" are stop words.
    assert scored["function_score"]["query"] == {"bool": {
        "must": [word("dong"), word("xoai"), word("title"), word("x")]}}
    # Added up: a bonus for the phrase typed, then the type's weight, then the relevance.
    assert scored["function_score"]["functions"] == [
        {"filter": phrase("dong xoai or and title x"), "weight": PHRASE_BONUS},
        {"filter": {"term": {"doc_type": "zone"}}, "weight": TYPE_SCALE},
        {"filter": {"term": {"doc_type": "policy"}}, "weight": TYPE_SCALE / 2},
        {"filter": {"term": {"doc_type": "sector"}}, "weight": TYPE_SCALE / 4},
        {"filter": {"term": {"doc_type": "procedure"}}, "weight": TYPE_SCALE / 2}]
    assert (scored["function_score"]["score_mode"], scored["function_score"]["boost_mode"]) == ("sum", "sum")
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
    # Facets are counted over each shard's best matches, as many as are counted exactly.
    assert body["aggs"]["sample"]["sampler"] == {"shard_size": 10_000}
    assert body["aggs"]["sample"]["aggs"]["province"] == {"terms": {"field": "province", "size": 50}}
    assert body["aggs"]["sample"]["aggs"]["type"] == {"terms": {"field": "doc_type", "size": 50}}
    assert body["sort"] == [{"_geo_distance": {"location": {"lat": 11.5, "lon": 106.9}, "order": "asc",
                                               "unit": "km", "distance_type": "arc"}}]
    assert body["from"] == 20 and body["size"] == 10
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["track_total_hits"] == 10_000


def test_matches_are_counted_up_to_the_setting_and_pages_end_there(settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 25
    body = build_search(SearchQuery(text="x", page=3, page_size=10), ["i"]).to_dict()
    assert body["track_total_hits"] == 25 and body["aggs"]["sample"]["sampler"] == {"shard_size": 25}
    assert (body["from"], body["size"]) == (20, 5)  # the 21st to the 25th hit: none past the 25th
    beyond = build_search(SearchQuery(text="x", page=4, page_size=10), ["i"]).to_dict()
    assert beyond.get("size") == 0
    assert "aggs" not in build_search(SearchQuery(facets=()), ["i"]).to_dict()


def test_the_total_and_the_facets_are_read_with_their_relation():
    from elasticsearch.dsl import Search
    from elasticsearch.dsl.response import Response

    sample = {"doc_count": 4, "type": {"buckets": [{"key": "zone", "doc_count": 3}, {"key": "policy",
                                                                                   "doc_count": 1}]}}
    more = Response(Search(), {"hits": {"total": {"value": 4, "relation": "gte"}, "hits": []},
                               "aggregations": {"sample": sample}})
    assert total_of(more, 4) == (4, False)
    assert facets_of(more, ("type", "kind")) == {"type": [("zone", 3), ("policy", 1)]}
    exact = Response(Search(), {"hits": {"total": {"value": 4, "relation": "eq"}, "hits": []}})
    assert total_of(exact, 4) == (4, True) and facets_of(exact, ("type",)) == {}


def test_sort_by_available_land_and_by_relevance():
    land = build_search(SearchQuery(sort="available_land"), ["i"]).to_dict()
    assert land["sort"][0] == {"available_land_ha": {"order": "desc", "missing": "_last"}}
    relevance = build_search(SearchQuery(text="x"), ["i"]).to_dict()
    assert relevance["sort"] == ["_score", "title.raw"]


def test_autocomplete_body_matches_edge_ngrams_puts_heavier_types_first_and_collapses_titles():
    body = build_autocomplete("Đồng Xo", ["portal-zone"], "vi", 8).to_dict()
    [scored] = body["query"]["bool"]["must"]
    assert scored["function_score"]["query"] == {"match": {"title.autocomplete": {"query": "dong xo",
                                                                                   "operator": "and"}}}
    # The type's weight, scaled past any match score, is added: zones (2) before policies and procedures
    # (1.5) before projects and any other type (1), then the best matching titles.
    assert scored["function_score"]["functions"] == [
        {"filter": {"term": {"doc_type": "zone"}}, "weight": TYPE_SCALE},
        {"filter": {"term": {"doc_type": "policy"}}, "weight": TYPE_SCALE / 2},
        {"filter": {"term": {"doc_type": "sector"}}, "weight": TYPE_SCALE / 4},
        {"filter": {"term": {"doc_type": "procedure"}}, "weight": TYPE_SCALE / 2}]
    assert (scored["function_score"]["score_mode"], scored["function_score"]["boost_mode"]) == ("sum", "sum")
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


def test_synonyms_and_abbreviations_become_alternatives_phrases_for_several_words():
    body = build_search(SearchQuery(text="CIT exemption"), ["portal-policy"]).to_dict()
    query = text_query(body)
    cit, exemption = query["must"]
    assert cit == {"bool": {"minimum_should_match": 1, "should": [
        word("cit"), phrase("corporate income tax"), phrase("thue tndn"), phrase("thue thu nhap doanh nghiep")]}}
    assert exemption == word("exemption")
    # The query as a phrase, with any of the synonyms, ranks first.
    functions = body["query"]["function_score"]["functions"]
    assert functions[0] == {"filter": {"bool": {"minimum_should_match": 1, "should": [
        phrase("cit exemption"), phrase("corporate income tax exemption"), phrase("thue tndn exemption"),
        phrase("thue thu nhap doanh nghiep exemption")]}}, "weight": PHRASE_BONUS}


def test_a_multi_word_term_typed_is_found_as_one_group():
    query = text_query(build_search(SearchQuery(text="giấy chứng nhận đăng ký đầu tư"), ["i"]).to_dict())
    [group] = query["must"]
    alternatives = [clause["multi_match"]["query"] for clause in group["bool"]["should"]]
    assert alternatives[0] == "giay chung nhan dang ky dau tu"
    assert set(alternatives[1:]) == {"irc", "investment registration certificate", "investment certificate",
                                     "gcndkdt"}


def test_one_way_expansions_do_not_find_their_way_back():
    factory = text_query(build_search(SearchQuery(text="factories"), ["i"]).to_dict())
    [group] = factory["must"]
    assert [clause["multi_match"]["query"] for clause in group["bool"]["should"]] == [
        "factories", "nha may", "manufacturing", "plant", "nha xuong"]
    manufacturing = text_query(build_search(SearchQuery(text="manufacturing"), ["i"]).to_dict())
    assert manufacturing == {"must": [word("manufacturing")]}
    # One word and no synonyms: every match holds the phrase, no bonus to give.
    functions = build_search(SearchQuery(text="manufacturing"), ["i"]).to_dict()["query"]["function_score"]["functions"]
    assert all(function["weight"] != PHRASE_BONUS for function in functions)


def test_stop_words_need_not_match_but_stay_in_the_phrase():
    body = build_search(SearchQuery(text="industrial park near Chon Thanh"), ["i"]).to_dict()
    park, chon, thanh = text_query(body)["must"]
    assert park["bool"]["should"][0] == phrase("industrial park")
    assert phrase("khu cong nghiep") in park["bool"]["should"] and word("kcn") in park["bool"]["should"]
    assert (chon, thanh) == (word("chon"), word("thanh"))
    functions = body["query"]["function_score"]["functions"]
    phrases = [clause["multi_match"]["query"] for clause in functions[0]["filter"]["bool"]["should"]]
    assert phrases[0] == "industrial park near chon thanh" and "khu cong nghiep near chon thanh" in phrases


def test_did_you_mean_asks_the_phrase_suggester_on_the_titles_words():
    body = build_search(SearchQuery(text="Dong Xaoi"), ["portal-zone"]).to_dict()
    assert body["suggest"] == {"did_you_mean": {"text": "dong xaoi", "phrase": {
        "field": "title.words", "size": 1, "max_errors": 2,
        "direct_generator": [{"field": "title.words", "suggest_mode": "missing", "min_word_length": 3}]}}}
    assert "suggest" not in build_search(SearchQuery(), ["i"]).to_dict()


def test_the_suggestion_is_read_from_the_response():
    from elasticsearch.dsl import Search
    from elasticsearch.dsl.response import Response

    raw = {"hits": {"total": {"value": 0}, "hits": []},
           "suggest": {"did_you_mean": [{"text": "dong xaoi", "offset": 0, "length": 9,
                                         "options": [{"text": "dong xoai", "score": 0.2}]}]}}
    assert suggestion_of(Response(Search(), raw)) == "dong xoai"
    assert suggestion_of(Response(Search(), {"hits": {"total": {"value": 0}, "hits": []}})) == ""
