"""SQLite's FTS5 table indexes each document's language too, so that a search of one language is matched (and
ranked) within it by FTS5 itself, instead of looking up the language of every match of every language.
``SearchText`` keeps the language of its document: FTS5 reads an external content table's columns from it.
PostgreSQL's vector is left as it is (its documents are filtered by their own column)."""

import importlib

from django.db import migrations, models

TEXTS = "search_searchtext"
_fts = importlib.import_module("search.migrations.0005_stemmed_terms")
COLUMNS = ("title_terms", "text_terms", "folded_title")


def copy_locales(apps, schema_editor):
    schema_editor.execute(f"UPDATE {TEXTS} SET locale = (SELECT document.locale FROM search_searchdocument AS "  # noqa: S608
                          f"document WHERE document.id = {TEXTS}.document_id)")


def recreate_fts(columns):
    def run(apps, schema_editor):
        _fts.drop_fts(apps, schema_editor)
        _fts.create_fts(columns)(apps, schema_editor)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0009_term_pairs")]

    operations = [
        migrations.AddField("searchtext", "locale", models.CharField(
            "language", max_length=10, blank=True, default="", editable=False)),
        migrations.RunPython(copy_locales, migrations.RunPython.noop),
        migrations.RunPython(recreate_fts((*COLUMNS, "locale")), recreate_fts(COLUMNS)),
    ]
