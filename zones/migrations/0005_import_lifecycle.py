"""GIS imports take the shared import lifecycle (core.imports): a queued import is running (claimed, not
started); the other statuses keep their values."""

from django.db import migrations, models

LABEL = ("zones", "ImportRecord")
OLD_TO_NEW = {"queued": "running"}


def forwards(apps, schema_editor):
    model = apps.get_model(*LABEL)
    for old, new in OLD_TO_NEW.items():
        model.objects.filter(status=old).update(status=new)


def backwards(apps, schema_editor):
    model = apps.get_model(*LABEL)
    for old, new in OLD_TO_NEW.items():
        model.objects.filter(status=new).update(status=old)


class Migration(migrations.Migration):

    dependencies = [
        ('zones', '0004_importrecord_from_maps'),
    ]

    operations = [
        migrations.AddField(
            model_name='importrecord',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started at'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='status',
            field=models.CharField(choices=[('staged', 'Staged'), ('previewed', 'Previewed'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed'), ('cancelled', 'Cancelled'), ('refused', 'Refused')], db_index=True, default='staged', max_length=16, verbose_name='status'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
