"""Eligibility rules become rules of the shared engine (``core.rules``): the columns of a rule (zone kinds,
named zones, difficult area, sector prefixes, minimum capital, minimum employees, high tech) become one group
of conditions, its label becomes its reason in both languages (each language's label from the policy's
translation), and the policy revisions are rewritten the same way so that an editor opening a policy sees
its conditions. The general industrial-park policy of the demo gets "not in a difficult area": it and the
difficult-area policy exclude each other."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

#: The general policy that does not apply where the difficult-area policy does (the demo's slug).
EXCLUDES_DIFFICULT_AREA = {"industrial-park-incentives"}


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").replace(";", ",").replace(" ", ",").split(",") if item.strip()]


def conditions_of(rule: dict, slug: str) -> list[dict]:
    """The conditions of an old rule's columns (one group; every set column is one condition)."""
    rows = []
    if rule.get("zone_kinds"):
        rows.append(("zone_kind", "in", ",".join(rule["zone_kinds"]), False))
    if _split(rule.get("zone_codes")):
        rows.append(("zone_code", "in", ",".join(code.lower() for code in _split(rule["zone_codes"])), False))
    if rule.get("difficult_area"):
        rows.append(("difficult_area", "eq", "true", False))
    if _split(rule.get("sector_prefixes")):
        rows.append(("sector_code", "prefix", ",".join(code.upper() for code in _split(rule["sector_prefixes"])),
                     False))
    if rule.get("min_capital_usd") not in (None, ""):
        rows.append(("capital_usd", "gte", str(rule["min_capital_usd"]), False))
    if rule.get("min_employees") not in (None, ""):
        rows.append(("employees", "gte", str(rule["min_employees"]), False))
    if rule.get("high_tech"):
        rows.append(("high_tech", "eq", "true", False))
    if slug in EXCLUDES_DIFFICULT_AREA and not rule.get("difficult_area"):
        rows.append(("difficult_area", "eq", "true", True))
    return [{"group": 1, "field": field, "operator": op, "value": value, "negate": negate}
            for field, op, value, negate in rows]


def convert(apps, schema_editor):
    rule_model = apps.get_model("zones", "EligibilityRule")
    condition_model = apps.get_model("zones", "EligibilityCondition")
    policy_model = apps.get_model("zones", "IncentivePolicyPage")
    pages = {page.pk: page for page in policy_model.objects.select_related("locale")}
    # Labels by policy translation, language and position, to give each rule its reason in both languages.
    labels: dict = {}
    rules = list(rule_model.objects.order_by("policy_id", "sort_order", "pk"))
    for rule in rules:
        page = pages[rule.policy_id]
        labels.setdefault((page.translation_key, page.locale.language_code), []).append(rule.label)
    positions: dict = {}
    conditions = []
    for rule in rules:
        page = pages[rule.policy_id]
        position = positions[rule.policy_id] = positions.get(rule.policy_id, -1) + 1
        for language in ("vi", "en"):
            same = labels.get((page.translation_key, language), [])
            setattr(rule, f"reason_{language}", (same[position] if position < len(same) else rule.label)[:255])
        columns = {name: getattr(rule, name) for name in ("zone_kinds", "zone_codes", "difficult_area",
                                                          "sector_prefixes", "min_capital_usd", "min_employees",
                                                          "high_tech")}
        conditions += [condition_model(rule=rule, **row) for row in conditions_of(columns, page.slug)]
        rule.save(update_fields=["reason_vi", "reason_en"])
    condition_model.objects.bulk_create(conditions)
    convert_revisions(apps, pages, labels)


