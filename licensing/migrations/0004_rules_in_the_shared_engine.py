"""Applicability rules become rules of the shared engine (``core.rules``): a condition gets "not" (negate),
and the negative operators become their positive one with "not": differs from -> not equals, is none of ->
not one of, starts with none of -> not starts with one of. No rule or condition is dropped."""

from django.db import migrations, models

POSITIVE = {"ne": "eq", "not_in": "in", "not_prefix": "prefix"}


def negate_operators(apps, schema_editor):
    condition_model = apps.get_model("licensing", "RuleCondition")
    for negative, positive in POSITIVE.items():
        condition_model.objects.filter(operator=negative).update(operator=positive, negate=True)


def restore_operators(apps, schema_editor):
    condition_model = apps.get_model("licensing", "RuleCondition")
    for negative, positive in POSITIVE.items():
        condition_model.objects.filter(operator=positive, negate=True).update(operator=negative, negate=False)


class Migration(migrations.Migration):

    dependencies = [
        ('licensing', '0003_one_stop_centre_in_both_languages'),
    ]

    operations = [
        migrations.AddField(
            model_name='rulecondition',
            name='negate',
            field=models.BooleanField(default=False, help_text='The opposite of the condition holds.', verbose_name='not'),
        ),
        migrations.RunPython(negate_operators, restore_operators),
        migrations.AlterField(
            model_name='rulecondition',
            name='field',
            field=models.CharField(choices=[('foreign_ownership_pct', 'Foreign ownership (%)'), ('is_foreign_controlled', 'Foreign-controlled (more than 50% foreign)'), ('has_foreign_capital', 'Has foreign capital'), ('sector_code', 'Sector (VSIC code)'), ('capital_usd', 'Investment capital (USD)'), ('employees', 'Planned employees'), ('land_area_m2', 'Land area (m²)'), ('inside_zone', 'Inside a zone'), ('zone_kind', 'Kind of zone'), ('zone_code', 'Zone (code)'), ('difficult_area', 'Difficult area'), ('high_tech', 'High-tech project'), ('environmental_group', 'Environmental group'), ('needs_construction', 'Needs construction')], max_length=40, verbose_name='profile field'),
        ),
        migrations.AlterField(
            model_name='rulecondition',
            name='operator',
            field=models.CharField(choices=[('eq', 'equals'), ('in', 'is one of'), ('prefix', 'starts with one of'), ('gt', 'greater than'), ('gte', 'at least'), ('lt', 'less than'), ('lte', 'at most')], max_length=12, verbose_name='operator'),
        ),
        migrations.AlterField(
            model_name='rulecondition',
            name='value',
            field=models.CharField(blank=True, help_text="Comma-separated for 'one of' and sector prefixes; true/false for yes-no fields.", max_length=400, verbose_name='value'),
        ),
    ]
