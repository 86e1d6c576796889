"""Spreadsheet imports take the shared import lifecycle (core.imports): uploaded and validating jobs are
staged, validated ones previewed, importing ones running; done and failed stay."""

import django.utils.timezone
from django.db import migrations, models

LABEL = ("projects", "ImportJob")
OLD_TO_NEW = {"uploaded": "staged", "validating": "staged", "validated": "previewed", "importing": "running"}


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
        ('projects', '0002_one_new_registration'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='error',
            field=models.TextField(blank=True, verbose_name='error'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='finished_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='finished at'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='progress',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='started at'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='uploaded at'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('staged', 'Staged'), ('previewed', 'Previewed'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed'), ('cancelled', 'Cancelled'), ('refused', 'Refused')], db_index=True, default='staged', max_length=16, verbose_name='status'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
