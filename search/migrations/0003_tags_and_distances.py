"""Tags and road distances for the zone index filters.

SQLite adds these columns by rebuilding the table, which drops the triggers that keep the FTS5 table in
step: they are created again and the FTS5 index rebuilt."""

import importlib

from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="distances",
            field=models.JSONField(blank=True, default=dict, help_text="By named place code.",
                                   verbose_name="road distances (km)"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="tags",
            field=models.JSONField(blank=True, default=dict, verbose_name="tags"),
        ),
        migrations.RunPython(fulltext._run({"sqlite": fulltext.SQLITE_BACKWARD[:3] + fulltext.SQLITE_FORWARD[1:]}),
                             migrations.RunPython.noop),
    ]
