"""Full-text index of the embedded backend: a generated tsvector column with a GIN index on PostgreSQL,
an external-content FTS5 table kept in step by triggers on SQLite."""

from django.db import migrations

TABLE = "search_searchdocument"
FTS = "search_searchdocument_fts"

POSTGRES_FORWARD = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(folded_title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(folded_body, '')), 'B')) STORED""",
    f"CREATE INDEX search_doc_vector_gin ON {TABLE} USING GIN (search_vector)",
    f"CREATE INDEX search_doc_title_prefix ON {TABLE} (folded_title varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_title_prefix",
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def sqlite_fts(content: str, rowid: str, prefix: str) -> list[str]:
    """An external-content FTS5 table over ``content`` (folded title and text), kept in step by triggers."""
    return [
        f"""CREATE VIRTUAL TABLE {FTS} USING fts5(folded_title, folded_body, content='{content}',
            content_rowid='{rowid}', tokenize='unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER {prefix}_ai AFTER INSERT ON {content} BEGIN
            INSERT INTO {FTS}(rowid, folded_title, folded_body) VALUES (new.{rowid}, new.folded_title,
            new.folded_body);
            END""",
        f"""CREATE TRIGGER {prefix}_ad AFTER DELETE ON {content} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, folded_title, folded_body)
            VALUES ('delete', old.{rowid}, old.folded_title, old.folded_body);
            END""",
        f"""CREATE TRIGGER {prefix}_au AFTER UPDATE ON {content} BEGIN
            INSERT INTO {FTS}({FTS}, rowid, folded_title, folded_body)
            VALUES ('delete', old.{rowid}, old.folded_title, old.folded_body);
            INSERT INTO {FTS}(rowid, folded_title, folded_body) VALUES (new.{rowid}, new.folded_title,
            new.folded_body);
            END""",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


SQLITE_FORWARD = sqlite_fts(TABLE, "id", "search_doc")
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_doc_au",
    "DROP TRIGGER IF EXISTS search_doc_ad",
    "DROP TRIGGER IF EXISTS search_doc_ai",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
