"""The Elasticsearch backend (``elasticsearch.dsl``), for search at scale.

Each registered type has its own index (one shared mapping) reached through an alias (``<prefix>-<type>``); text is
analysed as the embedded backend analyses it: Vietnamese folding (a mapping char filter for đ/Đ, then lowercase
and asciifolding) and the English Porter2 stemmer, which leaves folded Vietnamese syllables unchanged (see
``core.text.stem``). Titles also keep their words as written, folded: edge n-grams for autocomplete, and the
words the "did you mean" phrase suggester corrects from. Korean, Japanese and Chinese have their own subfields of
title, summary and body: ``cjk`` (the built-in analyzer: width folding and overlapping character bigrams, as the
embedded backend indexes them) for Japanese and Chinese, ``ko`` for Korean: the ``nori`` morphological analyzer when
every node of the cluster has the analysis-nori plugin (asked once, when the backend first creates an index), else
the same bigrams. A query's CJK words are matched in the subfield of the search's language.

A query is the expansion every backend shares (``search.synonyms.expand_query``): a ``bool`` that must match
every group, a group matching any of its alternatives (a ``phrase`` ``multi_match`` for several words); scores
add a large bonus for the query as a phrase, then the type's weight, then the relevance, so that both
backends order hits alike: exact phrases first, zones before projects, titles before bodies. User text only reaches
``multi_match`` queries, never ``query_string``. A rebuild writes new indices and swaps the aliases in one
atomic call.

The mappings and query bodies are built by pure functions (``index_body``, ``build_search``,
``build_autocomplete``), unit-tested without a server.
"""

import time
from collections.abc import Iterable

