"""Small things a user notices: the language switcher keeps filters, a former unit says until when it
existed, forms start on a prompt rather than dashes, sign-in asks for the e-mail investors signed up with."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale

from licensing.forms import ApplicationForm, PerformanceFilterForm, SignInForm
from projects.countries import country_choices
from projects.models import Project
from tests.factories_licensing import investor_with_project, load_catalogue
from tests.factories_zones import make_zone, zone_index
from zones.forms import ZoneFilterForm
from zones.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_switching_language_keeps_the_zone_filters(client, home_page):
    index = zone_index(home_page)
    vi_index = index.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True)
    vi_index.save_revision().publish()
    html = client.get(index.url, {"kind": "industrial_park", "status": "operating"}).content.decode()
    switcher = html[html.index('class="language-switcher"'):]
    vi_link = re.search(r'<a href="([^"]+)" hreflang="vi"', switcher).group(1)
    assert vi_link == f"{vi_index.url}?kind=industrial_park&amp;status=operating"


def test_a_unit_that_no_longer_exists_says_until_when():
    old = AdministrativeUnit.objects.create(code="25999", level="commune", name_vi="Xã Lộc Thạnh",
                                            name_en="Loc Thanh commune", valid_to=datetime.date(2025, 6, 30))
    new = AdministrativeUnit.objects.create(code="75999", level="commune", name_vi="Xã Lộc Thạnh",
                                            name_en="Loc Thanh commune", valid_from=datetime.date(2025, 7, 1))
    assert str(old) == "Loc Thanh commune (until 30/06/2025)" and str(new) == "Loc Thanh commune"


def test_choices_start_on_a_prompt_and_sign_in_asks_for_the_e_mail():
    application = ApplicationForm(projects=Project.objects.none())
    assert application.fields["project"].empty_label == "Choose a project…"
    assert PerformanceFilterForm().fields["agency"].empty_label == "All agencies"
    assert SignInForm().fields["username"].label == "E-mail"


def test_sign_in_page_labels_the_e_mail(client, home_page):
    assert '<label for="id_username">E-mail' in client.get(reverse("licensing:signin")).content.decode()


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


def test_zone_filters_offer_only_kinds_and_statuses_some_zone_has(home_page, django_assert_num_queries):
    index = zone_index(home_page)
    make_zone(index, "minh-hung-iii", "Minh Hung III")  # an operating industrial park
    with django_assert_num_queries(0):  # filtering alone (the GeoJSON endpoint) never reads the choices
        form = ZoneFilterForm({"kind": "industrial_park"})
        assert form.is_valid()
    assert [value for value, _label in form.fields["kind"].widget.choices] == ["", "industrial_park"]
    assert [value for value, _label in form.fields["status"].widget.choices] == ["", "operating"]
    assert ZoneFilterForm({"kind": "high_tech_park"}).is_valid()  # an old link still answers (with no zone)


def test_countries_sort_as_vietnamese_readers_expect():
    names = [name for _code, name in country_choices("vi")]
    assert names.index("Ấn Độ") < names.index("Andorra") < names.index("Bỉ")  # Ấn among the A, not after Z
    assert names.index("Đan Mạch") < names.index("Dominica") < names.index("Đức") < names.index("Estonia")
