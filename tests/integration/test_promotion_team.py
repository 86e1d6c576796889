"""The investment promotion team's group, made by a migration: its members enter the admin, find one
"Investor relations" menu and open the enquiries, leads and aftercare; others find neither."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LISTS = ["promotion_admin:queue", "promotion_leads:list", "promotion_leads:report", "promotion_aftercare:issues",
         "promotion_aftercare:accounts"]


def test_a_member_of_the_team_works_every_list_from_one_menu(client):
    member = UserFactory(username="team-member", is_staff=True)
    member.groups.add(Group.objects.get(name="Investment promotion team"))
    client.force_login(member)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Investor relations" in home and "The board" in home
    for name in LISTS:
        assert client.get(reverse(name)).status_code == 200, name


def test_a_staff_user_outside_the_team_finds_neither_menu_nor_lists(client):
    outsider = UserFactory(username="outsider", is_staff=True)
    outsider.groups.add(Group.objects.create(name="editors-only"))
    outsider.groups.get().permissions.add(*Group.objects.get(name="Investment promotion team").permissions.filter(
        content_type__app_label="wagtailadmin"))
    client.force_login(outsider)
    assert "Investor relations" not in client.get(reverse("wagtailadmin_home")).content.decode()
    for name in LISTS:
        assert client.get(reverse(name)).status_code == 302, name  # Wagtail's refusal: back to the dashboard
