"""ImportRecord moves here from the maps app: created in the state only (its table, maps_importrecord,
stays), and its content type moves with it, so that the permissions granted on it (add/view GIS imports)
and the admin log entries keep pointing at it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    moving = ContentType.objects.filter(app_label=source, model="importrecord").first()
    if moving is None:
        return
    # A content type already made for the target (nothing can point at it yet but its own permissions) goes.
    ContentType.objects.filter(app_label=target, model="importrecord").delete()
    moving.app_label = target
    moving.save(update_fields=["app_label"])


def move_content_type(apps, schema_editor):
    _move(apps, "maps", "zones")


def move_content_type_back(apps, schema_editor):
    _move(apps, "zones", "maps")


class Migration(migrations.Migration):

    dependencies = [
        ('zones', '0003_drop_unused_geometry_indexes'),
        ('maps', '0004_importrecord_moves_to_zones'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[migrations.CreateModel(
            name='ImportRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='uploaded at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                ('file_size', models.PositiveBigIntegerField(default=0, verbose_name='file size (bytes)')),
                ('format', models.CharField(blank=True, choices=[('shapefile', 'Shapefile (zip)'), ('geojson', 'GeoJSON'), ('kml', 'KML'), ('kmz', 'KMZ'), ('gpkg', 'GeoPackage')], max_length=16, verbose_name='format')),
                ('layer', models.CharField(blank=True, max_length=255, verbose_name='layer')),
                ('source_crs', models.CharField(blank=True, max_length=64, verbose_name='source CRS')),
                ('target', models.CharField(choices=[('zones', 'Zones'), ('plots', 'Plots of a zone')], default='zones', max_length=8, verbose_name='target')),
                ('options', models.JSONField(blank=True, default=dict, verbose_name='options')),
                ('status', models.CharField(choices=[('previewed', 'Previewed'), ('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed'), ('cancelled', 'Cancelled'), ('refused', 'Refused')], db_index=True, default='previewed', max_length=16, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('read_count', models.PositiveIntegerField(default=0, verbose_name='features read')),
                ('created_count', models.PositiveIntegerField(default=0, verbose_name='created')),
                ('updated_count', models.PositiveIntegerField(default=0, verbose_name='updated')),
                ('repaired_count', models.PositiveIntegerField(default=0, verbose_name='repaired')),
                ('refused_count', models.PositiveIntegerField(default=0, verbose_name='refused')),
                ('warnings', models.JSONField(blank=True, default=list, verbose_name='warnings')),
                ('repaired', models.JSONField(blank=True, default=list, verbose_name='repairs')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('staging_dir', models.CharField(blank=True, editable=False, max_length=500)),
                ('task_id', models.CharField(blank=True, editable=False, max_length=64)),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='gis_imports', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('zone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='zones.zonepage', verbose_name='zone')),
            ],
            options={
                'verbose_name': 'GIS import',
                'verbose_name_plural': 'GIS imports',
                'db_table': 'maps_importrecord',
                'ordering': ['-created_at'],
            },
        )]),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
