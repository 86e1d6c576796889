"""The admin menu offers the projects screens only to users those screens let in."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@agency.example", "pw-Officer-2026")
    group = Group.objects.create(name="Agency officers")
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    user.groups.add(group)
    client.force_login(user)
    return client


def test_an_officer_without_project_rights_sees_neither_item_nor_page(officer_client):
    menu = officer_client.get("/admin/").content.decode()
    assert "Capital changes" not in menu and "Import projects" not in menu
    assert officer_client.get(reverse("projects_import:upload")).status_code in {302, 403}


def test_an_administrator_sees_both(admin_client):
    menu = admin_client.get("/admin/").content.decode()
    assert "Capital changes" in menu and "Import projects" in menu
