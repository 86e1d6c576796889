"""Narrow search documents: the text moves to ``SearchText``, read only for the hits of a page.

PostgreSQL: the generated ``tsvector`` becomes a plain column the backend writes with each document (its
values are kept), so the text it was generated from can leave the table. SQLite: the FTS5 table is
rebuilt over ``SearchText`` (the rowid is still the document's id). Existing documents are kept.
"""

import importlib

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext")

DOCS, TEXTS, FTS = "search_searchdocument", "search_searchtext", fulltext.FTS

SQLITE_FTS = fulltext.sqlite_fts(TEXTS, "document_id", "search_text")


def copy_text_and_free_the_vector(apps, schema_editor):
    """Copy every document's text beside it; detach what still depends on the columns that leave."""
    schema_editor.execute(f"INSERT INTO {TEXTS} (document_id, summary, body, folded_title, folded_body) "  # noqa: S608
                          f"SELECT id, summary, body, folded_title, folded_body FROM {DOCS}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {DOCS} ALTER COLUMN search_vector DROP EXPRESSION")
    elif schema_editor.connection.vendor == "sqlite":
        for statement in fulltext.SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_tags_and_distances")]

    operations = [
        migrations.CreateModel(
            name="SearchText",
            fields=[
                ("document", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                  related_name="text", serialize=False,
                                                  to="search.searchdocument")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                ("body", models.TextField(blank=True, verbose_name="body")),
                ("folded_title", models.CharField(max_length=255, verbose_name="folded title")),
                ("folded_body", models.TextField(blank=True, verbose_name="folded text")),
            ],
            options={"verbose_name": "search text", "verbose_name_plural": "search texts"},
        ),
        migrations.RunPython(copy_text_and_free_the_vector, elidable=False),
        migrations.SeparateDatabaseAndState(
            # PostgreSQL keeps its column (values and GIN index included); SQLite gets an unused one.
            database_operations=[migrations.RunPython(fulltext._run({"sqlite": [
                f"ALTER TABLE {DOCS} ADD COLUMN search_vector text NULL"]}))],
            state_operations=[migrations.AddField(
                model_name="searchdocument", name="search_vector",
                field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True))],
        ),
        migrations.RemoveField(model_name="searchdocument", name="body"),
        migrations.RemoveField(model_name="searchdocument", name="folded_body"),
        migrations.RemoveField(model_name="searchdocument", name="summary"),
        migrations.RunPython(fulltext._run({"sqlite": SQLITE_FTS})),
    ]
