"""The public procedure pages: the index by agency and one procedure in force, in English and Vietnamese."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import catalogue as catalogue_module
from licensing.models import (
    Agency,
    LegalDocument,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    ProcedureStep,
)
from tests.factories_search import assert_hit_links_to

pytestmark = pytest.mark.django_db


def _procedure(code, name_en, name_vi, agency, **extra):
    return Procedure.objects.create(code=code, name_en=name_en, name_vi=name_vi, agency=agency,
                                    time_limit=extra.pop("time_limit", 15), effective_from=date(2021, 1, 1), **extra)


@pytest.fixture
def catalogue(home_page):
    board = Agency.objects.create(
        code="bql-test", name_en="Economic Zone Management Board", name_vi="Ban Quản lý Khu kinh tế",
        level="zone_board", one_stop_centre_vi="Bộ phận một cửa",
        one_stop_centre_en="Board one-stop desk", address="1 Tran Hung Dao", phone="0271 000 111",
        website="https://bql.example.org/")
    department = Agency.objects.create(code="so-test", name_en="Department of Finance", name_vi="Sở Tài chính",
                                       level="province")
    policy = _procedure("T-01", "Investment policy approval", "Chấp thuận chủ trương đầu tư", board)
    certificate = _procedure(
        "T-02", "Investment registration certificate", "Cấp Giấy chứng nhận đăng ký đầu tư", board,
        time_limit=12, time_unit="working", online_level="full", portal_url="https://dichvucong.gov.vn/p/T-02",
        result_en="The certificate", result_vi="Giấy chứng nhận")
    law = LegalDocument.objects.create(number="61/2020/QH14", title_en="Law on Investment", title_vi="Luật Đầu tư",
                                       effective_from=date(2021, 1, 1), url="https://vbpl.example.org/61")
    certificate.legal_basis.set([law])
    certificate.save()
    ProcedureFee.objects.create(procedure=certificate, amount=Decimal("1500000"), currency="VND",
                                note_en="Appraisal fee", note_vi="Phí thẩm định")
    ProcedureDocument.objects.create(procedure=certificate, sort_order=2, name_en="Company charter",
                                     name_vi="Điều lệ công ty", copies=2)
    ProcedureDocument.objects.create(procedure=certificate, sort_order=1, name_en="Application form",
                                     name_vi="Đơn đề nghị", original=True)
    ProcedureStep.objects.create(procedure=certificate, sort_order=2, name_en="Appraise the dossier",
                                 name_vi="Thẩm định hồ sơ", days=10)
    ProcedureStep.objects.create(procedure=certificate, sort_order=1, name_en="Receive the dossier",
                                 name_vi="Tiếp nhận hồ sơ", days=1)
    ProcedurePrerequisite.objects.create(procedure=certificate, requires=policy)
    expired = _procedure("T-09", "Old procedure", "Thủ tục cũ", department,
                         effective_to=timezone.localdate() - timedelta(days=1))
    tax = _procedure("T-03", "Tax code <script>alert(1)</script>", "Mã số thuế", department)
    return {"policy": policy, "certificate": certificate, "expired": expired, "tax": tax}


def test_procedure_page_in_english(client, catalogue):
    response = client.get(reverse("licensing:procedure", args=["T-02"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Investment registration certificate</h1>" in html
    assert "T-02" in html and "12 working days" in html and "Fully online" in html and "The certificate" in html
    assert "Economic Zone Management Board" in html and "Board one-stop desk" in html
    assert "Bộ phận một cửa" not in html
    assert "1 Tran Hung Dao" in html and "0271 000 111" in html and 'href="https://bql.example.org/"' in html
    assert "1,500,000 VND" in html and "Appraisal fee" in html
    assert html.index("Application form") < html.index("Company charter")
    assert html.index("Receive the dossier") < html.index("Appraise the dossier")
    assert f'href="{reverse("licensing:procedure", args=["T-01"])}">Investment policy approval</a>' in html
    assert 'href="https://vbpl.example.org/61"' in html and "Law on Investment" in html
    assert 'href="https://dichvucong.gov.vn/p/T-02"' in html


def test_procedure_page_in_vietnamese(client, catalogue):
    response = client.get("/vi/licensing/procedures/T-02/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cấp Giấy chứng nhận đăng ký đầu tư</h1>" in html
    assert "Ban Quản lý Khu kinh tế" in html and "Giấy chứng nhận" in html and "Phí thẩm định" in html
    assert "Bộ phận một cửa" in html and "Board one-stop desk" not in html
    assert "1.500.000 VND" in html and "Điều lệ công ty" in html and "Tiếp nhận hồ sơ" in html
    assert "Luật Đầu tư" in html and 'href="/vi/licensing/procedures/T-01/"' in html
    assert "ngày làm việc" in html and "Phí và lệ phí" in html


@pytest.mark.parametrize("code", ["NOPE", "T-09"])
def test_unknown_or_expired_procedure_is_404(client, catalogue, code):
    assert client.get(reverse("licensing:procedure", args=[code])).status_code == 404


def test_prerequisite_no_longer_in_force_is_not_linked(client, catalogue):
    ProcedurePrerequisite.objects.create(procedure=catalogue["certificate"], requires=catalogue["expired"])
    html = client.get(reverse("licensing:procedure", args=["T-02"])).content.decode()
    assert "Old procedure" in html and 'href="/en/licensing/procedures/T-09/"' not in html


def test_names_are_escaped(client, catalogue):
    html = client.get(reverse("licensing:procedure", args=["T-03"])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get(reverse("licensing:procedures")).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_index_groups_procedures_in_force_by_agency(client, catalogue):
    response = client.get(reverse("licensing:procedures"))
    assert response.status_code == 200
    html = response.content.decode()
    department, board = html.index("Department of Finance"), html.index("Economic Zone Management Board")
    assert department < html.index('href="/en/licensing/procedures/T-03/"') < board
    assert board < html.index('href="/en/licensing/procedures/T-02/"')
    assert "Old procedure" not in html
    html = client.get("/vi/licensing/procedures/").content.decode()
    assert "Sở Tài chính" in html and 'href="/vi/licensing/procedures/T-01/"' in html


def test_pages_read_a_bounded_number_of_queries(client, catalogue, django_assert_max_num_queries):
    for number in range(5):
        extra = _procedure(f"T-1{number}", f"Extra {number}", f"Thêm {number}", catalogue["policy"].agency)
        ProcedurePrerequisite.objects.create(procedure=catalogue["certificate"], requires=extra)
        ProcedureFee.objects.create(procedure=catalogue["certificate"], amount=Decimal("1000"))
    client.get(reverse("licensing:procedures"))  # the site's own per-process caches:
    catalogue_module.current()  # the procedure catalogue too, which the procedure page reads its rules from
    with django_assert_max_num_queries(12):
        assert client.get(reverse("licensing:procedure", args=["T-02"])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("licensing:procedures")).status_code == 200


@pytest.mark.parametrize(("language", "text"), [("en", "registration certificate"), ("vi", "giay chung nhan")])
def test_search_hit_links_to_the_procedure_page(client, catalogue, language, text):
    assert_hit_links_to(client, "procedure", text, language, f"/{language}/licensing/procedures/T-02/")
