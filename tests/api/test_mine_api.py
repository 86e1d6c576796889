"""The investor's own data through the API (/api/v1/me/): their projects, applications with timeline and due
dates in working days, and enquiries; by token or session; nobody else's."""

from datetime import date, timedelta
from urllib import parse

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.http import http_date

from api import tokens
from licensing import services, workflow
from licensing.calendar import working_days_between
from licensing.models import ApplicationStatus
from projects.models import InvestorMembership
from tests.factories_licensing import investor_with_project, load_catalogue
from tests.factories_promotion import enquiry, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two investors, each with a project and a dossier; A's dossier was received and sent back."""
    load_catalogue()
    alice, _a, alice_project = investor_with_project("me-alice", project_code="ME-A")
    bob, _b, bob_project = investor_with_project("me-bob", project_code="ME-B")
    dossier = services.record_application(alice, alice_project, "DN-01", date(2026, 3, 2))
    workflow.transition(dossier, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(dossier, ApplicationStatus.SENT_BACK, None, "Add the lease contract.", on=date(2026, 3, 4))
    bob_dossier = services.record_application(bob, bob_project, "DN-01", date(2026, 3, 3))
    _token, alice_key = tokens.create_token(alice, "ERP")
    _token, bob_key = tokens.create_token(bob, "ERP")
    dossier.refresh_from_db()
    return {"alice": alice, "bob": bob, "dossier": dossier, "bob_dossier": bob_dossier,
            "alice_key": alice_key, "bob_key": bob_key, "alice_project": alice_project}


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_my_projects_are_only_mine(client, world):
    response = client.get("/api/v1/me/projects", **bearer(world["alice_key"]))
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()["results"]]
    assert codes == ["ME-A"]
    row = response.json()["results"][0]
    assert row["open_applications"] == 1 and row["finished_applications"] == 0
    assert row["name"] == "me-alice project"


def test_my_project_detail_and_anothers_is_404(client, world):
    mine = client.get("/api/v1/me/projects/ME-A", **bearer(world["alice_key"]))
    assert mine.status_code == 200
    assert mine.json()["code"] == "ME-A" and mine.json()["progress"] == []
    theirs = client.get("/api/v1/me/projects/ME-B", **bearer(world["alice_key"]))
    assert theirs.status_code == 404
    assert theirs["Content-Type"] == "application/problem+json"
    assert theirs.json()["status"] == 404


def test_my_applications_with_deadline_in_working_days(client, world):
    response = client.get("/api/v1/me/applications", **bearer(world["alice_key"]))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["dossier_code"] for row in rows] == [world["dossier"].dossier_code]
    row = rows[0]
    dossier = world["dossier"]
    assert row["status"] == "sent_back" and row["procedure"]["code"] == "DN-01"
    assert row["deadline"]["due_date"] == dossier.due_date.isoformat()
    # Sent back on 4 March: the clock is paused, the working days left frozen at that day.
    assert row["deadline"]["paused"] is True
    assert row["deadline"]["days_left"] == working_days_between(date(2026, 3, 4), dossier.due_date)


def test_application_detail_has_the_timeline_and_anothers_is_404(client, world):
    dossier = world["dossier"]
    response = client.get(f"/api/v1/me/applications/{dossier.pk}", **bearer(world["alice_key"]))
    assert response.status_code == 200
    timeline = response.json()["timeline"]
    assert [(row["from_status"], row["to_status"]) for row in timeline] == [
        ("submitted", "received"), ("received", "sent_back")]
    assert timeline[1]["note"] == "Add the lease contract." and timeline[1]["gives_reasons"] is True
    other = client.get(f"/api/v1/me/applications/{world['bob_dossier'].pk}", **bearer(world["alice_key"]))
    assert other.status_code == 404 and other.json()["status"] == 404


def test_applications_filter_by_state_and_project(client, world):
    finished = client.get("/api/v1/me/applications?state=finished", **bearer(world["alice_key"]))
    assert finished.json()["results"] == []
    still_open = client.get("/api/v1/me/applications?state=open&project=ME-A", **bearer(world["alice_key"]))
    assert [row["dossier_code"] for row in still_open.json()["results"]] == [world["dossier"].dossier_code]
    for project in ("ME-B", "nothing", "ME-A\x00"):  # another's, none, none a database could keep
        other_project = client.get("/api/v1/me/applications", {"project": project}, **bearer(world["alice_key"]))
        assert other_project.status_code == 200 and other_project.json()["results"] == []


@pytest.mark.parametrize(("query", "field"), [
    ("state=closed", "query.state"), ("page_size=0", "query.page_size"), ("page_size=101", "query.page_size")])
def test_invalid_parameters_are_problems_naming_them(client, world, query, field):
    response = client.get(f"/api/v1/me/applications?{query}", **bearer(world["alice_key"]))
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_project_code_no_database_keeps_is_404(client, world):
    assert client.get("/api/v1/me/projects/ME-A%00", **bearer(world["alice_key"])).status_code == 404


