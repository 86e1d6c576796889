"""On PostgreSQL the plots' GeoJSON becomes a ``text`` column (``maps.geometry.GeoJSONField``): stored as it is
sent, without ``json``'s parse of every geometry written. Elsewhere nothing changes."""

from django.db import migrations


def column_type(type_name: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE zones_plot ALTER COLUMN geometry TYPE {type_name} "
                                  f"USING geometry::{type_name}")
    return run


class Migration(migrations.Migration):
    dependencies = [("zones", "0018_plot_geometry_json")]

    operations = [migrations.RunPython(column_type("text"), column_type("json"))]
