"""What investors type, in English and Vietnamese, and what must come first: stemming, the synonym dictionary,
phrases, type weights and "did you mean", the same on every backend (see conftest.BACKENDS)."""

import pytest

from search.backends.base import SearchQuery
from search.default_synonyms import create_defaults
from search.models import Synonym
from search.registry import REGISTRY, DocumentDefinition

from .investor_corpus import CASES, CORPUS, k


@pytest.fixture
def sector_type():
    """Sectors as a type of their own, weighing as policies and procedures do (the zones app registers them;
    until it does, the tests register the type themselves)."""
    if "sector" in REGISTRY:
        yield REGISTRY["sector"]
        return
    from zones.models import Sector

    REGISTRY["sector"] = DocumentDefinition("sector", Sector, "Sector", build=lambda obj: [],
                                            queryset=lambda model: model.objects.none(), weight=1.5)
    yield REGISTRY["sector"]
    del REGISTRY["sector"]


@pytest.fixture
def province(backend, sector_type):
    """The investor corpus indexed, with the default dictionary (a transactional test elsewhere may have
    emptied the table its migration filled)."""
    create_defaults(Synonym)
    backend.bulk(CORPUS)
    backend.refresh()
    return backend


def keys(results):
    return [(hit.doc_type, hit.object_id, hit.locale) for hit in results.hits]


def search(backend, text, locale=None):
    return backend.search(SearchQuery(text=text, locale=locale, page_size=100, facets=()))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_investor_query(province, case):
    found = keys(search(province, case.text, case.locale))
    first = {k(key) for key in case.first}
    then = {k(key) for key in case.then}
    assert set(found[:len(first)]) == first, found
    assert then <= set(found[len(first):]), found
    assert not {k(key) for key in case.absent} & set(found), found
    if case.projects_last:
        types = [doc_type for doc_type, _id, _locale in found]
        assert "project" not in types or set(types[types.index("project"):]) == {"project"}, found


def test_at_least_forty_queries_in_both_languages():
    assert len(CASES) >= 40
    assert {case.locale for case in CASES} == {"en", "vi"}
    assert len({case.text for case in CASES if case.locale == "vi"}) >= 15


def test_a_place_name_finds_its_phrase_first_and_its_syllables_apart_after(province):
    found = keys(search(province, "dong xoai", "en"))
    phrase = [found.index(key) for key in (("zone", "dx1", "en"), ("project", "p2", "en"), ("project", "p3", "en"))]
    apart = [found.index(key) for key in (("zone", "bdp", "en"), ("project", "p4", "en"))]
    assert max(phrase) < min(apart)
    assert len(found) == 5  # never "Dong" alone (p6) nor "Xoai" alone (p7)


def test_stemming_matches_either_form_in_both_directions(province):
    assert keys(search(province, "factories", "en")) == keys(search(province, "factory", "en"))
    assert ("zone", "mh3", "en") in keys(search(province, "factory", "en"))  # its text says "factories"
    assert ("project", "p2", "en") in keys(search(province, "garments", "en"))  # its title says "garment"


def test_vietnamese_syllables_are_not_stemmed_into_each_other(province):
    # "đồng phục" (uniforms) holds "dong" but not the place; a stemmer mangling syllables would confuse them.
    assert ("sector", "1410", "vi") in keys(search(province, "đồng phục", "vi"))
    assert ("sector", "1410", "vi") not in keys(search(province, "đồng xoài", "vi"))


def test_one_way_expansion(province):
    assert ("project", "p2", "en") in keys(search(province, "factory", "en"))
    assert ("project", "p2", "en") not in keys(search(province, "manufacturing", "en"))


def test_an_entry_added_by_the_board_applies_to_the_next_search(province):
    assert search(province, "gạch", "en").total == 0
    entry = Synonym.objects.create(terms="brick, gạch")
    assert keys(search(province, "gạch", "en")) == [("project", "p6", "en")]
    entry.enabled = False
    entry.save()
    assert search(province, "gạch", "en").total == 0


@pytest.mark.parametrize(("typed", "meant"), [("electornics", "electronics"), ("semicondutor", "semiconductor"),
                                              ("dong xaoi", "dong xoai"), ("industral park", "industrial park")])
def test_did_you_mean(province, typed, meant):
    results = search(province, typed, "en")
    assert results.total == 0 and results.suggestion == meant
    assert search(province, results.suggestion, "en").total > 0


def test_no_suggestion_when_something_matches(province):
    assert search(province, "electronics", "en").suggestion == ""


def test_autocomplete_suggests_sectors_policies_and_zones_before_projects(province):
    suggestions = province.autocomplete("electr", locale="en")
    types = [s.doc_type for s in suggestions]
    assert set(types) == {"sector", "policy", "project"}
    assert types[-1] == "project" and types.count("project") == 1
    assert {s.title for s in suggestions} >= {"Manufacture of electronic components (2610)",
                                             "Support for electronics and semiconductor projects"}
    zones_first = [s.doc_type for s in province.autocomplete("minh", locale="en")]
    assert zones_first == ["zone", "project"]
