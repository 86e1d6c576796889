"""Load the Korean, Japanese and Chinese names of the VSIC 2018 classification (zones/data/vsic2018_<suffix>.json)
into the sectors, keeping every other column as it is."""

from django.db import migrations


def load(apps, schema_editor):
    from zones.sectors import load_classification, read_classification

    rows = read_classification()
    if rows:
        load_classification(rows, model=apps.get_model("zones", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("zones", "0015_other_languages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
