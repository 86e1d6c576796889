"""The board's dictionary of search synonyms and abbreviations, with the entries the portal starts with."""

from django.db import migrations, models

from search.default_synonyms import create_defaults


def add_defaults(apps, schema_editor):
    create_defaults(apps.get_model("search", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0005_stemmed_terms")]

    operations = [
        migrations.CreateModel(
            name="Synonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("terms", models.TextField(help_text="Words or phrases that mean the same, one per line or separated by commas, in English or Vietnamese (for example: CIT, corporate income tax, thuế TNDN). A search for any of them also finds the others. Capitals and accents do not matter.", verbose_name="terms")),
                ("expands_to", models.TextField(blank=True, help_text="Optional. Words or phrases that a search for the terms also finds, but that do not find the terms back (for example, the term factory also finds manufacturing and plant).", verbose_name="also finds")),
                ("note", models.CharField(blank=True, help_text="For editors only: why the entry exists or where the terms come from.", max_length=255, verbose_name="note")),
                ("enabled", models.BooleanField(default=True, help_text="Searches use the entry only while this is ticked.", verbose_name="in use")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
            ],
            options={"verbose_name": "search synonym", "verbose_name_plural": "search synonyms", "ordering": ["terms"]},
        ),
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
    ]
