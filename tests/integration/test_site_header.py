"""The site header leads everyone to their account: sign in, or an investor's projects, dossiers and
notifications, an officer's admin, and sign out."""

import pytest
from django.urls import reverse

from tests.factories_licensing import investor_with_project, load_catalogue, officer

pytestmark = pytest.mark.django_db


def _header(client, path="/en/"):
    html = client.get(path).content.decode()
    return html[html.index('class="account-links"'):html.index("</header>")]


def test_a_visitor_is_offered_sign_in_back_to_the_page(client, home_page):
    header = _header(client, reverse("licensing:performance"))
    assert f'href="{reverse("licensing:signin")}?next=/en/licensing/performance/"' in header
    assert "Sign out" not in header and reverse("licensing:my_applications") not in header


def test_an_investor_finds_projects_applications_and_notifications_from_any_page(client, home_page):
    investor, _company, _project = investor_with_project("header-investor")
    client.force_login(investor)
    header = _header(client)
    for name in ("my_projects", "my_applications", "notifications", "signout"):
        assert reverse(f"licensing:{name}") in header
    assert "Sign in" not in header and reverse("wagtailadmin_home") not in header


def test_an_officer_finds_the_admin(client, home_page):
    load_catalogue()
    client.force_login(officer("header-officer", "so-tai-chinh"))
    header = _header(client, "/vi/")
    assert reverse("wagtailadmin_home") in header and reverse("licensing:my_applications") not in header
