"""No confidential field reaches a public answer: secrets planted in every private field (investor contacts
and notes, project and plot notes, enquiries and their internal notes, leads, aftercare issues, dossier notes,
files and ratings) are searched for in every public operation of the API (walked from its OpenAPI schema with
the fixtures' real ids and codes), every page of the OGC API and the data catalogue page. The investor's own
endpoints answer 401 without a key, and one investor's key never shows another's rows."""

import re
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from api import tokens
from licensing import services, workflow
from licensing.models import ApplicationAttachment, ApplicationStatus, DossierRating
from portal import demo
from promotion.models import AftercareIssue, AftercareMessage, EnquiryMessage, Lead, LeadActivity
from tests.factories import zone_index
from tests.factories_licensing import fresh_caches, investor_with_project, load_catalogue
from tests.factories_promotion import enquiry, topic
from tests.factories_zones import incentive_index, make_plots, make_policy, make_zone, rule

#: Every planted secret contains this marker (case-insensitive), and no public value does.
MARKER = "zqxsecret"
#: How many pages the walks may fetch, so that a paging bug cannot make them endless.
WALK_LIMIT = 600


def secret(field: str) -> str:
    return f"ZQXSECRET-{field}"


def plant_investor(account_name: str, code: str):
    """An investor (with a user and a project) whose private fields all hold secrets."""
    account, company, project = investor_with_project(account_name, project_code=code)
    company.contact_name = secret("contact-name")
    company.contact_email = f"{MARKER}.{account_name}@example.org"
    company.contact_phone = secret("phone")
    company.address = secret("address")
    company.private_notes = secret("investor-notes")
    company.save()
    project.private_notes = secret("project-notes")
    project.save(update_fields=["private_notes"])
    return account, company, project


def build_world() -> dict:
    """Zones, plots, policies, the procedure catalogue, two investors with projects, dossiers, enquiries, a
    lead and an aftercare issue, with secrets in every confidential field. Returns their public ids and codes
    and the keys of both investors."""
    home = demo.ensure_home_pages(languages=("en", "vi"))
    zone = make_zone(zone_index(home), "secret-test-park", "Secret test park")
    plots = make_plots(zone, 3)
    for plot in plots:
        plot.notes = secret("plot-notes")
        plot.save(update_fields=["notes"])
    policies = incentive_index(home)
    policy = make_policy(policies, "export-incentive", [rule("Exporters", ("foreign_ownership_pct", "gte", "1"))])
    load_catalogue()
    alice, _alice_company, alice_project = plant_investor("sec-alice", "SEC-A")
    bob, _bob_company, bob_project = plant_investor("sec-bob", "SEC-B")
    dossier = services.record_application(alice, alice_project, "DN-01", date(2026, 3, 2))
    workflow.transition(dossier, ApplicationStatus.RECEIVED, None, secret("received-note"), on=date(2026, 3, 2))
    workflow.transition(dossier, ApplicationStatus.APPROVED, None, secret("decision-note"), on=date(2026, 3, 4),
                        result_number="ERC-2026-0001")
    attachment = ApplicationAttachment(application=dossier, original_name=f"{secret('attachment')}.pdf",
                                       content_type="application/pdf", size=9, uploaded_by=alice)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    DossierRating.objects.create(application=dossier, author=alice, score=4, comment=secret("rating-comment"))
    bob_dossier = services.record_application(bob, bob_project, "DN-01", date(2026, 3, 3))
    subject = topic("Site and land")
    asked = enquiry(subject, user=alice, name=secret("enquirer"), email=f"{MARKER}.enquiry@example.org",
                    phone=secret("enquiry-phone"), organisation=secret("organisation"),
                    message=secret("enquiry-message"), zone_code=zone.code)
    EnquiryMessage.objects.create(enquiry=asked, from_board=True, internal=True, body=secret("internal-note"))
    bob_enquiry = enquiry(subject, user=bob, message=secret("bob-message"))
    lead = Lead.objects.create(investor_name=secret("lead-investor"), organisation=secret("lead-organisation"),
                               notes=secret("lead-notes"), next_action=secret("lead-next-action"),
                               capital_usd=Decimal("1000000"), enquiry=asked)
    LeadActivity.objects.create(lead=lead, summary=secret("lead-activity"))
    issue = AftercareIssue.objects.create(project=alice_project, category="utilities", title=secret("issue-title"),
                                          description=secret("issue-description"), answer=secret("issue-answer"),
                                          due_on=timezone.localdate() + timedelta(days=5))
    AftercareMessage.objects.create(issue=issue, from_board=True, internal=True, body=secret("issue-note"))
    return {
        "zone": zone, "plots": plots, "policy": policy, "dossier": dossier, "bob_dossier": bob_dossier,
        "alice_enquiry": asked, "bob_enquiry": bob_enquiry, "projects": [alice_project, bob_project],
        "alice_key": tokens.create_token(alice, "secrets")[1], "bob_key": tokens.create_token(bob, "secrets")[1],
    }


