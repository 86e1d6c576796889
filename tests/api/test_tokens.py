"""API tokens: the investor's page makes one (its key shown once, only its hash kept), lists and revokes them;
CSRF-protected; nobody else's."""

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from api import tokens
from api.models import ApiToken
from tests.factories_licensing import investor_with_project, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def investor(home_page):
    account, _investor, _project = investor_with_project("tk-investor")
    return account


def test_making_a_token_shows_its_key_once_and_keeps_its_hash(client, investor):
    client.force_login(investor)
    url = reverse("api-tokens:list")
    made = client.post(url, {"name": "Our ERP", "lifetime": "90"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"] or "no-cache" in made["Cache-Control"]
    key = re.search(r"<code>(ip_[A-Za-z0-9_-]{20,})</code>", made.content.decode()).group(1)
    token = ApiToken.objects.get(user=investor)
    assert token.name == "Our ERP" and token.expires_at is not None
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(token.prefix) and len(token.prefix) < len(key) // 3
    listed = client.get(url).content.decode()
    assert "Our ERP" in listed and token.prefix in listed
    assert key not in listed
    api = client.get("/api/v1/me/projects", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200


def test_revoking_stops_the_key(client, investor):
    token, key = tokens.create_token(investor, "CI")
    client.force_login(investor)
    response = client.post(reverse("api-tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked on" in client.get(reverse("api-tokens:list")).content.decode()
    client.logout()
    assert client.get("/api/v1/me/projects", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_another_investors_token_cannot_be_revoked(client, investor):
    other, _company, _project = investor_with_project("tk-other")
    token, _key = tokens.create_token(other, "theirs")
    client.force_login(investor)
    assert client.post(reverse("api-tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "theirs" not in client.get(reverse("api-tokens:list")).content.decode()


def test_the_forms_need_the_csrf_token(investor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(investor)
    assert strict.post(reverse("api-tokens:list"), {"name": "x"}).status_code == 403
    token, _key = tokens.create_token(investor, "kept")
    assert strict.post(reverse("api-tokens:revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.filter(user=investor).count() == 1
    token.refresh_from_db()
    assert token.revoked_at is None
    page = strict.get(reverse("api-tokens:list"))
    csrf = page.cookies["csrftoken"].value
    assert strict.post(reverse("api-tokens:list"), {"name": "x", "csrfmiddlewaretoken": csrf}).status_code == 200
    assert ApiToken.objects.filter(user=investor).count() == 2


def test_only_a_signed_in_investor_has_the_page(client, home_page):
    url = reverse("api-tokens:list")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("licensing:signin") in anonymous["Location"]
    client.force_login(user("tk-no-company"))
    assert client.get(url).status_code == 403


def test_the_investors_projects_page_links_to_it(client, investor):
    client.force_login(investor)
    page = client.get(reverse("licensing:my_projects")).content.decode()
    assert f'href="{reverse("api-tokens:list")}"' in page


def test_an_unusable_or_foreign_key_finds_no_token(investor):
    token, key = tokens.create_token(investor, "x")
    assert tokens.authenticate(key) == token
    assert tokens.authenticate(key[:-1]) is None
    assert tokens.authenticate("") is None
    assert tokens.authenticate(token.key_hash) is None
