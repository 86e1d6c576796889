"""PostgreSQL matches a phrase by the pairs of adjacent terms its vector holds (migration 0009 writes them for the
documents indexed before): without them no phrase is found, and the rank of a match is the same with them or
without them."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from search.backends import get_backend
from search.backends.base import IndexDocument, SearchQuery
from search.default_synonyms import create_defaults
from search.models import Synonym

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="the pairs are PostgreSQL's")]
migration = import_module("search.migrations.0009_term_pairs")
# What RunPython hands over (SQLite's schema editor refuses to open inside the test's transaction).
EDITOR = SimpleNamespace(connection=connection,
                         execute=lambda sql, params=(): connection.cursor().execute(sql, params))


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND, settings.SEARCH_BACKEND_OPTIONS = "search.backends.embedded", {}
    create_defaults(Synonym)
    backend = get_backend()
    backend.bulk([IndexDocument("policy", "1", "en", "Fire safety approval", summary="Safety of a factory."),
                  IndexDocument("policy", "2", "en", "Safety of workers", body="A fire broke out."),
                  IndexDocument("zone", "3", "zh-hans", "明兴三工业园")])
    return backend


def found(backend, text, locale="en"):
    return {hit.object_id: hit.score for hit in backend.search(SearchQuery(text=text, locale=locale)).hits}


def test_a_phrase_is_matched_by_its_pairs_and_the_migration_writes_them(backend):
    assert set(found(backend, "PCCC")) == {"1"}
    migration.drop_pairs(apps, EDITOR)
    assert found(backend, "PCCC") == {}
    assert found(backend, "工业园", "zh-hans") == {}
    assert set(found(backend, "fire")) == {"1", "2"}
    migration.write_pairs(apps, EDITOR)
    assert set(found(backend, "PCCC")) == {"1"}
    assert set(found(backend, "工业园", "zh-hans")) == {"3"}


def test_the_pairs_leave_the_rank_as_it_was(backend):
    queries = ["safety", "fire", "safety fire", "approval"]
    paired = [found(backend, text) for text in queries]
    migration.drop_pairs(apps, EDITOR)
    assert [found(backend, text) for text in queries] == paired
    assert paired[0]["1"] != paired[0]["2"]


def test_autocomplete_completes_the_words_of_titles_not_pairs(backend):
    # "fire+safeti" and "fire+broke" begin with the letters typed too.
    assert [s.title for s in backend.autocomplete("fir", locale="en")] == ["Fire safety approval"]