from django.utils.safestring import mark_safe
from elasticsearch import (
    ApiError,
    AuthorizationException,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    helpers,
)
from elasticsearch.dsl import (
    Document,
    Double,
    GeoPoint,
    GeoShape,
    Index,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from core.text import highlight, is_cjk, tokens

from .. import synonyms
from ..analysis import Expansion, Phrase
from ..registry import REGISTRY, TYPE_WEIGHTS
from .base import (
    FACET_FIELDS,
    BaseSearchBackend,
    Hit,
    IndexDocument,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    Suggestion,
    exact_count_limit,
)

vi_dd = char_filter("vi_dd", "mapping", mappings=["đ => d", "Đ => D"])
vi_folded = analyzer("vi_folded", tokenizer="standard", char_filter=[vi_dd], filter=["lowercase", "asciifolding"])
vi_edge = token_filter("vi_edge_ngram", "edge_ngram", min_gram=1, max_gram=20)
vi_autocomplete = analyzer("vi_autocomplete", tokenizer="standard", char_filter=[vi_dd],
                           filter=["lowercase", "asciifolding", vi_edge])
en_stem = token_filter("en_porter2", "stemmer", language="porter2")
vi_en_stemmed = analyzer("vi_en_stemmed", tokenizer="standard", char_filter=[vi_dd],
                         filter=["lowercase", "asciifolding", en_stem])
#: The built-in analyzers of the CJK subfields: bigrams of Han, Kana and Hangul, and Korean morphology (a plugin).
CJK, NORI = "cjk", "nori"
NORI_PLUGIN = "analysis-nori"
#: The CJK subfield a language's words are matched in.
LANGUAGE_SUBFIELDS = {"ko": "ko", "ja": "cjk", "zh-hans": "cjk", "zh-hant": "cjk"}
_CJK_SUBFIELDS = ("cjk", "ko")
_COLUMN = {"type": "doc_type"}
TEXT_FIELDS = ["title^5", "summary^2", "body"]
#: Added to the score of a match holding the query as one phrase (as the embedded backend's PHRASE_BONUS).
PHRASE_BONUS = 1_000_000.0
#: Times a type's weight above 1, added to the score: heavier types before lighter ones (as TYPE_SCALE there).
TYPE_SCALE = 1000.0


class IndexedDocument(Document):
    """The mapping every type shares (public fields only); ``shape`` holds a boundary when there is one."""

    doc_type = Keyword()
    object_id = Keyword()
    locale = Keyword()
    title = Text(analyzer=vi_en_stemmed, fields={
        "autocomplete": Text(analyzer=vi_autocomplete, search_analyzer=vi_folded),
        "words": Text(analyzer=vi_folded),
        "raw": Keyword(),
        "cjk": Text(analyzer=CJK),
        "ko": Text(analyzer=CJK),  # nori where the cluster has it: see ``index_body``
    })
    summary = Text(analyzer=vi_en_stemmed, fields={"cjk": Text(analyzer=CJK), "ko": Text(analyzer=CJK)})
    body = Text(analyzer=vi_en_stemmed, fields={"cjk": Text(analyzer=CJK), "ko": Text(analyzer=CJK)})
    url = Keyword(index=False)
    kind = Keyword()
    province = Keyword()
    commune = Keyword()
    sector = Keyword()
    status = Keyword()
    available_land_ha = Double()
    land_price_usd = Double()
    capital_usd = Double()
    location = GeoPoint()
    shape = GeoShape()
    tags = Keyword(multi=True)
    distances = Object(dynamic=True)

    class Meta:
        # Road distances are keyed by place code: every key under ``distances`` is a number.
        dynamic_templates = MetaField([{"distances": {"path_match": "distances.*", "mapping": {"type": "double"}}}])


def index_for(name: str) -> Index:
    """An ``Index`` named ``name`` with the analysis settings and the shared mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=19)
    index.document(IndexedDocument)
    return index


def index_body(korean: str = CJK) -> dict:
    """Settings and mappings of each type's index (what ``indices.create`` receives); ``korean`` is the analyzer
    of the Korean subfields (``NORI`` when the cluster has the plugin, else ``CJK``)."""
    body = index_for("unused").to_dict()
    for name in ("title", "summary", "body"):
        body["mappings"]["properties"][name]["fields"]["ko"] = {"type": "text", "analyzer": korean}
    return body


def has_nori(nodes_info: dict) -> bool:
    """Whether every node of a ``nodes.info(metric="plugins")`` answer has the analysis-nori plugin (or module)."""
    nodes = (nodes_info or {}).get("nodes") or {}
    return bool(nodes) and all(
        any(plugin.get("name") == NORI_PLUGIN for plugin in [*node.get("plugins", []), *node.get("modules", [])])
        for node in nodes.values())


def to_source(document: IndexDocument) -> dict:
    """The ``_source`` of a document."""
    source = {
        "doc_type": document.doc_type, "object_id": str(document.object_id), "locale": document.locale,
        "title": document.title, "summary": document.summary, "body": document.body, "url": document.url,
        "kind": document.kind, "province": document.province, "commune": document.commune,
        "sector": document.sector, "status": document.status,
    }
    for name in ("available_land_ha", "land_price_usd", "capital_usd"):
        value = getattr(document, name)
        source[name] = float(value) if value is not None else None
    source["tags"] = list(document.tags)
    source["distances"] = {code: float(km) for code, km in document.distances.items()}
    if document.lon is not None and document.lat is not None:
        source["location"] = {"lon": document.lon, "lat": document.lat}
    if document.geometry:
        source["shape"] = document.geometry
    return source


def cjk_subfields(locale: str | None) -> tuple[str, ...]:
    """The CJK subfields searched in ``locale``: its own, or both for a language without one (or no language)."""
    return (LANGUAGE_SUBFIELDS[locale],) if locale in LANGUAGE_SUBFIELDS else _CJK_SUBFIELDS


def text_fields(phrase: Phrase, locale: str | None = None) -> list[str]:
    """The fields a phrase is matched in: the folded and stemmed fields for Latin words, the language's CJK
    subfields for CJK words (both for a phrase holding both)."""
    cjk = [is_cjk(word) for word in phrase]
    if not any(cjk):
        return TEXT_FIELDS
    subfields = [field.replace("^", f".{sub}^") if "^" in field else f"{field}.{sub}"
                 for sub in cjk_subfields(locale) for field in TEXT_FIELDS]
    return subfields if all(cjk) else [*TEXT_FIELDS, *subfields]


def _alternative(phrase: Phrase, locale: str | None = None) -> Q:
    fields = text_fields(phrase, locale)
    if len(phrase) == 1 and not is_cjk(phrase[0]):
        return Q("multi_match", query=phrase[0], fields=fields)
    # A CJK word is several tokens (bigrams, or Korean morphemes): they must come in order, as a phrase.
    return Q("multi_match", query=" ".join(phrase), fields=fields, type="phrase")


def _group(group: tuple[Phrase, ...], locale: str | None = None) -> Q:
    if len(group) == 1:
        return _alternative(group[0], locale)
    return Q("bool", should=[_alternative(phrase, locale) for phrase in group], minimum_should_match=1)


def text_query(expansion: Expansion, locale: str | None = None) -> Q:
    """Every group must match (CJK words in the subfields of ``locale``)."""
    return Q("bool", must=[_group(group, locale) for group in expansion.groups])


def _type_weights() -> list[dict]:
    """function_score functions adding ``TYPE_SCALE`` per unit of a type's weight above 1."""
    return [{"filter": {"term": {"doc_type": doc_type}}, "weight": (weight - 1.0) * TYPE_SCALE}
            for doc_type, weight in TYPE_WEIGHTS.items()]


def scored(query: Q, expansion: Expansion | None, locale: str | None = None) -> Q:
    """``query`` scored as the embedded backend scores: ``PHRASE_BONUS`` for a phrase of the query (its words
    or their synonyms), then the type's weight, then the relevance (summed)."""
    functions = []
    if expansion is not None and expansion.ranks_phrases:
        phrases = [_alternative(phrase, locale) for phrase in expansion.phrases()]
        found = phrases[0] if len(phrases) == 1 else Q("bool", should=phrases, minimum_should_match=1)
        functions.append({"filter": found.to_dict(), "weight": PHRASE_BONUS})
    functions += _type_weights()
    if not functions:
        return query
    return Q("function_score", query=query, functions=functions, score_mode="sum", boost_mode="sum")


#: The aggregation holding the facets: the best matches of each shard, as many as are counted exactly.
SAMPLE = "sample"


def build_search(query: SearchQuery, indices: list[str], expansion: Expansion | None = None,
                 limit: int | None = None) -> Search:
    """The ``Search`` answering ``query`` (its ``to_dict()`` is the request body); ``expansion`` is its text
    expanded with the synonyms in force (expanded here when not given).

    Matches are counted up to ``limit`` (``exact_count_limit()`` when not given: ``track_total_hits``); the
    facets are counted over each shard's ``limit`` best matches (a ``sampler``: exact when no more match,
    else each count a lower bound); pages end at the ``limit``-th hit."""
    limit = exact_count_limit() if limit is None else limit
    search = Search(index=indices).params(ignore_unavailable=True, allow_no_indices=True)
    if expansion is None:
        expansion = synonyms.expand_query(query.text)
    words = list(expansion.words)
    if expansion:
        search = search.query(scored(text_query(expansion, query.locale), expansion, query.locale))
        search = search.suggest("did_you_mean", " ".join(words), phrase={
            "field": "title.words", "size": 1, "max_errors": 2,
            "direct_generator": [{"field": "title.words", "suggest_mode": "missing", "min_word_length": 3}]})
    if query.locale:
        search = search.filter("term", locale=query.locale)
    for field, values in query.filters.items():
        if values:
            search = search.filter("terms", **{_COLUMN.get(field, field): list(values)})
    for field, (low, high) in query.ranges.items():
        bounds = {key: float(value) for key, value in (("gte", low), ("lte", high)) if value is not None}
        if bounds:
            search = search.filter("range", **{field: bounds})
    for group in query.tags:
        search = search.filter("terms", tags=list(group))
    for code, km in query.max_distances.items():
        search = search.filter("range", **{f"distances.{code}": {"lte": float(km)}})
    if query.bbox:
        west, south, east, north = query.bbox
        search = search.filter("geo_bounding_box", location={"top_left": {"lat": north, "lon": west},
                                                             "bottom_right": {"lat": south, "lon": east}})
    if query.near is not None and query.radius_km is not None:
        lon, lat = query.near
        search = search.filter("geo_distance", distance=f"{query.radius_km}km", location={"lat": lat, "lon": lon})
    names = [name for name in query.facets if name in FACET_FIELDS]
    if names:
        sample = search.aggs.bucket(SAMPLE, "sampler", shard_size=limit)
        for name in names:
            sample.bucket(name, "terms", field=_COLUMN.get(name, name), size=50)
    if query.sort == "distance":
        lon, lat = query.near
        search = search.sort({"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc",
                                                "unit": "km", "distance_type": "arc"}})
    elif query.sort == "available_land":
        search = search.sort({"available_land_ha": {"order": "desc", "missing": "_last"}}, "_score",
                             "title.raw")
    else:
        search = search.sort("_score", "title.raw")
    if words and query.highlight:
        search = search.highlight(*highlight_fields(words, query.locale), fragment_size=200, number_of_fragments=1)
        search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    search = search.extra(track_total_hits=limit)
    start = min(query.offset, limit)
    return search[start:min(query.offset + query.page_size, limit)]


