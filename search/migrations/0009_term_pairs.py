"""PostgreSQL's vector holds each pair of adjacent terms as one lexeme ("fire+safeti",
``search.backends.fulltext.indexed_pairs``), so that the GIN index finds a phrase's candidates itself: the vectors of
the documents already indexed are written again from their ``SearchText``. Reversed, they are written without the
pairs. SQLite (FTS5 checks phrases in its own index) is left as it is.
"""

from django.db import migrations

from search.backends.fulltext import indexed_pairs

DOCS, TEXTS = "search_searchdocument", "search_searchtext"
VECTOR = ("setweight(to_tsvector('simple', t.title_terms), 'A') || setweight(to_tsvector('simple', t.text_terms), 'B')"
          " || setweight(to_tsvector('simple', t.folded_title), 'C')")
PAIRS = "CAST(p.pairs AS tsvector)"
BATCH = 1000


def write_pairs(apps, schema_editor):
    """The vector of every document, its pairs included, a batch of documents per statement."""
    if schema_editor.connection.vendor != "postgresql":
        return
    SearchText = apps.get_model("search", "SearchText")
    rows = SearchText.objects.values_list("document_id", "title_terms", "text_terms").order_by("document_id")
    batch = []
    for document_id, title_terms, text_terms in rows.iterator(chunk_size=BATCH):
        batch.append((document_id, indexed_pairs(title_terms, text_terms)))
        if len(batch) == BATCH:
            _update(schema_editor, batch)
            batch = []
    if batch:
        _update(schema_editor, batch)


def _update(schema_editor, batch):
    ids, pairs = zip(*batch, strict=True)
    schema_editor.execute(f"UPDATE {DOCS} SET search_vector = {VECTOR} || {PAIRS} "  # noqa: S608 - table names
                          f"FROM {TEXTS} t, unnest(%s::bigint[], %s::text[]) AS p(id, pairs) "
                          f"WHERE t.document_id = p.id AND {DOCS}.id = p.id", [list(ids), list(pairs)])


def drop_pairs(apps, schema_editor):
    """The vector of every document without its pairs (as migration 0008 left it)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"UPDATE {DOCS} SET search_vector = {VECTOR} FROM {TEXTS} t "  # noqa: S608
                              f"WHERE t.document_id = {DOCS}.id")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_cjk_terms")]

    operations = [migrations.RunPython(write_pairs, drop_pairs)]