def convert_revisions(apps, pages, labels) -> None:
    """Rewrite the rules inside the policies' revisions (the editor and previews read those)."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type = content_type_model.objects.filter(app_label="zones", model="incentivepolicypage").first()
    if content_type is None:
        return
    for revision in revision_model.objects.filter(content_type=content_type):
        content = revision.content
        page = pages.get(int(revision.object_id))
        if not isinstance(content, dict) or page is None:
            continue
        new_rules = []
        for position, old in enumerate(content.get("rules", [])):
            if "conditions" in old:
                new_rules.append(old)
                continue
            new = {key: old[key] for key in ("pk", "sort_order", "policy") if key in old}
            for language in ("vi", "en"):
                same = labels.get((page.translation_key, language), [])
                new[f"reason_{language}"] = (same[position] if position < len(same) else old.get("label", ""))[:255]
            new["conditions"] = [{"pk": None, "rule": old.get("pk"), **row}
                                 for row in conditions_of(old, content.get("slug", page.slug))]
            new_rules.append(new)
        content["rules"] = new_rules
        revision.content = content
        revision.save(update_fields=["content"])


def restore(apps, schema_editor):
    """Back to the columns: each condition the columns can say sets its column, the label is the reason in
    the policy's language. Conditions they cannot say (other groups, other fields, "not" except the demo's
    difficult-area exclusion) are dropped; revisions are left as they are."""
    rule_model = apps.get_model("zones", "EligibilityRule")
    columns = {("zone_kind", "in"): "zone_kinds", ("zone_code", "in"): "zone_codes",
               ("difficult_area", "eq"): "difficult_area", ("sector_code", "prefix"): "sector_prefixes",
               ("capital_usd", "gte"): "min_capital_usd", ("employees", "gte"): "min_employees",
               ("high_tech", "eq"): "high_tech"}
    for rule in rule_model.objects.select_related("policy__locale").prefetch_related("conditions"):
        language = rule.policy.locale.language_code
        rule.label = (rule.reason_vi if language == "vi" else rule.reason_en) or rule.reason_en or rule.reason_vi
        for condition in rule.conditions.all():
            column = columns.get((condition.field, condition.operator))
            if column is None or condition.negate or condition.group != 1:
                continue
            value = condition.value
            if column == "zone_kinds":
                value = value.split(",")
            elif column in ("difficult_area", "high_tech"):
                value = value.lower() in ("true", "yes", "1", "có")
            elif column == "min_employees":
                value = int(value)
            setattr(rule, column, value)
        rule.save()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("zones", "0005_import_lifecycle"),
    ]

    operations = [
        migrations.AddField(
            model_name="eligibilityrule",
            name="reason_en",
            field=models.CharField(default="", max_length=255, verbose_name="why it applies (English)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="eligibilityrule",
            name="reason_vi",
            field=models.CharField(default="", max_length=255, verbose_name="why it applies (Vietnamese)"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="EligibilityCondition",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("group", models.PositiveSmallIntegerField(default=1, help_text="Same group: all must hold. Different groups: any.", verbose_name="group")),
                ("negate", models.BooleanField(default=False, help_text="The opposite of the condition holds.", verbose_name="not")),
                ("field", models.CharField(choices=[('foreign_ownership_pct', 'Foreign ownership (%)'), ('is_foreign_controlled', 'Foreign-controlled (more than 50% foreign)'), ('has_foreign_capital', 'Has foreign capital'), ('sector_code', 'Sector (VSIC code)'), ('capital_usd', 'Investment capital (USD)'), ('employees', 'Planned employees'), ('land_area_m2', 'Land area (m²)'), ('inside_zone', 'Inside a zone'), ('zone_kind', 'Kind of zone'), ('zone_code', 'Zone (code)'), ('difficult_area', 'Difficult area'), ('high_tech', 'High-tech project'), ('environmental_group', 'Environmental group'), ('needs_construction', 'Needs construction')], max_length=40, verbose_name='profile field')),
                ("operator", models.CharField(choices=[('eq', 'equals'), ('in', 'is one of'), ('prefix', 'starts with one of'), ('gt', 'greater than'), ('gte', 'at least'), ('lt', 'less than'), ('lte', 'at most')], max_length=12, verbose_name='operator')),
                ("value", models.CharField(blank=True, help_text="Comma-separated for 'one of' and sector prefixes; true/false for yes-no fields.", max_length=400, verbose_name='value')),
                ("rule", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="conditions", to="zones.eligibilityrule")),
            ],
            options={
                "verbose_name": "condition",
                "verbose_name_plural": "conditions",
                "ordering": ["group", "pk"],
                "abstract": False,
            },
        ),
        migrations.RunPython(convert, restore, elidable=False),
        # Defaults for the text columns, so that going back re-adds them to existing rows.
        *(migrations.AlterField(model_name="eligibilityrule", name=name,
                                field=models.CharField(blank=True, default="", max_length=length))
          for name, length in (("label", 200), ("zone_codes", 400), ("sector_prefixes", 400))),
        migrations.RemoveField(model_name="eligibilityrule", name="label"),
        migrations.RemoveField(model_name="eligibilityrule", name="zone_kinds"),
        migrations.RemoveField(model_name="eligibilityrule", name="zone_codes"),
        migrations.RemoveField(model_name="eligibilityrule", name="difficult_area"),
        migrations.RemoveField(model_name="eligibilityrule", name="sector_prefixes"),
        migrations.RemoveField(model_name="eligibilityrule", name="min_capital_usd"),
        migrations.RemoveField(model_name="eligibilityrule", name="min_employees"),
        migrations.RemoveField(model_name="eligibilityrule", name="high_tech"),
    ]
