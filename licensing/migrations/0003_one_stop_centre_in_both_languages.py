# The one-stop centre was Vietnamese only: it becomes one_stop_centre_vi (its text kept) beside an English one.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('licensing', '0002_webhookevent_application_applicationattachment_and_more'),
    ]

    operations = [
        migrations.RenameField(model_name='agency', old_name='one_stop_centre', new_name='one_stop_centre_vi'),
        migrations.AlterField(
            model_name='agency',
            name='one_stop_centre_vi',
            field=models.CharField(blank=True, help_text='Where dossiers for this agency are lodged.', max_length=255, verbose_name='one-stop centre (Vietnamese)'),
        ),
        migrations.AddField(
            model_name='agency',
            name='one_stop_centre_en',
            field=models.CharField(blank=True, max_length=255, verbose_name='one-stop centre (English)'),
        ),
    ]