def known_values(world: dict) -> set[str]:
    """Ids and codes of the fixtures, to put in the schema's path parameters."""
    from licensing.models import Agency, Procedure

    values = {world["zone"].code, str(world["zone"].pk), world["policy"].slug, str(world["policy"].pk)}
    for plot in world["plots"]:
        values |= {plot.code, str(plot.pk)}
    for project in world["projects"]:
        values |= {project.code, str(project.pk)}
    values |= set(Procedure.objects.values_list("code", flat=True)[:10])
    values |= set(Agency.objects.values_list("code", flat=True)[:10])
    values |= {str(world["dossier"].pk), world["dossier"].dossier_code, str(world["alice_enquiry"].pk)}
    return values


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)
        fresh_caches()


@pytest.fixture
def public(db, world, settings):
    settings.API_RATE_ADDRESS = "100000/m"
    return Client()


def leaks(body: bytes) -> list[str]:
    """The planted secrets found in ``body``."""
    return sorted(set(re.findall(rf"{MARKER}[\w.-]*", body.decode("utf-8", "replace"), re.IGNORECASE)))


def harvest(data, into: set[str]) -> None:
    """Collect the ids, codes and slugs an answer lists, to try them in the detail operations."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("id", "code", "slug", "pk") and isinstance(value, (str, int)) and not isinstance(value, bool):
                into.add(str(value))
            else:
                harvest(value, into)
    elif isinstance(data, list):
        for item in data:
            harvest(item, into)


def query_for(operation: dict) -> dict:
    """Values for the operation's required query parameters (a search for the secret itself for text)."""
    query = {}
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query" or not parameter.get("required"):
            continue
        schema = parameter.get("schema", {})
        if "enum" in schema:
            query[parameter["name"]] = schema["enum"][0]
        elif schema.get("type") in ("integer", "number"):
            query[parameter["name"]] = schema.get("minimum", 1)
        else:
            query[parameter["name"]] = MARKER
    return query


def public_operations(client: Client) -> list[tuple[str, dict]]:
    """The schema's GET operations that need no key: (path, operation)."""
    schema = client.get("/api/v1/schema/").json()
    return [(path, operations["get"]) for path, operations in schema["paths"].items()
            if "get" in operations and not operations["get"].get("security")]


def walk_public_api(client: Client, world: dict) -> dict[str, bytes]:
    """Every public GET operation of the schema: lists first (following their cursors), then each operation
    with path parameters for every known id and code. Returns the bodies by URL."""
    bodies: dict[str, bytes] = {}
    candidates = known_values(world)
    public_ops = public_operations(client)

    def fetch(url: str, query: dict) -> None:
        while url and len(bodies) < WALK_LIMIT:
            response = client.get(url, query)
            key = f"{url}?{query}"
            if key in bodies:
                return
            bodies[key] = response.content
            if response.status_code != 200 or not response["Content-Type"].startswith("application/json"):
                return
            data = response.json()
            harvest(data, candidates)
            url, query = (data.get("next"), {}) if isinstance(data, dict) else (None, {})
            if url:
                url = urlsplit(url)._replace(scheme="", netloc="").geturl()

    for path, operation in public_ops:
        if "{" not in path:
            fetch(path, query_for(operation))
            for name in ("q", "query", "search"):
                fetch(path, {**query_for(operation), name: MARKER})
    for path, operation in public_ops:
        names = re.findall(r"{(\w+)}", path)
        if names:
            for value in sorted(candidates):
                url = path
                for name in names:
                    url = url.replace(f"{{{name}}}", value)
                fetch(url, query_for(operation))
    return bodies


