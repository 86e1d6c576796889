"""Korean, Japanese and Chinese text is indexed as overlapping character bigrams (``core.text.terms``): the terms of
the documents already indexed that hold such text are computed again (before, their CJK words had no terms at all).

Documents in the languages that had none (procedures, sectors and projects in Korean, Japanese and Chinese) come
with the next ``rebuild_search_index``.
"""

from django.db import migrations

from core.text import has_cjk, terms

DOCS, TEXTS = "search_searchdocument", "search_searchtext"
VECTOR = ("setweight(to_tsvector('simple', t.title_terms), 'A') || setweight(to_tsvector('simple', t.text_terms), 'B')"
          " || setweight(to_tsvector('simple', t.folded_title), 'C')")


def compute_cjk_terms(apps, schema_editor):
    """The terms (and PostgreSQL's vector) of every document holding CJK text."""
    SearchText = apps.get_model("search", "SearchText")
    changed, batch = [], []
    for text in SearchText.objects.select_related("document").iterator(chunk_size=1000):
        if not any(has_cjk(value) for value in (text.document.title, text.summary, text.body)):
            continue
        text.title_terms = terms(text.document.title)
        text.text_terms = " ".join(part for part in (text.title_terms, terms(text.summary), terms(text.body)) if part)
        batch.append(text)
        changed.append(text.document_id)
        if len(batch) == 1000:
            SearchText.objects.bulk_update(batch, ["title_terms", "text_terms"])
            batch = []
    SearchText.objects.bulk_update(batch, ["title_terms", "text_terms"])
    if changed and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {DOCS} SET search_vector = {VECTOR} FROM {TEXTS} t "  # noqa: S608
                              f"WHERE t.document_id = {DOCS}.id AND t.document_id = ANY(%s)", [changed])


class Migration(migrations.Migration):
    dependencies = [("search", "0007_sector_names_in_full")]

    operations = [migrations.RunPython(compute_cjk_terms, migrations.RunPython.noop)]
