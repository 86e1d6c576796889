"""The incentive policies of the public API: published policies in the language asked, what they grant as data
and who is eligible in words, paged with cursors, with conditional reads."""

import datetime
from decimal import Decimal
from urllib import parse

import pytest
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from api.problems import PROBLEM_TYPE
from portal import demo
from tests.factories import zone_index
from tests.factories_zones import incentive_index, make_zone, vi_locale
from zones.models import EligibilityCondition, EligibilityRule, IncentivePolicyPage, Sector

POLICIES = "/api/v1/policies/"


def _rule(reason_en: str, reason_vi: str, *conditions: tuple) -> EligibilityRule:
    """A rule with ``(group, field, operator, value[, negate])`` conditions."""
    made = EligibilityRule(reason_en=reason_en, reason_vi=reason_vi)
    made.conditions = [EligibilityCondition(group=c[0], field=c[1], operator=c[2], value=c[3],
                                            negate=len(c) > 4 and c[4]) for c in conditions]
    return made


def _policy(index, slug: str, title: str, rules: list, publish: bool = True, **fields) -> IncentivePolicyPage:
    page = IncentivePolicyPage(title=title, slug=slug, summary=fields.pop("summary", f"{title} summary"), **fields)
    page.rules = rules
    page.live = publish
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


CIT = {"title": "Corporate income tax", "cit_rate_pct": "10", "cit_rate_years": 15, "exemption_years": 4,
       "reduction_years": 9, "reduction_pct": "50", "import_duty_exemption": True, "other": "Also training aid"}


