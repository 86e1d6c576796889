"""An honest plan: an unanswered question never removes a procedure silently. Procedures that depend on it
"may apply", with the question and where to answer it; totals are ranges until it is answered; left-out
prerequisites say why; procedure names link to their pages and the online level to the online service."""

import html
import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from core.profile import ProjectProfileForm
from licensing import pathway, services
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db
START = date(2026, 1, 5)
#: The issue's investor: a foreign company in an industrial park, every question answered but the group.
ISSUE = {"submitted": "1", "foreign_ownership_pct": "100", "zone_kind": "industrial_park", "sector_code": "2610",
         "capital_usd": "20000000", "employees": "400", "land_area_m2": "30000", "difficult_area": "no",
         "high_tech": "no", "needs_construction": "yes", "environmental_group": ""}


@pytest.fixture
def demo_catalogue():
    load_catalogue()


def build(**changes):
    form = ProjectProfileForm({**ISSUE, **changes})
    assert form.is_valid(), form.errors
    return pathway.build(form.profile(), START)


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_an_unknown_group_gives_ranges_not_the_optimistic_figures(demo_catalogue):
    unknown = build()
    assert unknown.uncertain and set(unknown.questions) == {"environmental_group"}
    assert {s.code for s in unknown.may_apply} == {"MT-01", "MT-02", "MT-03", "MT-04"}
    best, worst = build(environmental_group="IV"), build(environmental_group="I")
    # Before, this profile got 5 procedures and the fees of group IV, with nothing said.
    assert (unknown.procedure_range.low, unknown.procedure_range.high) == (5, 7)
    assert unknown.working_days_range.low == best.working_days < unknown.working_days_range.high
    assert unknown.working_days_range.high == worst.working_days
    assert unknown.completion_range.low == best.completion and unknown.completion_range.high == worst.completion
    fees = unknown.fees_range["VND"]
    assert (fees.low, fees.high) == (Decimal("250000"), Decimal("100250000"))  # group I, not the sum of both
    # Each procedure that may apply says when, and which question decides it.
    ministry = next(step for step in unknown.steps if step.code == "MT-01")
    assert ministry.questions == ["environmental_group"] and "Group I" in ministry.conditions


def test_answering_the_group_collapses_the_range(demo_catalogue):
    group_two = build(environmental_group="II")
    assert not group_two.uncertain and group_two.procedure_range.exact and group_two.working_days_range.exact
    assert len(group_two.steps) == 7 and group_two.total_fees == {"VND": Decimal("50250000.00")}
    assert group_two.fees_range["VND"].exact and group_two.fees_range["VND"].low == Decimal("50250000")


def test_an_unknown_capital_keeps_the_policy_approval_as_may_apply(demo_catalogue):
    result = build(capital_usd="", environmental_group="II")
    policy = next(step for step in result.steps if step.code == "DT-02")
    assert policy.may_apply and policy.questions == ["capital_usd"]
    assert result.procedure_range.low == 7 and result.procedure_range.high == 8
    # Answered, it is left out of the plan, and the step that needed it says why.
    certificate = next(step for step in build(environmental_group="II").steps if step.code == "DT-03")
    assert [(item.code, item.why) for item in certificate.left_out] == [
        ("DT-02", "Not needed for your project: land below 500,000 m²; capital below 100,000,000 USD.")]


def test_an_unknown_location_never_drops_the_zone_procedures(demo_catalogue):
    result = build(zone_kind="", environmental_group="II")
    codes = {step.code: step for step in result.steps}
    assert {"DT-03", "DT-04", "XD-03", "XD-02"} <= set(codes)
    assert codes["DT-03"].may_apply and codes["DT-03"].questions == ["zone_kind"]
    # The certificate comes from the zone board or from the department, never from both.
    assert result.procedure_range.high < len(result.steps)