def highlight_fields(words: list[str], locale: str | None) -> list[str]:
    """The fields whose fragments a hit shows: summary, then body, each also in the CJK subfields of ``locale``
    when the query has CJK words (their matches are marked there)."""
    subfields = cjk_subfields(locale) if any(is_cjk(word) for word in words) else ()
    return [name for field in ("summary", "body") for name in (field, *(f"{field}.{sub}" for sub in subfields))]


def build_autocomplete(prefix: str, indices: list[str], locale: str | None, limit: int) -> Search:
    """The ``Search`` for autocomplete: the words typed against the edge n-grams of titles, the types weighing
    most first (``TYPE_SCALE`` per unit of weight, far above any match score), then the best matches."""
    search = Search(index=indices).params(ignore_unavailable=True, allow_no_indices=True)
    match = Q("match", **{"title.autocomplete": {"query": " ".join(tokens(prefix)), "operator": "and"}})
    search = search.query(scored(match, None))
    if locale:
        search = search.filter("term", locale=locale)
    search = search.source(["title", "url", "doc_type"]).extra(collapse={"field": "title.raw"})
    return search[:limit]


def total_of(response, limit: int) -> tuple[int, bool]:
    """The number of matches a response gives (at most ``limit``) and whether it is exact: relation "eq"."""
    total = response.hits.total
    exact = getattr(total, "relation", "eq") == "eq" and total.value <= limit
    return min(total.value, limit), exact