def _build():
    home = demo.ensure_home_pages(languages=("en", "vi"))
    index = incentive_index(home)
    make_zone(zone_index(home), "hoa-lu", "Hoa Lu Border Gate")
    Sector.objects.update_or_create(code="26", defaults={"level": "division", "name_vi": "Điện tử",
                                                         "name_en": "Electronics"})
    high_tech = _policy(
        index, "high-tech", "High-tech incentive", [
            _rule("High-tech projects", "Dự án công nghệ cao", (1, "high_tech", "eq", "true")),
            _rule("Electronics in a park, or at Hoa Lu", "Điện tử trong khu công nghiệp, hoặc ở Hoa Lư",
                  (1, "sector_code", "prefix", "26"), (1, "zone_kind", "in", "industrial_park"),
                  (2, "zone_code", "in", "hoa-lu"), (2, "difficult_area", "eq", "true", True)),
        ],
        document_number="31/2021/NĐ-CP", document_title="Decree on investment", article="Art. 15-16",
        effective_from=datetime.date(2021, 1, 1), items=[("incentive", CIT)], body="<p>Read <i>this</i></p>")
    vi_high_tech = high_tech.copy_for_translation(vi_locale(), copy_parents=True)
    vi_high_tech.title, vi_high_tech.summary = "Ưu đãi công nghệ cao", "Tóm tắt tiếng Việt"
    vi_high_tech.save_revision().publish()
    expired = _policy(index, "old-rent", "Old land rent incentive", [_rule("Everyone", "Mọi dự án")],
                      effective_from=datetime.date(2015, 1, 1), effective_to=datetime.date(2020, 12, 31))
    _policy(index, "draft-policy", "Draft incentive", [_rule("Everyone", "Mọi dự án")], publish=False)
    private = _policy(index, "private-policy", "Private incentive", [_rule("Everyone", "Mọi dự án")])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {"high_tech": high_tech, "vi_high_tech": vi_high_tech, "expired": expired}


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Two published policies (one translated into Vietnamese), a draft and a private one, built once for the
    module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def assert_problem(response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_TYPE and response.json()["status"] == status
    if field is not None:
        assert field in [error["field"] for error in response.json()["errors"]]


def test_the_list_shows_published_policies_with_their_items_and_rules_in_words(client, data):
    response = client.get(POLICIES)

    assert slugs(response) == ["high-tech", "old-rent"]  # by title; neither the draft nor the private one
    policy, old = response.json()["results"]
    assert policy["id"] == data["high_tech"].pk and policy["language"] == "en"
    assert policy["title"] == "High-tech incentive" and policy["summary"] == "High-tech incentive summary"
    assert (policy["document_number"], policy["document_title"], policy["article"]) == (
        "31/2021/NĐ-CP", "Decree on investment", "Art. 15-16")
    assert (policy["effective_from"], policy["effective_to"], policy["in_force"]) == ("2021-01-01", None, True)
    assert (old["effective_to"], old["in_force"]) == ("2020-12-31", False)
    assert policy["items"] == [{"type": "incentive", "title": "Corporate income tax", "cit_rate_pct": 10.0,
                                "cit_rate_years": 15, "exemption_years": 4, "reduction_years": 9,
                                "reduction_pct": 50.0, "import_duty_exemption": True,
                                "land_rent_exemption_years": None, "other": "Also training aid"}]
    high_tech, electronics = policy["rules"]
    assert high_tech == {"reason": "High-tech projects", "applies_when": "a high-tech project",
                         "groups": [["a high-tech project"]]}
    assert electronics["reason"] == "Electronics in a park, or at Hoa Lu"
    assert electronics["groups"] == [
        ["sector (VSIC) starting with 26 · Electronics", "located in a zone of kind: Industrial park"],
        ["located in one of the zones: Hoa Lu Border Gate",
         "located outside communes with difficult socio-economic conditions"]]
    assert electronics["applies_when"] == (
        "sector (VSIC) starting with 26 · Electronics and located in a zone of kind: Industrial park; or "
        "located in one of the zones: Hoa Lu Border Gate and located outside communes with difficult "
        "socio-economic conditions")
    assert old["rules"] == [{"reason": "Everyone", "applies_when": "applies to every project", "groups": []}]
    assert policy["url"] == "http://testserver/en/incentives/high-tech/"
    assert policy["links"] == {"api": "http://testserver/api/v1/policies/high-tech", "html": policy["url"]}
    assert "body_html" not in policy


def test_a_translated_policy_answers_in_vietnamese_by_parameter_and_by_header(client, data):
    by_parameter = client.get(POLICIES, {"lang": "vi"}).json()["results"]
    by_header = client.get(POLICIES, HTTP_ACCEPT_LANGUAGE="vi").json()["results"]

    assert by_parameter == by_header
    assert [row["title"] for row in by_parameter] == ["Old land rent incentive", "Ưu đãi công nghệ cao"]
    policy = by_parameter[1]
    assert policy["id"] == data["vi_high_tech"].pk and policy["language"] == "vi"
    assert policy["summary"] == "Tóm tắt tiếng Việt"
    assert [rule["reason"] for rule in policy["rules"]] == [
        "Dự án công nghệ cao", "Điện tử trong khu công nghiệp, hoặc ở Hoa Lư"]
    assert policy["rules"][1]["groups"][0] == [
        "ngành (VSIC) có mã bắt đầu bằng 26 · Điện tử", "nằm trong khu thuộc loại hình: Khu công nghiệp"]
    assert policy["url"] == "http://testserver/vi/incentives/high-tech/"
    assert by_parameter[0]["language"] == "en"


def test_one_policy_by_slug_or_by_the_id_of_any_of_its_pages(client, data):
    by_slug = client.get(f"{POLICIES}high-tech")
    assert by_slug.status_code == 200
    policy = by_slug.json()
    assert policy["body_html"] == "<p>Read <i>this</i></p>"
    assert policy["rules"] == client.get(POLICIES).json()["results"][0]["rules"]
    assert client.get(f"{POLICIES}{data['high_tech'].pk}").json() == policy
    # The id of the English page, asked in Vietnamese: the Vietnamese page.
    vietnamese = client.get(f"{POLICIES}{data['high_tech'].pk}", {"lang": "vi"}).json()
    assert vietnamese["id"] == data["vi_high_tech"].pk and vietnamese["title"] == "Ưu đãi công nghệ cao"
    assert client.get(f"{POLICIES}{data['vi_high_tech'].pk}").json()["id"] == data["high_tech"].pk


@pytest.mark.parametrize("slug_or_id", ["nothing", "draft-policy", "private-policy", "987654", "98765432109876543210",
                                        "high-tech%00", "%C2%B2"])  # ² is a digit to str.isdigit, not to int
def test_an_absent_draft_or_private_policy_is_a_404_problem(client, data, slug_or_id):
    assert_problem(client.get(f"{POLICIES}{slug_or_id}"), 404)


def test_the_policies_in_force_on_a_day(client, data):
    assert slugs(client.get(POLICIES, {"in_force_on": "2020-06-01"})) == ["old-rent"]
    assert slugs(client.get(POLICIES, {"in_force_on": "2024-06-01"})) == ["high-tech"]


@pytest.mark.parametrize("day", ["yesterday", "0", "1700000000", "20240601", "2024-W22-6", "2024-06-01T00:00:00",
                                 "2024-02-30"])
def test_a_day_not_written_as_a_date_is_a_problem_naming_it(client, data, day):
    assert_problem(client.get(POLICIES, {"in_force_on": day}), 400, "query.in_force_on")


def test_paging_reads_each_policy_once_both_ways(client, data):
    first = client.get(POLICIES, {"page_size": 1}).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert [row["slug"] for row in first["results"] + second["results"]] == ["high-tech", "old-rent"]
    assert first["previous"] is None and second["next"] is None and back == first
    assert_problem(client.get(POLICIES, {"cursor": "nope"}), 400, "query.cursor")
    cursor = parse.parse_qs(parse.urlsplit(first["next"]).query)["cursor"][0]
    assert_problem(client.get("/api/v1/zones/", {"cursor": cursor}), 400, "query.cursor")


def test_conditional_reads(client, data):
    response = client.get(POLICIES)
    published = IncentivePolicyPage.objects.filter(slug__in=["high-tech", "old-rent"]).aggregate(
        latest=Max("last_published_at"))["latest"]

    assert response["Last-Modified"] == http_date(published.timestamp())
    assert client.get(POLICIES, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    one = client.get(f"{POLICIES}old-rent")
    expired = IncentivePolicyPage.objects.get(pk=data["expired"].pk)
    assert one["Last-Modified"] == http_date(expired.last_published_at.timestamp())
    assert client.get(f"{POLICIES}old-rent", HTTP_IF_NONE_MATCH=one["ETag"]).status_code == 304


def _add_policies(index, start: int, count: int) -> None:
    for number in range(start, start + count):
        _policy(index, f"p-{number:02d}", f"Policy {number:02d}", [
            _rule("Big", "Lớn", (1, "capital_usd", "gte", "1000000"), (2, "sector_code", "prefix", "26")),
            _rule("Parks", "Khu", (1, "zone_code", "in", "hoa-lu"))], items=[("incentive", CIT)])


def _read(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(POLICIES, {"page_size": 50})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_the_list_runs_as_many_queries_for_twelve_policies_as_for_three(client, home_page):
    index = incentive_index(home_page)
    _add_policies(index, 0, 3)
    client.get(POLICIES)  # the first request fills the site and locale caches
    few_queries, few_rows = _read(client)
    _add_policies(index, 3, 9)

    queries, rows = _read(client)

    assert rows == few_rows + 9 and queries == few_queries


def test_a_rule_as_the_policy_page_shows_it(client, data):
    page = client.get(data["high_tech"].url).text
    api = client.get(f"{POLICIES}high-tech").json()
    for rule in api["rules"]:
        assert f"<li>{rule['reason']}</li>" in page
    assert Decimal(str(api["items"][0]["cit_rate_pct"])) == Decimal("10")