def test_the_plan_page_shows_the_range_the_questions_and_the_links(demo_catalogue, client):
    response = client.get(reverse("licensing:plan"), ISSUE)
    text = text_of(response)
    assert 'data-testid="procedures">5 to 7<' in text
    assert "This plan is not final yet" in text
    assert "Which environmental group is the project in (I to IV)?" in text
    assert 'href="#id_environmental_group"' in text
    questionnaire = reverse("licensing:environment")
    assert f'href="{questionnaire}?' in text and "foreign_ownership_pct=100" in text
    assert re.search(r'data-code="MT-01">.*?may apply', text)
    # Procedure names link to their pages, with the way back to this plan.
    assert f'href="{reverse("licensing:procedure", args=["DT-03"])}?back=/en/licensing/plan/%3F' in text
    # "Fully online" links to the online service.
    assert re.search(r'<a href="https://dichvucong.gov.vn/" rel="noopener" class="online-link">Fully online</a>',
                     text)
    assert "Prerequisite DT-02 left out:" in text and "capital below 100,000,000 USD" in text


def test_the_plan_page_with_the_group_answered_shows_one_figure(demo_catalogue, client):
    text = text_of(client.get(reverse("licensing:plan"), {**ISSUE, "environmental_group": "II"}))
    assert 'data-testid="procedures">7<' in text and "This plan is not final yet" not in text
    assert 'data-testid="fees">50,250,000 VND<' in text


def test_the_plan_in_vietnamese(demo_catalogue, client):
    with translation.override("vi"):
        url = reverse("licensing:plan")
    text = text_of(client.get(url, ISSUE))
    assert 'data-testid="procedures">từ 5 đến 7<' in text
    assert "Kế hoạch này chưa chắc chắn" in text and "có thể áp dụng" in text
    assert "Dự án thuộc nhóm môi trường nào (I đến IV)?" in text
    assert "Dự án của bạn không cần:" in text


def test_a_plan_with_open_questions_can_be_saved_and_read_back(demo_catalogue):
    user, _investor, project = investor_with_project("ranges-investor")
    result = build()
    saved = services.save_pathway(user, project, result)
    assert services.profile_from_saved(saved) == result.profile


def test_the_questionnaire_decides_and_returns_to_the_plan(demo_catalogue, client):
    from licensing.models import PollutingActivity
    from tests.factories_licensing import load_environmental_criteria

    load_environmental_criteria()
    paper = PollutingActivity.objects.get(sector_prefixes="1701")
    url = reverse("licensing:environment")
    first = text_of(client.get(url, {**ISSUE, "sector_code": "1701"}))
    assert f'<option value="{paper.pk}" selected>' in first  # suggested from the sector
    answers = {**ISSUE, "sector_code": "1701", "env-sector_code": "1701", "env-activity": paper.pk,
               "env-capacity": "20000", "env-site_area_ha": "3"}
    response = client.get(url, answers)
    text = text_of(response)
    assert 'data-group="II">Group II<' in text
    assert "medium capacity: 5,000 tonnes of product per year or more" in text
    assert "Decree 08/2022/NĐ-CP of 10/01/2022, Appendix IV" in text
    use = response.context["use_url"]
    expected = {**ISSUE, "sector_code": "1701", "environmental_group": "II", "submitted": "1"}
    assert use.startswith(reverse("licensing:plan") + "?") and use.endswith("#pathway-title")
    assert sorted(use.split("?", 1)[1].split("#")[0].split("&")) == sorted(urlencode(expected).split("&"))
    # Capacity is asked when the type needs it.
    missing = client.get(url, {**answers, "env-capacity": ""})
    assert missing.context["decision"] is None and "capacity" in missing.context["form"].errors
    # Vietnamese.
    with translation.override("vi"):
        url_vi = reverse("licensing:environment")
    text_vi = text_of(client.get(url_vi, answers))
    assert "Nhóm II" in text_vi and "Căn cứ quyết định:" in text_vi and "Phụ lục IV" in text_vi
