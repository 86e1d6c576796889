"""The investment promotion team: a group that may enter the admin and work enquiries, leads and aftercare."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

TEAM = "Investment promotion team"
MODELS = ("enquiry", "lead", "leadactivity", "leadstagechange", "aftercareissue", "aftercareaccount",
          "answertemplate", "enquirytopic")


def team_name():
    return getattr(settings, "PROMOTION_TEAM_GROUP", TEAM)


def add_team(apps, schema_editor):
    config = apps.get_app_config("promotion")
    config.models_module = True  # create_permissions skips an app it believes has no models
    create_permissions(config, apps=apps, verbosity=0)
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    team, _created = Group.objects.get_or_create(name=team_name())
    team.permissions.add(
        *Permission.objects.filter(content_type__app_label="promotion", content_type__model__in=MODELS,
                                   codename__regex=r"^(view|add|change)_"),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))


def remove_team(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=team_name(), user__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("promotion", "0006_enquiry_ratings"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_team, remove_team)]