def test_my_enquiries_with_their_due_dates(client, world):
    subject = topic(days=3)
    received = timezone.now()
    mine = enquiry(subject, user=world["alice"], received_at=received)
    enquiry(subject, user=world["bob"], message="Bob's question")
    response = client.get("/api/v1/me/enquiries", **bearer(world["alice_key"]))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["reference"] for row in rows] == [mine.reference]
    assert rows[0]["due_on"] == mine.due_on.isoformat()
    assert rows[0]["days_left"] == working_days_between(timezone.localdate(), mine.due_on)
    assert rows[0]["overdue"] is False and rows[0]["topic"] == "Site and land"


def test_the_signed_in_session_reads_the_same(client, world):
    client.force_login(world["bob"])
    response = client.get("/api/v1/me/projects")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["ME-B"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/api/v1/me/projects", "/api/v1/me/applications", "/api/v1/me/enquiries"])
def test_without_a_key_401_problem(client, world, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_expired_and_unknown_keys_are_refused(client, world):
    token, key = tokens.create_token(world["alice"], "old", expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me/projects", **bearer(key)).status_code == 401
    token, key = tokens.create_token(world["alice"], "revoked")
    assert client.get("/api/v1/me/projects", **bearer(key)).status_code == 200
    tokens.revoke(world["alice"], token.pk)
    assert client.get("/api/v1/me/projects", **bearer(key)).status_code == 401
    assert client.get("/api/v1/me/projects", **bearer(key + "x")).status_code == 401
    world["alice"].is_active = False
    world["alice"].save()
    assert client.get("/api/v1/me/projects", **bearer(world["alice_key"])).status_code == 401


def test_cursor_paging_walks_every_application_both_ways(client, world):
    alice = world["alice"]
    for day in (5, 6, 9):
        services.record_application(alice, world["alice_project"], "DN-01", date(2026, 3, day), another=True)
    pages, url = [], "/api/v1/me/applications?page_size=2"
    while url:
        page = client.get(url, **bearer(world["alice_key"])).json()
        pages.append([row["submitted_on"] for row in page["results"]])
        url = page["next"]
    assert pages == [["2026-03-09", "2026-03-06"], ["2026-03-05", "2026-03-02"]]
    assert page["previous"] is not None
    back = client.get(page["previous"], **bearer(world["alice_key"])).json()
    assert [row["submitted_on"] for row in back["results"]] == pages[0] and back["previous"] is None


def test_projects_and_enquiries_are_paged_the_same_way(client, world):
    _user, investor, _project = investor_with_project("me-alice-2", project_code="ME-A2")
    InvestorMembership.objects.create(investor=investor, user=world["alice"])
    subject = topic(days=3)
    first, second = (enquiry(subject, user=world["alice"], received_at=timezone.now() - timedelta(hours=hours))
                     for hours in (2, 1))
    projects = client.get("/api/v1/me/projects?page_size=1", **bearer(world["alice_key"])).json()
    assert [row["code"] for row in projects["results"]] == ["ME-A"] and projects["previous"] is None
    assert [row["code"] for row in client.get(projects["next"], **bearer(world["alice_key"])).json()["results"]] \
        == ["ME-A2"]
    enquiries = client.get("/api/v1/me/enquiries?page_size=1", **bearer(world["alice_key"])).json()
    assert [row["reference"] for row in enquiries["results"]] == [second.reference]  # newest first
    following = client.get(enquiries["next"], **bearer(world["alice_key"])).json()
    assert [row["reference"] for row in following["results"]] == [first.reference] and following["next"] is None


def test_last_modified_is_the_latest_change_shown(client, world):
    dossier = world["dossier"]
    response = client.get("/api/v1/me/applications", **bearer(world["alice_key"]))
    assert response["Last-Modified"] == http_date(dossier.updated_at.timestamp())
    detail = client.get(f"/api/v1/me/applications/{dossier.pk}", **bearer(world["alice_key"]))
    last_move = dossier.history.order_by("at").last().at
    assert detail["Last-Modified"] == http_date(max(dossier.updated_at, last_move).timestamp())


def test_the_rate_limit_counts_per_key(client, world):
    other_key = tokens.create_token(world["alice"], "second")[1]
    with override_settings(API_RATE_KEY="2/m"):
        for _ in range(2):
            assert client.get("/api/v1/me/projects", **bearer(world["alice_key"])).status_code == 200
        refused = client.get("/api/v1/me/projects", **bearer(world["alice_key"]))
        assert refused.status_code == 429 and refused["Retry-After"]
        assert client.get("/api/v1/me/projects", **bearer(other_key)).status_code == 200


def test_a_used_token_records_when(client, world):
    token = world["alice"].data_api_tokens.get()
    assert token.last_used_at is None
    client.get("/api/v1/me/projects", **bearer(world["alice_key"]))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_cursor_not_given_by_a_page_of_this_list_is_a_400_problem(client, world):
    services.record_application(world["alice"], world["alice_project"], "DN-01", date(2026, 3, 5), another=True)
    following = client.get("/api/v1/me/applications?page_size=1", **bearer(world["alice_key"])).json()["next"]
    cursor = parse.parse_qs(parse.urlsplit(following).query)["cursor"][0]
    for url, given in (("/api/v1/me/applications", "not-a-cursor"), ("/api/v1/me/applications", cursor + "x"),
                       ("/api/v1/me/enquiries", cursor), ("/api/v1/me/projects", cursor)):
        response = client.get(url, {"cursor": given}, **bearer(world["alice_key"]))
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert [error["field"] for error in response.json()["errors"]] == ["query.cursor"]
