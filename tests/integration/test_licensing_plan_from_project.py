"""The licensing plan started from one of the investor's projects is filled in from the project's record and
names its zone; someone else's project fills nothing in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import zone_index
from tests.factories_licensing import investor_with_project, load_catalogue
from tests.factories_zones import make_zone

pytestmark = pytest.mark.django_db


def test_plan_one_starts_from_the_investors_project_and_names_its_zone(client, home_page):
    load_catalogue()
    zone = make_zone(zone_index(home_page), "minh-hung-iii", "Minh Hung III")
    investor, _company, project = investor_with_project("plan-investor")
    Project.objects.filter(pk=project.pk).update(zone=zone, planned_employees=450, land_area_m2=Decimal("30000"))
    _other, _other_company, others = investor_with_project("plan-other")
    client.force_login(investor)
    my = client.get(reverse("licensing:my_projects")).content.decode()
    link = f'{reverse("licensing:plan")}?project={project.pk}'
    assert f'href="{link}"' in my

    form = client.get(link).context["form"]
    project.refresh_from_db()
    assert form.initial["foreign_ownership_pct"] == project.foreign_share_pct == Decimal("100")
    assert (form.initial["zone_id"], form.initial["zone_kind"]) == (zone.pk, zone.kind)
    assert (form.initial["employees"], form.initial["land_area_m2"]) == (450, Decimal("30000"))
    html = client.get(link).content.decode()
    assert "Filled in from plan-investor project: check" in html and "Location: Minh Hung III" in html

    # Someone else's project fills nothing in and names nothing.
    stranger = client.get(f'{reverse("licensing:plan")}?project={others.pk}')
    assert "zone_id" not in stranger.context["form"].initial and "plan-other" not in stranger.content.decode()