def walk_ogc(client: Client) -> dict[str, bytes]:
    """Every page linked from the OGC API's landing page that stays in /ogc/: the collections, each
    collection, its items (every page) and each item, as JSON and HTML. Empty when /ogc/ is not built."""
    bodies: dict[str, bytes] = {}
    landing = client.get("/ogc/", {"f": "json"})
    if landing.status_code == 404:
        return bodies
    queue = ["/ogc/?f=json", "/ogc/collections?f=json", "/ogc/collections?f=html"]
    while queue and len(bodies) < WALK_LIMIT:
        url = queue.pop(0)
        if url in bodies:
            continue
        response = client.get(url)
        bodies[url] = response.content
        if response.status_code != 200 or "json" not in response["Content-Type"]:
            continue
        for link in _links(response.json()):
            parts = urlsplit(link)
            if parts.path.startswith("/ogc/") and link not in bodies:
                queue.append(parts._replace(scheme="", netloc="").geturl())
    return bodies


def _links(data) -> list[str]:
    found = []
    if isinstance(data, dict):
        if isinstance(data.get("href"), str):
            found.append(data["href"])
        for value in data.values():
            found += _links(value)
    elif isinstance(data, list):
        for item in data:
            found += _links(item)
    return found


def test_the_detector_finds_a_planted_secret(public, world):
    """The investor's own dossier shows its notes: the same search finds the secret there."""
    own = public.get(f"/api/v1/me/applications/{world['dossier'].pk}",
                     HTTP_AUTHORIZATION=f"Bearer {world['alice_key']}")
    assert own.status_code == 200
    assert leaks(own.content) == ["ZQXSECRET-decision-note", "ZQXSECRET-received-note"]


def test_no_public_api_answer_holds_a_secret(public, world):
    bodies = walk_public_api(public, world)
    found = {url: leaks(body) for url, body in bodies.items() if leaks(body)}
    assert found == {}
    # Every public operation was called (with each known id and code when its path has parameters).
    walked = {re.sub(r"\?.*", "", url) for url in bodies}
    for path, _operation in public_operations(public):
        pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path))
        assert any(re.fullmatch(pattern, url) for url in walked), path


def test_no_ogc_page_holds_a_secret(public, world):
    bodies = walk_ogc(public)
    found = {url: leaks(body) for url, body in bodies.items() if leaks(body)}
    assert found == {}


def test_the_data_catalogue_page_holds_no_secret(public, world):
    page = public.get("/en/data/")
    assert leaks(page.content) == []


@pytest.mark.parametrize("path", ["/api/v1/me/projects", "/api/v1/me/projects/SEC-A", "/api/v1/me/applications",
                                  "/api/v1/me/enquiries"])
def test_the_investors_endpoints_need_a_key(public, world, path):
    response = public.get(path)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert leaks(response.content) == [] and b"SEC-A" not in response.content


def test_one_investors_key_never_shows_anothers_rows(public, world):
    alice = {"HTTP_AUTHORIZATION": f"Bearer {world['alice_key']}"}
    listed = b"".join(public.get(path, **alice).content for path in (
        "/api/v1/me/projects", "/api/v1/me/applications", "/api/v1/me/enquiries"))
    assert b"SEC-A" in listed and world["dossier"].dossier_code.encode() in listed
    assert b"SEC-B" not in listed and world["bob_dossier"].dossier_code.encode() not in listed
    assert world["bob_enquiry"].reference.encode() not in listed
    assert public.get("/api/v1/me/projects/SEC-B", **alice).status_code == 404
    assert public.get(f"/api/v1/me/applications/{world['bob_dossier'].pk}", **alice).status_code == 404