def facets_of(response, names) -> dict[str, list[tuple[str, int]]]:
    """The facet counts of a response, by facet, read from the ``sampler`` aggregation."""
    aggregations = getattr(response, "aggregations", None)
    sample = aggregations[SAMPLE] if aggregations is not None and SAMPLE in aggregations else None
    return {name: [(bucket.key, bucket.doc_count) for bucket in sample[name].buckets]
            for name in names if sample is not None and name in sample}


def suggestion_of(response) -> str:
    """The phrase suggester's correction in a response, or ""."""
    suggest = getattr(response, "suggest", None)
    entries = suggest.to_dict().get("did_you_mean", []) if suggest is not None else []
    options = entries[0].get("options", []) if entries else []
    return options[0]["text"] if options else ""


class SearchBackend(BaseSearchBackend):
    """Elasticsearch through ``elasticsearch.dsl``; options: URL and INDEX_PREFIX."""

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.prefix = self.options.get("INDEX_PREFIX") or "portal"
        self.client = Elasticsearch(self.options.get("URL") or "http://127.0.0.1:9200", request_timeout=5,
                                    max_retries=0, retry_on_timeout=False)
        self._ready: set[str] = set()
        self._korean: str | None = None

    def alias(self, doc_type: str) -> str:
        """The alias a type is read and written through."""
        return f"{self.prefix}-{doc_type}"

    def aliases(self) -> list[str]:
        types = sorted(REGISTRY)
        return [self.alias(doc_type) for doc_type in types]

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NotFoundError:
            raise
        except (TransportError, ApiError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def korean_analyzer(self) -> str:
        """``NORI`` when every node has the analysis-nori plugin, else ``CJK``; asked once per backend."""
        if self._korean is None:
            self._korean = NORI if self._call(self._cluster_has_nori) else CJK
        return self._korean

    def _cluster_has_nori(self) -> bool:
        try:
            return has_nori(self.client.nodes.info(metric="plugins").body)
        except AuthorizationException:  # a key without the monitor privilege: ask for the analyzer itself
            try:
                self.client.indices.analyze(analyzer=NORI, text="한국어")
            except BadRequestError:
                return False
            return True

    def _create(self, doc_type: str, alias: bool) -> str:
        name = f"{self.alias(doc_type)}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10**6}"
        body = index_body(self.korean_analyzer())
        if alias:
            body["aliases"] = {self.alias(doc_type): {}}
        self._call(self.client.indices.create, index=name, **body)
        return name

    def _ensure(self, doc_type: str) -> None:
        if doc_type in self._ready:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias(doc_type)):
            self._create(doc_type, alias=True)
        self._ready.add(doc_type)

    def _actions(self, documents: Iterable[IndexDocument], target=None):
        for document in documents:
            if target is None:
                self._ensure(document.doc_type)
                index = self.alias(document.doc_type)
            else:
                index = target(document.doc_type)
            yield {"_op_type": "index", "_index": index, "_id": document.key, "_source": to_source(document)}

    def bulk(self, documents: Iterable[IndexDocument]) -> int:
        success, _errors = self._call(helpers.bulk, self.client, self._actions(documents), refresh="wait_for")
        return success

    def delete(self, doc_type: str, object_id: str) -> None:
        if not self._call(self.client.indices.exists_alias, name=self.alias(doc_type)):
            return
        self._call(self.client.delete_by_query, index=self.alias(doc_type), refresh=True,
                   query={"term": {"object_id": str(object_id)}}, conflicts="proceed")

    def clear(self) -> None:
        for doc_type in REGISTRY:
            alias = self.alias(doc_type)
            if self._call(self.client.indices.exists_alias, name=alias):
                self._call(self.client.delete_by_query, index=alias, query={"match_all": {}}, refresh=True)

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Write every document into fresh indices, then swap every alias in one atomic call."""
        fresh: dict[str, str] = {}

        def target(doc_type: str) -> str:
            if doc_type not in fresh:
                fresh[doc_type] = self._create(doc_type, alias=False)
            return fresh[doc_type]

        for doc_type in REGISTRY:
            target(doc_type)
        success, _errors = self._call(helpers.bulk, self.client, self._actions(documents, target=target),
                                      refresh=True)
        actions, old = [], []
        for doc_type, name in fresh.items():
            alias = self.alias(doc_type)
            try:
                current = list(self._call(self.client.indices.get_alias, name=alias).body)
            except NotFoundError:
                current = []
            old += current
            actions += [{"remove": {"index": index, "alias": alias}} for index in current]
            actions.append({"add": {"index": name, "alias": alias}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for index in old:
            self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        self._ready |= set(fresh)
        return success

    def refresh(self) -> None:
        self._call(self.client.indices.refresh, index=",".join(self.aliases()), ignore_unavailable=True,
                   allow_no_indices=True)

    def search(self, query: SearchQuery) -> SearchResults:
        expansion = synonyms.expand_query(query.text)
        marked = expansion.highlight_terms()
        limit = exact_count_limit()
        search = build_search(query, self.aliases(), expansion, limit).using(self.client)
        response = self._call(search.execute)
        hits = []
        for item in response.hits:
            source = item.to_dict()
            fragments = getattr(item.meta, "highlight", None)
            found = fragments.to_dict() if fragments else {}
            parts = [fragment for field in highlight_fields(list(expansion.words), query.locale)
                     for fragment in found.get(field, [])]
            if parts:
                snippet = mark_safe(parts[0])  # noqa: S308 - escaped by the highlighter's html encoder
            else:
                snippet = highlight(source.get("summary") or source.get("body") or "", marked)
            location = source.get("location")
            distance = item.meta.sort[0] if query.sort == "distance" and "sort" in item.meta else None
            hits.append(Hit(
                doc_type=source["doc_type"], object_id=source["object_id"], title=source["title"],
                url=source.get("url", ""), locale=source.get("locale", ""), snippet=snippet,
                score=float(item.meta.score or 0.0),
                location=(location["lon"], location["lat"]) if location else None, distance_km=distance,
                kind=source.get("kind", ""), province=source.get("province", ""),
                commune=source.get("commune", ""), sector=source.get("sector", ""),
                status=source.get("status", ""), available_land_ha=source.get("available_land_ha"),
            ))
        facets = facets_of(response, query.facets)
        total, exact = total_of(response, limit)
        return SearchResults(hits=hits, total=total, facets=facets, page=query.page, page_size=query.page_size,
                             suggestion=suggestion_of(response) if total == 0 else "", total_is_exact=exact,
                             facets_estimated=not exact)

    def autocomplete(self, prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
        if not tokens(prefix):
            return []
        response = self._call(build_autocomplete(prefix, self.aliases(), locale, limit).using(self.client).execute)
        return [Suggestion(title=hit.title, url=hit.url, doc_type=hit.doc_type) for hit in response.hits]

    def count(self) -> int:
        return self._call(self.client.count, index=",".join(self.aliases()), ignore_unavailable=True,
                          allow_no_indices=True)["count"]

    def ping(self) -> tuple[bool, str]:
        try:
            info = self.client.info()
        except (TransportError, ApiError) as exc:
            return False, f"{type(exc).__name__}: {exc}"
        return True, f"elasticsearch {info['version']['number']}"
