"""What every API answer shares: ETag and Last-Modified with 304 answers, the language (Vary, ?lang=), rate
limits with Retry-After, CORS for the allowed origins on /api/v1/ and /ogc/, and private caching of private
answers."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils.http import http_date

from api import tokens
from api.throttles import AddressThrottle
from api.v1 import api
from licensing import services, workflow
from licensing.models import ApplicationStatus
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db
ORIGIN = "https://partner.example.org"


@pytest.fixture
def investor():
    """An investor with a received dossier and an API token."""
    load_catalogue()
    account, _company, project = investor_with_project("cg-investor")
    dossier = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    workflow.transition(dossier, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
    _token, key = tokens.create_token(account, "cg")
    return {"user": account, "auth": {"HTTP_AUTHORIZATION": f"Bearer {key}"}, "dossier": dossier}


def public_list_paths() -> list[str]:
    """The public operations of the schema that need no parameter in their path (lists and figures)."""
    schema = api.get_openapi_schema()
    return [f"/api/v1{path.removeprefix('/api/v1')}" for path, operations in schema["paths"].items()
            if "get" in operations and "{" not in path and not operations["get"].get("security")]


def test_etag_and_if_none_match_answer_304(client, investor):
    first = client.get("/api/v1/me/projects", **investor["auth"])
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/v1/me/projects", HTTP_IF_NONE_MATCH=first["ETag"], **investor["auth"])
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/me/projects", HTTP_IF_NONE_MATCH='"not-it"', **investor["auth"])
    assert other.status_code == 200


def test_the_schema_has_an_etag_too(client):
    first = client.get("/api/v1/schema/")
    assert first.status_code == 200 and first["ETag"]
    assert client.get("/api/v1/schema/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_if_modified_since_answers_304(client, investor):
    first = client.get("/api/v1/me/applications", **investor["auth"])
    modified = first["Last-Modified"]
    assert modified == http_date(investor["dossier"].updated_at.timestamp())
    assert client.get("/api/v1/me/applications", HTTP_IF_MODIFIED_SINCE=modified,
                      **investor["auth"]).status_code == 304
    assert client.get("/api/v1/me/applications", HTTP_IF_MODIFIED_SINCE=http_date(0),
                      **investor["auth"]).status_code == 200


def test_answers_vary_with_the_language(client, investor):
    for response in (client.get("/api/v1/schema/"), client.get("/api/v1/me/projects", **investor["auth"])):
        assert "Accept-Language" in response["Vary"]


def test_english_and_vietnamese_answers_differ(client, investor):
    english = client.get("/api/v1/me/applications?lang=en", **investor["auth"]).json()["results"][0]
    vietnamese = client.get("/api/v1/me/applications", HTTP_ACCEPT_LANGUAGE="vi", **investor["auth"])
    procedure = investor["dossier"].procedure
    assert english["procedure"]["name"] == procedure.name_en
    assert vietnamese.json()["results"][0]["procedure"]["name"] == procedure.name_vi != procedure.name_en
    assert vietnamese["Content-Language"] == "vi"


def test_an_unknown_language_is_a_400_problem_naming_it(client):
    response = client.get("/api/v1/me/projects?lang=xx")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == ["query.lang"]


def test_over_the_key_limit_a_429_problem_with_retry_after(client, investor):
    with override_settings(API_RATE_KEY="2/m"):
        statuses = [client.get("/api/v1/me/projects", **investor["auth"]).status_code for _ in range(3)]
        refused = client.get("/api/v1/me/projects", **investor["auth"])
    assert statuses == [200, 200, 429]
    assert refused.status_code == 429 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def test_over_the_address_limit_a_429_problem_with_retry_after(client):
    factory = RequestFactory()
    with override_settings(API_RATE_ADDRESS="2/m"):
        throttle = AddressThrottle()
        here = [throttle.allow_request(factory.get("/api/v1/", REMOTE_ADDR="10.0.0.1")) for _ in range(3)]
        elsewhere = throttle.allow_request(factory.get("/api/v1/", REMOTE_ADDR="10.0.0.2"))
        assert here == [True, True, False] and elsewhere is True
        # Every public operation of the schema, and the OGC API, count against the client's address.
        for path in [*public_list_paths(), "/ogc/collections/plots/items"]:
            statuses = [client.get(path, REMOTE_ADDR="10.0.0.9").status_code for _ in range(3)]
            assert statuses[-1] == 429, path
            refused = client.get(path, REMOTE_ADDR="10.0.0.9")
            assert refused["Content-Type"] == "application/problem+json" and int(refused["Retry-After"]) > 0
            cache.clear()


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/ogc/"])
def test_cors_for_allowed_origins_only(client, path):
    with override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN]):
        allowed = client.get(path, HTTP_ORIGIN=ORIGIN)
        other = client.get(path, HTTP_ORIGIN="https://elsewhere.example.com")
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in other


def test_cors_preflight_of_an_allowed_origin(client):
    with override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN]):
        preflight = client.options("/api/v1/me/projects", HTTP_ORIGIN=ORIGIN,
                                   HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                                   HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization")
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    assert "authorization" in preflight["Access-Control-Allow-Headers"].lower()


def test_private_answers_are_cache_control_private(client, investor):
    by_token = client.get("/api/v1/me/projects", **investor["auth"])
    assert "private" in by_token["Cache-Control"] and "public" not in by_token["Cache-Control"]
    assert "Authorization" in by_token["Vary"]
    client.force_login(investor["user"])
    by_session = client.get("/api/v1/me/projects")
    assert by_session.status_code == 200
    assert "private" in by_session["Cache-Control"] and "Cookie" in by_session["Vary"]
    client.logout()
    public = client.get("/api/v1/schema/")
    assert "public" in public["Cache-Control"] and "max-age" in public["Cache-Control"]
