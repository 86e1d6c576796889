"""Migration 0010: each indexed text gets its document's language, which SQLite's FTS5 table then indexes."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from search.backends import get_backend
from search.backends.base import IndexDocument, SearchQuery
from search.models import SearchText

pytestmark = pytest.mark.django_db
migration = import_module("search.migrations.0010_fts_locale")


def test_the_migration_gives_each_text_its_documents_language(settings):
    settings.SEARCH_BACKEND, settings.SEARCH_BACKEND_OPTIONS = "search.backends.embedded", {}
    backend = get_backend()
    backend.bulk([IndexDocument("zone", "1", "en", "Minh Hung III Industrial Park"),
                  IndexDocument("zone", "1", "vi", "KCN Minh Hưng III")])
    SearchText.objects.update(locale="")  # as the texts were before the migration
    # What RunPython hands over, without SQLite's schema editor (it refuses to open inside the test's transaction).
    editor = SimpleNamespace(connection=connection, execute=lambda sql, params=(): connection.cursor().execute(
        sql, params))
    migration.copy_locales(apps, editor)
    migration.recreate_fts((*migration.COLUMNS, "locale"))(apps, editor)  # SQLite's FTS5 table, filled again
    assert dict(SearchText.objects.values_list("document__locale", "locale")) == {"en": "en", "vi": "vi"}
    for locale in ("en", "vi"):
        assert [hit.locale for hit in backend.search(SearchQuery(text="minh hung", locale=locale)).hits] == [locale]
