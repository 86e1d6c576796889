"""The procedures and agencies resources: the versions in force as the public procedure pages show them, the
agencies' figures as the performance and service-quality pages compute them, languages, paging, problems and
conditional reads."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from licensing import calendar, quality, services
from licensing.models import Agency, Application, ApplicationStatus, DossierRating, LegalDocument, Procedure
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db
_codes = itertools.count(1)
API = "/api/v1"


@pytest.fixture
def catalogue(db):
    load_catalogue()


def closed(project, code: str, days: list[int], resolved_on: date, *, due_in: int = 10,
           status=ApplicationStatus.APPROVED) -> list[Application]:
    """Resolved dossiers of the version of ``code`` in force, one per entry of ``days`` (calendar days from
    receipt), due ``due_in`` days after receipt."""
    procedure = Procedure.objects.in_force(timezone.localdate()).get(code=code)
    dossiers = []
    for taken in days:
        received = resolved_on - timedelta(days=taken)
        dossier = Application(project=project, procedure=procedure, agency_id=procedure.agency_id, status=status,
                              dossier_code=f"API-{next(_codes):06d}", submitted_on=received, received_on=received,
                              resolved_on=resolved_on, due_date=received + timedelta(days=due_in))
        dossier.days_taken = dossier.clock_days(calendar.calendar())
        dossiers.append(dossier)
    return Application.objects.bulk_create(dossiers)


# --- procedures --------------------------------------------------------------------------------------------------
def test_the_list_is_the_public_pages_list_in_its_order(client, catalogue):
    body = client.get(f"{API}/procedures/", {"page_size": 100}).json()
    translation.activate("en")
    expected = [p.code for group in services.procedures_by_agency(timezone.localdate()) for p in group["procedures"]]
    assert [item["code"] for item in body["results"]] == expected
    enterprise = next(item for item in body["results"] if item["code"] == "DN-01")
    assert enterprise["agency"]["code"] == "so-tai-chinh"  # the version in force, not the one of 2021
    assert enterprise["agency"]["name"] == "Department of Finance"
    assert (enterprise["time_limit"], enterprise["time_unit"]) == (3, "working")
    assert enterprise["url"] == "http://testserver/en/licensing/procedures/DN-01/"
    assert body["next"] is None and body["previous"] is None


def test_filters_and_ordering(client, catalogue):
    by_agency = client.get(f"{API}/procedures/", {"agency": "so-xay-dung"}).json()["results"]
    assert by_agency and {item["agency"]["code"] for item in by_agency} == {"so-xay-dung"}
    central = client.get(f"{API}/procedures/", {"level": "central"}).json()["results"]
    assert central and {item["agency"]["level"] for item in central} == {"central"}
    found = client.get(f"{API}/procedures/", {"q": "giay phep moi truong", "lang": "vi"}).json()["results"]
    assert sorted(item["code"] for item in found) == ["MT-03", "MT-04"]
    codes = [item["code"] for item in client.get(f"{API}/procedures/", {"ordering": "-code"}).json()["results"]]
    assert codes == sorted(codes, reverse=True)
    times = [item["time_limit"] for item in
             client.get(f"{API}/procedures/", {"ordering": "time_limit"}).json()["results"]]
    assert times == sorted(times)


def test_an_agency_code_no_agency_has_gives_an_empty_list(client, catalogue):
    response = client.get(f"{API}/procedures/", {"agency": "nobody"})
    assert response.status_code == 200
    assert response.json() == {"next": None, "previous": None, "results": []}


def test_cursor_paging_reads_every_procedure_once(client, catalogue):
    seen, url, pages = [], f"{API}/procedures/?page_size=4&ordering=code", 0
    while url:
        body = client.get(url).json()
        seen += [item["code"] for item in body["results"]]
        url, pages = body["next"], pages + 1
    assert seen == sorted(Procedure.objects.in_force(timezone.localdate()).values_list("code", flat=True))
    assert pages == -(-len(seen) // 4)
    second = client.get(f"{API}/procedures/?page_size=4&ordering=code").json()["next"]
    back = client.get(client.get(second).json()["previous"]).json()
    assert [item["code"] for item in back["results"]] == seen[:4]


@pytest.mark.parametrize(("params", "field"), [
    ({"ordering": "fees"}, "query.ordering"), ({"agency": "x" * 41}, "query.agency"),
    ({"agency": "%(amount)s USD"}, "query.agency"),
    ({"level": "planet"}, "query.level"), ({"cursor": "%%%"}, "query.cursor"), ({"page_size": "x"}, "query.page_size"),
    ({"page_size": "0"}, "query.page_size"), ({"page_size": "101"}, "query.page_size"),
])
def test_bad_filters_are_problems_naming_the_field(client, catalogue, params, field):
    response = client.get(f"{API}/procedures/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_the_detail_is_what_the_public_page_shows(client, catalogue):
    in_force = Procedure.objects.in_force(timezone.localdate()).get(code="DN-01")
    in_force.legal_basis.set(LegalDocument.objects.filter(number__in=["59/2020/QH14", "01/2021/NĐ-CP"]))
    in_force.save()
    response = client.get(f"{API}/procedures/DN-01")
    page = client.get("/en/licensing/procedures/DN-01/")
    assert response.status_code == 200
    body = response.json()
    procedure = page.context["procedure"]
    assert body["agency"]["code"] == procedure.agency.code and body["effective_from"] == "2025-03-01"
    assert [(Decimal(fee["amount"]), fee["currency"], fee["note"]) for fee in body["fees"]] == [
        (fee.amount, fee.currency, fee.note_en) for fee in procedure.fees.all()]
    assert [doc["name"] for doc in body["documents"]] == [doc.name_en for doc in procedure.documents.all()]
    assert [doc["number"] for doc in body["legal_basis"]] == [doc.number for doc in procedure.legal_basis.all()]
    assert sorted(doc["number"] for doc in body["legal_basis"]) == ["01/2021/NĐ-CP", "59/2020/QH14"]
    assert [p["code"] for p in body["prerequisites"]] == [item["procedure"].code
                                                          for item in page.context["prerequisites"]]
    assert [(p["in_force"], p["always"]) for p in body["prerequisites"]] == [
        (item["in_force"], item["always"]) for item in page.context["prerequisites"]]
    assert [(w["reason"], w["conditions"]) for w in body["when"]] == [
        (str(r), str(c)) for r, c in page.context["when"]]
    assert [(v["effective_to"], v["in_force"]) for v in body["versions"]] == [
        ("2025-02-28", False), (None, True)]
    assert body["versions"][1]["effective_from"] == "2025-03-01"
    assert body["url"].endswith("/en/licensing/procedures/DN-01/") and "portal_url" in body


def test_a_version_scheduled_for_later_stays_out_until_its_day(client, catalogue):
    today = timezone.localdate()
    current = Procedure.objects.in_force(today).get(code="XD-02")
    Procedure.objects.filter(pk=current.pk).update(effective_to=today + timedelta(days=30))
    Procedure.objects.create(code="XD-02", name_vi="Cấp giấy phép xây dựng (mới)", name_en="Construction permit (new)",
                             agency=current.agency, time_limit=7, effective_from=today + timedelta(days=31))
    body = client.get(f"{API}/procedures/XD-02").json()
    assert body["time_limit"] == current.time_limit and body["name"] == "Construction permit"
    assert [v["effective_from"] for v in body["versions"]] == [str(current.effective_from)]


def test_languages_by_parameter_and_header(client, catalogue):
    vi = client.get(f"{API}/procedures/DN-01", {"lang": "vi"}).json()
    assert vi["name"] == "Đăng ký thành lập doanh nghiệp" and vi["agency"]["name"] == "Sở Tài chính"
    assert vi["url"] == "http://testserver/vi/licensing/procedures/DN-01/"
    assert vi["fees"][0]["note"] == "Lệ phí đăng ký (miễn khi nộp trực tuyến)"
    header = client.get(f"{API}/procedures/DN-01", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert header["name"] == vi["name"]
    assert client.get(f"{API}/procedures/DN-01").json()["name"] == "Enterprise registration"


def test_an_unknown_or_expired_procedure_is_a_404_problem(client, catalogue):
    Procedure.objects.filter(code="XD-03").update(effective_to=date(2020, 12, 31))
    for code in ("NOPE-1", "XD-03"):
        response = client.get(f"{API}/procedures/{code}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json" and response.json()["status"] == 404


def test_conditional_reads(client, catalogue):
    first = client.get(f"{API}/procedures/DN-01")
    assert first["ETag"] and first["Last-Modified"]
    # The version in force since 1 March 2025 is the latest change of its dates.
    assert first["Last-Modified"] == "Fri, 28 Feb 2025 17:00:00 GMT"
    again = client.get(f"{API}/procedures/DN-01", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    listed = client.get(f"{API}/procedures/")
    assert listed["Last-Modified"] and client.get(
        f"{API}/procedures/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304


def test_the_lists_run_as_many_queries_whatever_their_length(client, catalogue):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/{path}/", {"page_size": 100}).status_code == 200
        return len(queries)

    before = count("procedures"), count("agencies")
    for number in range(8):
        agency = Agency.objects.create(code=f"extra-{number}", name_vi=f"Cơ quan {number}", name_en=f"Body {number}",
                                       level="commune")
        Procedure.objects.create(code=f"EX-{number}", name_vi=f"Thủ tục {number}", name_en=f"Procedure {number}",
                                 agency=agency, time_limit=5, effective_from=date(2024, 1, 1))
    assert len(client.get(f"{API}/procedures/", {"page_size": 100}).json()["results"]) > 8
    assert (count("procedures"), count("agencies")) == before


# --- agencies ----------------------------------------------------------------------------------------------------
@pytest.fixture
def dossiers(catalogue):
    _account, _investor, project = investor_with_project("api-agency")
    resolved = timezone.localdate() - timedelta(days=20)
    made = closed(project, "DN-01", [2, 4, 6, 30], resolved)  # the last one late
    DossierRating.objects.create(application=made[0], score=4)
    DossierRating.objects.create(application=made[1], score=5)
    closed(project, "DT-03", [12], resolved)
    return project


def test_an_agencys_figures_are_the_public_pages(client, dossiers):
    body = client.get(f"{API}/agencies/so-tai-chinh").json()
    agency = Agency.objects.get(code="so-tai-chinh")
    translation.activate("en")
    row = services.performance("agency", agency_id=agency.pk)[0]
    assert {key: body["performance"][key] for key in ("received", "resolved", "on_time", "late", "on_time_rate",
                                                      "average_days")} == {
        key: row[key] for key in ("received", "resolved", "on_time", "late", "on_time_rate", "average_days")}
    assert body["performance"]["late"] == 1 and body["performance"]["on_time_rate"] == 75.0
    date_from, date_to = quality.default_period()
    expected = quality.processing_times(date_from, date_to, procedure_ids=Procedure.objects.filter(
        agency=agency).values_list("pk", flat=True))
    assert [(t["code"], t["closed"], t["median_days"], t["p90_days"], t["rating"]) for t in body["processing_times"]] \
        == [(t["code"], t["closed"], t["median_days"], t["p90_days"], t["rating"]) for t in expected]
    assert body["satisfaction"] == {"average": 4.5, "ratings": 2}
    assert body["quality_period"] == {"date_from": str(date_from), "date_to": str(date_to)}
    assert body["contacts"]["phone"] == agency.phone and body["contacts"]["email"] == agency.email
    assert [p["code"] for p in body["procedures"]] == ["DN-01"]
    assert [p["code"] for p in body["by_procedure"]] == ["DN-01"]


def test_an_agencys_period_filters_as_on_the_pages(client, dossiers):
    later = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = client.get(f"{API}/agencies/so-tai-chinh", {"date_from": later}).json()
    assert body["performance"]["received"] == 0 and body["performance_period"]["date_from"] == later
    for bad_date in ("2026-13-01", "0", "1767225600"):  # a date is YYYY-MM-DD, not a timestamp
        bad = client.get(f"{API}/agencies/so-tai-chinh", {"date_from": bad_date})
        assert bad.status_code == 400 and "query.date_from" in [e["field"] for e in bad.json()["errors"]]
    backwards = client.get(f"{API}/agencies/so-tai-chinh", {"date_from": "2026-03-01", "date_to": "2026-01-01"})
    assert backwards.status_code == 200  # read in order
    in_order = client.get(f"{API}/agencies/so-tai-chinh", {"date_from": "2026-01-01", "date_to": "2026-03-01"})
    assert backwards.json()["performance_period"] == {"date_from": "2026-01-01", "date_to": "2026-03-01"}
    assert backwards.json()["quality_period"] == in_order.json()["quality_period"] == {
        "date_from": "2026-01-01", "date_to": "2026-03-01"}


def test_the_agency_list_in_the_language_asked(client, dossiers):
    body = client.get(f"{API}/agencies/", {"lang": "vi", "page_size": 100}).json()
    names = [item["name"] for item in body["results"]]
    assert "Sở Tài chính" in names and len(names) == Agency.objects.count()
    finance = next(item for item in body["results"] if item["code"] == "so-tai-chinh")
    assert finance["performance"]["resolved"] == 4 and finance["satisfaction"]["ratings"] == 2
    ministry = next(item for item in body["results"] if item["code"] == "bo-nnmt")
    assert ministry["performance"]["received"] == 0 and ministry["satisfaction"] == {"average": None, "ratings": 0}
    header = client.get(f"{API}/agencies/", {"page_size": 100}, HTTP_ACCEPT_LANGUAGE="vi").json()
    assert [item["name"] for item in header["results"]] == names


def test_an_unknown_agency_is_a_404_problem_and_reads_are_conditional(client, dossiers):
    missing = client.get(f"{API}/agencies/nobody")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    for path in ("agencies/a%00b", "agencies/so%20tai", "procedures/a%00b"):  # not a code: a 400 problem
        refused = client.get(f"{API}/{path}")
        assert refused.status_code == 400 and [e["field"] for e in refused.json()["errors"]] == ["path.code"]
    first = client.get(f"{API}/agencies/so-tai-chinh")
    assert first["Last-Modified"]
    assert client.get(f"{API}/agencies/so-tai-chinh", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
