"""Stemmed terms: a search matches the stemmed words of a document (``core.text.terms``: "electronics" and
"electronic" alike), autocomplete the title's words as written.

``SearchText`` gets ``title_terms`` and ``text_terms`` (the folded text it held becomes terms); the terms of
the documents already indexed are computed here. PostgreSQL's vector becomes title terms (A), text terms (B)
and the folded title (C, for autocomplete); SQLite's FTS5 table indexes the same three columns.
"""

from django.db import migrations, models

from core.text import terms

DOCS, TEXTS, FTS = "search_searchdocument", "search_searchtext", "search_searchdocument_fts"
COLUMNS = ("title_terms", "text_terms", "folded_title")
VECTOR = ("setweight(to_tsvector('simple', t.title_terms), 'A') || setweight(to_tsvector('simple', t.text_terms), 'B')"
          " || setweight(to_tsvector('simple', t.folded_title), 'C')")
OLD_VECTOR = ("setweight(to_tsvector('simple', t.folded_title), 'A') || "
              "setweight(to_tsvector('simple', t.text_terms), 'B')")


def sqlite_fts(columns) -> list[str]:
    """The FTS5 table over ``SearchText``'s ``columns``, kept in step by triggers, and filled."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{name}" for name in columns)
    old = ", ".join(f"old.{name}" for name in columns)
    return [
        f"""CREATE VIRTUAL TABLE {FTS} USING fts5({names}, content='{TEXTS}', content_rowid='document_id',
            tokenize='unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER search_text_ai AFTER INSERT ON {TEXTS} BEGIN
            INSERT INTO {FTS}(rowid, {names}) VALUES (new.document_id, {new});
            END""",
        f"""CREATE TRIGGER search_text_ad AFTER DELETE ON {TEXTS} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.document_id, {old});
            END""",
        f"""CREATE TRIGGER search_text_au AFTER UPDATE ON {TEXTS} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.document_id, {old});
            INSERT INTO {FTS}(rowid, {names}) VALUES (new.document_id, {new});
            END""",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


DROP_FTS = ["DROP TRIGGER IF EXISTS search_text_au", "DROP TRIGGER IF EXISTS search_text_ad",
            "DROP TRIGGER IF EXISTS search_text_ai", f"DROP TABLE IF EXISTS {FTS}"]


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_FTS:
            schema_editor.execute(statement)


def create_fts(columns):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in sqlite_fts(columns):
                schema_editor.execute(statement)
    return run


def compute_terms(apps, schema_editor):
    """The terms of every document already indexed; PostgreSQL's vector written from them."""
    SearchText = apps.get_model("search", "SearchText")
    batch = []
    for text in SearchText.objects.select_related("document").iterator(chunk_size=1000):
        text.title_terms = terms(text.document.title)
        text.text_terms = " ".join(part for part in (text.title_terms, terms(text.summary), terms(text.body)) if part)
        batch.append(text)
        if len(batch) == 1000:
            SearchText.objects.bulk_update(batch, ["title_terms", "text_terms"])
            batch = []
    SearchText.objects.bulk_update(batch, ["title_terms", "text_terms"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {DOCS} SET search_vector = {VECTOR} FROM {TEXTS} t "  # noqa: S608
                              f"WHERE t.document_id = {DOCS}.id")


def restore_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {DOCS} SET search_vector = {OLD_VECTOR} FROM {TEXTS} t "  # noqa: S608
                              f"WHERE t.document_id = {DOCS}.id")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_narrow_documents")]

    operations = [
        migrations.RunPython(drop_fts, create_fts(("folded_title", "folded_body"))),
        migrations.RenameField(model_name="searchtext", old_name="folded_body", new_name="text_terms"),
        migrations.AlterField(model_name="searchtext", name="text_terms",
                              field=models.TextField(blank=True, verbose_name="text terms")),
        migrations.AddField(model_name="searchtext", name="title_terms",
                            field=models.TextField(blank=True, default="", verbose_name="title terms"),
                            preserve_default=False),
        migrations.RunPython(compute_terms, restore_vector),
        migrations.RunPython(create_fts(COLUMNS), drop_fts),
    ]
