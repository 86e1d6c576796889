"""The statistics resource: the investment dashboard's figures for the same periods and filters, in the
language asked, problems naming the field for bad filters, conditional reads and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from projects import dashboard, statistics
from projects.models import ProjectStatusChange
from projects.services import Share
from tests.factories_projects import investor, make_sectors, project

pytestmark = pytest.mark.django_db
URL = "/api/v1/statistics/"


@pytest.fixture
def registry(db):
    sectors = make_sectors()
    project("S-001", sector=sectors["2610"], registered_on=datetime.date(2021, 3, 1), capital=Decimal("2000000"))
    project("S-002", sector=sectors["10"], registered_on=datetime.date(2022, 6, 1), capital=Decimal("5000000"),
            shares=[Share(investor("Nippon Co.", "JP"), Decimal("100"))])
    project("S-003", kind="domestic", currency="VND", capital=Decimal("90000000000"), rate=Decimal("1"),
            registered_on=datetime.date(2022, 8, 1), shares=[Share(investor("Cong ty A", "VN"), Decimal("100"))])
    return sectors


def dashboard_figures(query: dict, language: str = "en") -> dict:
    from django.http import QueryDict
    from django.utils import translation

    with translation.override(language):
        form = dashboard.filter_form(QueryDict(mutable=True) if not query else _query(query), language)
        period, filters = dashboard.period_and_filters(form)
        return dashboard.dashboard_data(period, filters, language), period, filters


def _query(params: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(params)
    return query


def test_the_figures_are_the_dashboards(client, registry):
    body = client.get(URL).json()
    shown, period, filters = dashboard_figures({})
    assert body["period"]["unit"] == "term" and body["period"]["start"] == str(period.start)
    assert body["figures"]["projects"] == shown["figures"]["projects"] == 3
    assert body["figures"]["fdi_projects"] == 2 and body["figures"]["domestic_projects"] == 1
    assert Decimal(body["figures"]["fdi_registered_usd"]) == shown["figures"]["fdi_registered_usd"]
    assert Decimal(body["figures"]["total_usd"]) == shown["figures"]["total_usd"]
    assert body["cumulative_fdi"]["projects"] == shown["cumulative"]["projects"] == 2
    assert [(row["key"], row["projects"], Decimal(row["capital_usd"])) for row in body["by_country"]] == [
        (row["key"], row["projects"], row["capital_usd"]) for row in shown["by_country"]]
    assert [row["key"] for row in body["by_sector"]] == [row["key"] for row in shown["by_sector"]] == ["10", "26"]
    series = statistics.series(period, filters)
    assert [(point["bucket"], point["fdi_projects"]) for point in body["series"]] == [
        (point["bucket"], point["fdi_projects"]) for point in series]
    assert [row["code"] for row in body["projects"]] == [row["code"] for row in shown["rows"]]
    assert body["projects"][0]["url"].startswith("http://testserver/en/projects/")


def test_filters_and_periods_as_on_the_dashboard(client, registry):
    query = {"period": "year", "year": "2022", "kind": "fdi", "country": "JP"}
    body = client.get(URL, query).json()
    shown, period, _filters = dashboard_figures(query)
    assert body["period"] == {"start": "2022-01-01", "end": "2022-12-31", "unit": "year", "label": "2022"}
    # The registry runs to 1 August 2022: the year so far is compared with the same span of 2021.
    assert (body["previous_period"]["start"], body["previous_period"]["end"]) == ("2021-01-01", "2021-08-01")
    assert body["as_of"] == "2022-08-01"
    assert body["filters"]["country"] == "JP" and body["filters"]["kind"] == "fdi"
    assert body["figures"]["projects"] == shown["figures"]["projects"] == 1
    assert [row["code"] for row in body["projects"]] == ["S-002"]
    custom = client.get(URL, {"period": "custom", "start": "2021-01-01", "end": "2021-12-31"}).json()
    assert custom["figures"]["projects"] == 1 and custom["period"]["unit"] == "custom"


def test_names_in_the_language_asked(client, registry):
    vi = client.get(URL, {"lang": "vi"}).json()
    shown, _period, _filters = dashboard_figures({}, "vi")
    assert [row["name"] for row in vi["by_country"]] == [row["name"] for row in shown["by_country"]]
    assert "Nhật Bản" in [row["name"] for row in vi["by_country"]]
    assert vi["projects"][0]["url"].startswith("http://testserver/vi/")
    header = client.get(URL, HTTP_ACCEPT_LANGUAGE="vi").json()
    assert [row["name"] for row in header["by_country"]] == [row["name"] for row in vi["by_country"]]
    assert "Japan" in [row["name"] for row in client.get(URL).json()["by_country"]]


def test_codes_nothing_has_give_empty_figures(client, registry):
    for query in ({"country": "XX"}, {"zone": "nowhere"}, {"sector": "99"}, {"commune": "999999"}):
        response = client.get(URL, {"period": "year", "year": "2022", **query})
        assert response.status_code == 200, query
        body = response.json()
        assert body["figures"]["projects"] == 0 and body["projects"] == [] and body["by_country"] == [], query
    assert client.get(URL, {"period": "year", "year": "2022"}).json()["figures"]["projects"] > 0


def test_a_custom_period_in_order_within_the_dashboards_years_and_without_both_ends_the_term(client, registry):
    backwards = client.get(URL, {"period": "custom", "start": "2021-12-31", "end": "2021-01-01"}).json()
    assert (backwards["period"]["start"], backwards["period"]["end"]) == ("2021-01-01", "2021-12-31")
    assert backwards["figures"]["projects"] == 1
    wide = client.get(URL, {"period": "custom", "start": "0001-01-01", "end": "9999-12-31"}).json()
    assert (wide["period"]["start"], wide["period"]["end"]) == ("1990-01-01", "2100-12-31")
    assert wide["figures"]["projects"] == client.get(URL, {"period": "custom", "start": "1990-01-01",
                                                           "end": "2100-12-31"}).json()["figures"]["projects"] > 0
    for query in ({"start": "2021-01-01"}, {"end": "2021-12-31"}, {}):
        response = client.get(URL, {"period": "custom", **query})
        assert response.status_code == 200 and response.json()["period"]["unit"] == "term", query


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "decade"}, "query.period"), ({"year": "1800"}, "query.year"), ({"kind": "alien"}, "query.kind"),
    ({"country": "XYZ"}, "query.country"), ({"zone": "z" * 41}, "query.zone"), ({"start": "2021-02-31"}, "query.start"),
    ({"start": "0"}, "query.start"), ({"number": "13"}, "query.number"), ({"sector": "2"}, "query.sector"),
    ({"commune": "0"}, "query.commune"), ({"zone": "a b"}, "query.zone"), ({"year": "abc"}, "query.year"),
])
def test_bad_filters_are_problems_naming_the_field(client, registry, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_conditional_reads(client, registry):
    first = client.get(URL)
    recorded = ProjectStatusChange.objects.aggregate(at=Max("created_at"))["at"]  # the last registration recorded
    assert first["ETag"] and first["Last-Modified"] == http_date(recorded.timestamp())
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    ProjectStatusChange.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert client.get(URL)["Last-Modified"] == "Sun, 31 Jul 2022 17:00:00 GMT"  # the last capital change's day
    older = client.get(URL, HTTP_IF_MODIFIED_SINCE="Sat, 30 Jul 2022 17:00:00 GMT")
    assert older.status_code == 200


def test_the_query_count_does_not_grow_with_the_registry(client, registry):
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for number in range(5, 15):
        project(f"S-{number:03d}", registered_on=datetime.date(2023, 1, number))
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)
