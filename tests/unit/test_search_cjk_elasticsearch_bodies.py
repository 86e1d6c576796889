"""The Elasticsearch backend in Korean, Japanese and Chinese: per-language analyzers in the mapping, nori only where
the cluster has it, and queries in the language's field (checked without a server: always run)."""

from types import SimpleNamespace

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import AuthorizationException, BadRequestError

from search import synonyms
from search.analysis import Dictionary
from search.backends.base import SearchQuery
from search.backends.elasticsearch import CJK, NORI, SearchBackend, build_search, has_nori, index_body

BASE = ["title^5", "summary^2", "body"]
KO = ["title.ko^5", "summary.ko^2", "body.ko"]
BIGRAMS = ["title.cjk^5", "summary.cjk^2", "body.cjk"]

NORI_EVERYWHERE = {"nodes": {
    "a": {"plugins": [{"name": "analysis-icu"}, {"name": "analysis-nori"}], "modules": [{"name": "analysis-common"}]},
    "b": {"plugins": [{"name": "analysis-nori"}], "modules": []}}}
NORI_ON_ONE_NODE = {"nodes": {"a": NORI_EVERYWHERE["nodes"]["a"],
                              "b": {"plugins": [], "modules": [{"name": "analysis-common"}]}}}


@pytest.fixture(autouse=True)
def empty_dictionary(monkeypatch):
    """No synonyms: each word of a query is a group of its own."""
    built = Dictionary.build([])
    monkeypatch.setattr(synonyms, "dictionary", lambda: built)


def scored(body):
    """The scored text query (under the filters' ``bool`` when the search has a language)."""
    query = body["query"]
    return query["bool"]["must"][0]["function_score"] if "bool" in query else query["function_score"]


def must(body):
    return scored(body)["query"]["bool"]["must"]


def bonus(body):
    return scored(body)["functions"][0]["filter"]


def phrase(text, fields):
    return {"multi_match": {"query": text, "fields": fields, "type": "phrase"}}


def search_body(text, locale):
    return build_search(SearchQuery(text=text, locale=locale), ["portal-zone"]).to_dict()


@pytest.mark.parametrize("korean", [CJK, NORI])
def test_every_text_field_has_a_bigram_subfield_and_a_korean_one(korean):
    props = index_body(korean)["mappings"]["properties"]
    for name in ("title", "summary", "body"):
        assert props[name]["analyzer"] == "vi_en_stemmed"  # Vietnamese and English as before
        assert props[name]["fields"]["cjk"] == {"type": "text", "analyzer": "cjk"}
        assert props[name]["fields"]["ko"] == {"type": "text", "analyzer": korean}
    assert set(props["title"]["fields"]) == {"autocomplete", "words", "raw", "cjk", "ko"}


def test_without_nori_korean_falls_back_to_the_bigrams():
    assert index_body()["mappings"]["properties"]["title"]["fields"]["ko"]["analyzer"] == "cjk"


def test_nori_is_used_only_when_every_node_has_the_plugin():
    assert has_nori(NORI_EVERYWHERE)
    assert not has_nori(NORI_ON_ONE_NODE)
    assert not has_nori({"nodes": {}}) and not has_nori({})
    assert has_nori({"nodes": {"a": {"plugins": [], "modules": [{"name": "analysis-nori"}]}}})


class StubCluster:
    """The parts of the Elasticsearch client the index creation calls, answering as a cluster would."""

    def __init__(self, plugins=None, forbidden=False, analyzers=()):
        self.plugins, self.forbidden, self.analyzers = plugins, forbidden, set(analyzers)
        self.asked, self.created = 0, []
        self.nodes = SimpleNamespace(info=self._info)
        self.indices = SimpleNamespace(create=self._create, analyze=self._analyze)

    @staticmethod
    def _meta(status):
        return ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                               node=NodeConfig("http", "localhost", 9200))

    def _info(self, metric):
        self.asked += 1
        if self.forbidden:
            raise AuthorizationException("forbidden", self._meta(403), {})
        return SimpleNamespace(body=self.plugins)

    def _analyze(self, analyzer, text):
        if analyzer not in self.analyzers:
            raise BadRequestError(f"failed to find global analyzer [{analyzer}]", self._meta(400), {})
        return SimpleNamespace(body={"tokens": [{"token": text}]})

    def _create(self, index, **body):
        self.created.append(body)


def backend_on(cluster):
    backend = SearchBackend({"URL": "http://127.0.0.1:9", "INDEX_PREFIX": "unit"})
    backend.client = cluster
    return backend


@pytest.mark.parametrize(("cluster", "expected"), [
    (StubCluster(NORI_EVERYWHERE), NORI),
    (StubCluster(NORI_ON_ONE_NODE), CJK),
    (StubCluster(forbidden=True, analyzers={"nori", "cjk"}), NORI),  # a key without the monitor privilege
    (StubCluster(forbidden=True, analyzers={"cjk"}), CJK),
])
def test_new_indices_get_nori_where_the_cluster_has_it_asked_once(cluster, expected):
    backend = backend_on(cluster)
    backend._create("zone", alias=True)
    backend._create("policy", alias=False)
    assert [body["mappings"]["properties"]["title"]["fields"]["ko"]["analyzer"] for body in cluster.created] == [
        expected, expected]
    assert cluster.asked == 1  # cached: the second index did not ask again


@pytest.mark.parametrize(("locale", "fields"), [("ko", KO), ("ja", BIGRAMS), ("zh-hans", BIGRAMS),
                                                 ("zh-hant", BIGRAMS)])
def test_cjk_words_are_phrases_in_the_language_subfields(locale, fields):
    name = {"ko": "민흥 산업단지", "ja": "ミンフン 工業団地", "zh-hans": "明兴 工业园",
            "zh-hant": "明興 工業園"}[locale]
    first, second = name.split()
    body = search_body(name, locale)
    assert must(body) == [phrase(first, fields), phrase(second, fields)]
    assert bonus(body) == phrase(f"{first} {second}", fields)
    subfield = fields[-1].split(".")[1]
    assert list(body["highlight"]["fields"]) == ["summary", f"summary.{subfield}", "body", f"body.{subfield}"]
    assert {"term": {"locale": locale}} in body["query"]["bool"]["filter"]


def test_a_single_cjk_run_must_match_as_a_phrase_not_any_bigram():
    assert must(search_body("산업단지", "ko")) == [phrase("산업단지", KO)]
    assert must(search_body("明兴三工业园", "zh-hans")) == [phrase("明兴三工业园", BIGRAMS)]


def test_latin_words_of_a_korean_search_stay_in_the_folded_fields_and_a_mixed_phrase_uses_both():
    body = search_body("Minh Hưng 산업단지", "ko")
    assert must(body) == [{"multi_match": {"query": "minh", "fields": BASE}},
                          {"multi_match": {"query": "hung", "fields": BASE}}, phrase("산업단지", KO)]
    assert bonus(body) == phrase("minh hung 산업단지", BASE + KO)


@pytest.mark.parametrize("locale", ["vi", "en", None])
def test_vietnamese_and_english_searches_are_unchanged_and_look_for_cjk_words_in_both_subfields(locale):
    assert must(search_body("dong xoai", locale)) == [{"multi_match": {"query": "dong", "fields": BASE}},
                                                      {"multi_match": {"query": "xoai", "fields": BASE}}]
    assert list(search_body("dong xoai", locale)["highlight"]["fields"]) == ["summary", "body"]
    assert must(search_body("工业园", locale)) == [phrase("工业园", BIGRAMS + KO)]
