"""Load the VSIC 2018 classification shipped in zones/data/vsic2018.json: every sector is inserted or updated
by code, parents first, existing rows (and what points at them) kept. Reload it after the file changes with
``manage.py load_vsic``."""

from django.db import migrations


def load(apps, schema_editor):
    from zones.sectors import load_classification, read_classification

    rows = read_classification()
    if rows:
        load_classification(rows, model=apps.get_model("zones", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("zones", "0007_sector_keywords_saved_profile")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
