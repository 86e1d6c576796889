"""A zone's figure sources, gallery images and brochures become translatable rows: each language of a zone has its
own row (its text translated), matched across languages by a translation key (its other values shared).

Existing rows take their zone's locale; rows of the languages of one zone are matched by figure group (sources)
or by position (images, brochures), so the same row of each language shares one key."""

import uuid
from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models

CHILDREN = {"zonefiguresource": "figure", "zonegalleryimage": None, "zonebrochure": None}


def match_rows(apps, schema_editor):
    ZonePage = apps.get_model("zones", "ZonePage")
    zones = {pk: (key, locale) for pk, key, locale in ZonePage.objects.values_list("pk", "translation_key",
                                                                                   "locale_id")}
    for name, match_on in CHILDREN.items():
        model = apps.get_model("zones", name)
        keys = defaultdict(uuid.uuid4)
        seen = defaultdict(int)
        for row in model.objects.order_by("zone_id", "sort_order", "pk"):
            zone_key, locale = zones[row.zone_id]
            if match_on:
                slot = (getattr(row, match_on), seen[(row.zone_id, getattr(row, match_on))])
                seen[(row.zone_id, getattr(row, match_on))] += 1
            else:
                slot = seen[row.zone_id]
                seen[row.zone_id] += 1
            row.translation_key = keys[(zone_key, slot)]
            row.locale_id = locale
            row.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):

    dependencies = [
        ("wagtailcore", "0094_alter_page_locale"),
        ("zones", "0013_figure_dates_last_check"),
    ]

    operations = [
        *[op for name in CHILDREN for op in (
            migrations.AddField(model_name=name, name="translation_key",
                                field=models.UUIDField(editable=False, null=True)),
            migrations.AddField(model_name=name, name="locale",
                                field=models.ForeignKey(editable=False, null=True,
                                                        on_delete=django.db.models.deletion.PROTECT,
                                                        related_name="+", to="wagtailcore.locale",
                                                        verbose_name="locale")),
        )],
        migrations.RunPython(match_rows, migrations.RunPython.noop),
        *[op for name in CHILDREN for op in (
            migrations.AlterField(model_name=name, name="translation_key",
                                  field=models.UUIDField(default=uuid.uuid4, editable=False)),
            migrations.AlterField(model_name=name, name="locale",
                                  field=models.ForeignKey(editable=False,
                                                          on_delete=django.db.models.deletion.PROTECT,
                                                          related_name="+", to="wagtailcore.locale",
                                                          verbose_name="locale")),
            migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
        )],
        migrations.AlterModelOptions(name="zonebrochure", options={
            "abstract": False, "ordering": ["sort_order"], "verbose_name": "brochure"}),
        migrations.AlterModelOptions(name="zonegalleryimage", options={
            "abstract": False, "ordering": ["sort_order"], "verbose_name": "gallery image"}),
    ]
