"""Documents indexed before CJK text had terms get them from migration 0008 and are found afterwards."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from search.backends import get_backend
from search.backends.base import IndexDocument, SearchQuery
from search.models import SearchDocument, SearchText

pytestmark = pytest.mark.django_db
migration = import_module("search.migrations.0008_cjk_terms")
pairs_migration = import_module("search.migrations.0009_term_pairs")


def test_the_migration_gives_terms_to_cjk_documents_indexed_before(settings):
    settings.SEARCH_BACKEND, settings.SEARCH_BACKEND_OPTIONS = "search.backends.embedded", {}
    backend = get_backend()
    backend.bulk([IndexDocument("zone", "1", "zh-hans", "明兴三工业园", summary="平福省的工业园"),
                  IndexDocument("zone", "2", "en", "Minh Hung III Industrial Park")])
    # As the index held them before: no terms for the CJK words (and the vector written from those terms).
    SearchText.objects.filter(document__locale="zh-hans").update(title_terms="", text_terms="")
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(locale="zh-hans").update(search_vector=None)
    assert backend.search(SearchQuery(text="工业园", locale="zh-hans")).total == 0
    # What RunPython hands over, without SQLite's schema editor (it refuses to open inside the test's transaction).
    editor = SimpleNamespace(connection=connection, execute=lambda sql, params=(): connection.cursor().execute(
        sql, params))
    migration.compute_cjk_terms(apps, editor)
    pairs_migration.write_pairs(apps, editor)  # as ``migrate`` runs the next migration
    assert [hit.object_id for hit in backend.search(SearchQuery(text="工业园", locale="zh-hans")).hits] == ["1"]
    assert SearchText.objects.get(document__locale="zh-hans").text_terms == (
        "明兴 兴三 三工 工业 业园 平福 福省 省的 的工 工业 业园")
    assert backend.search(SearchQuery(text="minh hung", locale="en")).total == 1
