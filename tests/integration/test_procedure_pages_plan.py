"""Procedure pages that match the plan: when the procedure applies (its rules in words), when each
prerequisite may be skipped, the agency's address, telephone, e-mail and hours, the online service, and a
way back into the visitor's plan (only to this site's plan page)."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from licensing.models import Procedure
from licensing.views.procedures import plan_back_url
from tests.factories_licensing import load_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_catalogue():
    load_catalogue()


def page(client, code, **params):
    response = client.get(reverse("licensing:procedure", args=[code]), params)
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_a_procedure_says_when_it_applies_and_when_its_prerequisites_are_skipped(demo_catalogue, client):
    text = page(client, "DT-03")
    assert "When it applies" in text
    assert "more than 50% foreign-owned and located in a zone" in text
    assert re.search(r'data-code="DT-02">.*?Needed only when: located in a zone and land of at least 500,000 m²; '
                     r"or located in a zone and capital of at least 100,000,000 USD", text)
    assert "applies to every project" in page(client, "DN-01")


def test_the_agency_contacts_and_the_online_service(demo_catalogue, client):
    text = page(client, "DT-03")
    agency = Procedure.objects.get(code="DT-03").agency
    assert agency.address and "illustrative" in agency.address and agency.address in text
    assert f'href="tel:{agency.phone.replace(" ", "")}"' in text and f'href="mailto:{agency.email}"' in text
    assert "Monday to Friday" in text and "illustrative hours" in text
    assert '<dd data-testid="online"><a href="https://dichvucong.gov.vn/" rel="noopener">Fully online</a></dd>' in text
    with translation.override("vi"):
        text_vi = page(client, "DT-03")
    assert "Giờ làm việc" in text_vi and "Thứ Hai đến Thứ Sáu" in text_vi and "Khi nào áp dụng" in text_vi
    assert "Chỉ cần khi:" in text_vi


def test_the_way_back_into_the_plan(demo_catalogue, client):
    plan = reverse("licensing:plan")
    back = f"{plan}?submitted=1&foreign_ownership_pct=100&zone_kind=industrial_park"
    text = page(client, "DT-03", back=back)
    assert f'<a href="{html.unescape(back)}" data-testid="back-to-plan">Back to my plan</a>' in text
    # Prerequisite links keep it.
    assert "DT-02/?back=/en/licensing/plan/%3Fsubmitted%3D1" in text
    for hostile in ("https://evil.example/en/licensing/plan/", "//evil.example/en/licensing/plan/",
                    "/en/admin/", "javascript:alert(1)", "/\\evil.example/"):
        assert "back-to-plan" not in page(client, "DT-03", back=hostile), hostile


def test_the_back_address_is_rebuilt_on_the_plan_page_of_the_active_language():
    assert plan_back_url("/vi/licensing/plan/?submitted=1") == "/en/licensing/plan/?submitted=1"
    assert plan_back_url("/en/licensing/plan/") == "/en/licensing/plan/"
    assert plan_back_url("/en/licensing/track/") is None
