"""Every public form, refused, ties its hints and errors to its fields: each id an input's aria-describedby names
is in the page, each refused field is aria-invalid and names its error, and the error summary atop the form
links to fields that exist."""

import lxml.html
import pytest
from django import forms
from django.urls import reverse

from tests.factories import zone_index
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db

CONTROLS = "//input[not(@type='hidden')] | //select | //textarea | //fieldset[@aria-describedby]"


def check_refused(html: str, refused: set[str]) -> lxml.html.HtmlElement:
    """Assert the accessibility of a refused form's page; ``refused`` are the names of fields it refused."""
    page = lxml.html.fromstring(html)
    ids = set(page.xpath("//@id"))
    for control in page.xpath(CONTROLS):
        for described_by in (control.get("aria-describedby") or "").split():
            assert described_by in ids, f"{control.get('name')} is described by a missing {described_by}"
    for name in refused:
        controls = page.xpath(f"//*[@name='{name}'][not(@type='hidden')]")
        assert controls, name
        for control in controls:
            assert control.get("aria-invalid") == "true", name
            own = control.get("aria-describedby") or ""
            group = control.xpath("ancestor::fieldset[@aria-describedby][1]/@aria-describedby")
            error_id = f"id_{name}_error"
            assert error_id in own.split() + " ".join(group).split(), name
            assert page.get_element_by_id(error_id).text_content().strip()
    summary = page.xpath("//*[@data-testid='error-summary']")
    assert len(summary) == 1 and summary[0].get("tabindex") == "-1"
    links = summary[0].xpath(".//a/@href")
    assert len(links) >= len(refused)
    for href in links:
        assert href.startswith("#") and href[1:] in ids, href
    linked = {page.get_element_by_id(href[1:]).get("name") for href in links}
    assert refused <= linked
    return page


def test_sign_in_sign_up_and_password_reset_refused(client, home_page):
    check_refused(client.post(reverse("licensing:signin"), {}).text, {"username", "password"})
    check_refused(client.post(reverse("licensing:signup"), {"email": "not-an-address"}).text, {"email"})
    check_refused(client.post(reverse("licensing:password_reset"), {"email": "nope"}).text, {"email"})


def test_track_plan_and_questionnaire_refused(client, home_page):
    load_catalogue()
    check_refused(client.post(reverse("licensing:track"), {}).text, {"dossier_code", "token"})
    check_refused(client.get(reverse("licensing:plan"), {"submitted": "1", "sector_code": "!!",
                                                          "capital_usd": "-5"}).text, {"sector_code", "capital_usd"})
    check_refused(client.get(reverse("licensing:environment"), {"env-site_area_ha": "-1"}).text,
                  {"env-site_area_ha"})


def test_investor_forms_refused(client, home_page):
    load_catalogue()
    client.force_login(investor_with_project("refused")[0])
    check_refused(client.post(reverse("licensing:project_new"), {"capital_usd": "-1"}).text, {"name", "capital_usd"})
    check_refused(client.post(reverse("licensing:application_new"), {}).text,
                  {"project", "procedure"})


def test_zone_pages_refused(client, home_page):
    index = zone_index(home_page)
    check_refused(client.get(index.url, {"min_available_ha": "-1", "max_price": "lots"}).text,
                  {"min_available_ha", "max_price"})
    check_refused(client.get(reverse("zones:incentive_finder"), {"submitted": "1", "capital_usd": "-1",
                                                                  "sector_code": "qqqqzzzz"}).text,
                  {"capital_usd", "sector_code"})
    check_refused(client.get(reverse("zones:sites"), {"submitted": "1", "power_mva": "-3"}).text, {"power_mva"})
    check_refused(client.post(reverse("zones:profile"), {"action": "save", "employees": "many"}).text,
                  {"employees"})


def test_search_and_enquiry_refused(client, home_page):
    check_refused(client.get(reverse("search:search"), {"q": "zone", "place": "nowhere", "max_price": "-1"}).text,
                  {"place", "max_price"})
    check_refused(client.post(reverse("promotion:ask"), {"email": "nope"}).text, {"message", "name", "email"})


def test_a_form_that_is_not_refused_has_no_summary_and_no_invalid_field(client, home_page):
    page = lxml.html.fromstring(client.get(reverse("licensing:signin")).text)
    assert not page.xpath("//*[@data-testid='error-summary'] | //*[@aria-invalid]")
    username = page.get_element_by_id("id_username")
    assert username.get("aria-describedby") is None


def test_a_refused_radio_group_is_described_on_its_fieldset_and_linked_from_the_summary():
    class Rating(forms.Form):
        score = forms.ChoiceField(label="Score", choices=[("5", "5"), ("1", "1")], widget=forms.RadioSelect,
                                  help_text="Five is best.")

    page = check_refused(f"<html><body><form>{Rating({})}</form></body></html>", {"score"})
    fieldset = page.xpath("//fieldset")[0]
    assert fieldset.xpath("legend")[0].text_content() == "Score"
    assert fieldset.get("aria-describedby") == "id_score_helptext id_score_error"
    assert page.xpath("//*[@data-testid='error-summary']//a/@href") == ["#id_score_0"]
