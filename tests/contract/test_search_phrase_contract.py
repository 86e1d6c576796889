"""Phrases, for every backend (see conftest.BACKENDS): a synonym that is a phrase ("fire safety", "corporate income
tax") and a CJK run (the phrase of its bigrams) find the documents holding those words next to each other, in the
title or the text or from one into the other, and no document holding them apart."""

import pytest

from search.backends.base import IndexDocument, SearchQuery
from search.default_synonyms import create_defaults
from search.models import Synonym

PHRASE_DOCS = [
    IndexDocument("policy", "title", "en", "Fire safety approval", summary="Before a factory opens."),
    IndexDocument("policy", "text", "en", "Approval of plans", summary="Rules on fire safety for factories."),
    IndexDocument("policy", "title-into-text", "en", "Rules on fire", summary="Safety inspections every year."),
    IndexDocument("policy", "apart", "en", "Safety of workers", body="A fire broke out; safety came first."),
    IndexDocument("policy", "title-end-to-title-start", "en", "Safety and fire", body="Inspection rules."),
    IndexDocument("policy", "cit", "en", "Corporate income tax exemption", summary="Four years."),
    IndexDocument("policy", "cit-apart", "en", "Income tax of corporate groups", summary="Tax of corporate income."),
    IndexDocument("policy", "cit-pairs-apart", "en", "Corporate income rises",
                  summary="Personal income tax falls."),
    IndexDocument("zone", "cjk", "zh-hans", "明兴三工业园", summary="平福省诚城的工业园。"),
    IndexDocument("zone", "cjk-apart", "zh-hans", "工业区", summary="业园路"),
]


@pytest.fixture
def phrases(backend):
    create_defaults(Synonym)
    backend.bulk(PHRASE_DOCS)
    backend.refresh()
    return backend


def found(backend, text, locale="en"):
    return {hit.object_id for hit in backend.search(SearchQuery(text=text, locale=locale, facets=())).hits}


class TestPhraseContract:
    """Every backend: a phrase matches its words next to each other, never apart."""

    @pytest.mark.parametrize("text", ["fire safety", "PCCC", "phòng cháy chữa cháy"])
    def test_a_phrase_and_its_synonyms_find_the_words_next_to_each_other(self, phrases, text):
        assert found(phrases, text) == {"title", "text", "title-into-text"}

    def test_a_phrase_of_three_words_needs_them_in_a_row(self, phrases):
        assert found(phrases, "CIT") == {"cit"}
        assert found(phrases, "corporate income tax") == {"cit"}

    def test_a_cjk_run_is_the_phrase_of_its_bigrams(self, phrases):
        assert found(phrases, "工业园", "zh-hans") == {"cjk"}
        assert found(phrases, "明兴三工业园", "zh-hans") == {"cjk"}
