"""Browser test harness: Playwright's Python package driving Debian Chromium against the live test
server. Every page a test opens is watched: console errors and any request to a host other than the
live server are recorded, off-server requests are blocked, and the test fails at teardown if any
happened."""

import importlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class WatchedPage:
    """A Playwright page plus what it did that a test must not allow."""

    page: object
    base_url: str
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)

    def goto(self, path: str, **kwargs):
        """Open ``path`` on the live server and wait until the network is idle."""
        kwargs.setdefault("wait_until", "networkidle")
        return self.page.goto(self.base_url + path, **kwargs)

    def sign_in_to_admin(self, username: str, password: str) -> None:
        """Sign in through the Wagtail admin's own form."""
        self.goto("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install the Debian package 'chromium' (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def watched_page(chromium, base_url: str, **context_options):
    """A fresh browser context on ``base_url``; fails on console errors or requests to any other host."""
    server = urlsplit(base_url)
    context = chromium.new_context(**{"locale": "en-GB", "viewport": {"width": 1280, "height": 900},
                                      **context_options})
    page = context.new_page()
    watched = WatchedPage(page=page, base_url=base_url)

    def route(route_obj):
        url = urlsplit(route_obj.request.url)
        if url.scheme in LOCAL_SCHEMES or url.netloc == server.netloc:
            route_obj.continue_()
        else:
            watched.foreign_requests.append(route_obj.request.url)
            route_obj.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and watched.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: watched.page_errors.append(str(exc)))
    yield watched
    context.close()
    assert not watched.foreign_requests, f"requests left the test server: {watched.foreign_requests}"
    assert not watched.page_errors, f"uncaught script errors: {watched.page_errors}"
    assert not watched.console_errors, f"console errors: {watched.console_errors}"


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser context on the live server; fails the test on console errors or foreign requests."""
    with watched_page(chromium, live_server.url) as watched:
        yield watched


def _load_demo(languages):
    from portal import demo
    from search import services as search_services
    from tests.factories_licensing import load_catalogue, load_environmental_criteria
    from zones import demo as zones_demo
    from zones.sectors import load_classification, read_classification

    home = demo.ensure_home_pages(languages=languages)
    demo.ensure_site_settings()
    load_classification(read_classification())
    importlib.import_module("search.migrations.0006_synonym").add_defaults(apps, None)
    importlib.import_module("zones.migrations.0010_seed_costs").seed(apps, None)
    zones_demo.load(home)
    load_catalogue()
    load_environmental_criteria()
    search_services.rebuild_index()
    return home


@pytest.fixture
def demo_content():
    """The demo's zones, policies and licensing catalogue in English and Vietnamese, with the data the migrations
    seed (sectors, synonyms, cost data: transactional tests flush them), indexed for search."""
    return _load_demo(("en", "vi"))


@pytest.fixture
def demo_in_every_language(settings):
    """The demo content in every site language, as `load_demo` makes it, with the project registry."""
    from projects import demo as projects_demo

    home = _load_demo(tuple(code for code, _ in settings.LANGUAGES))
    projects_demo.load()
    return home


@pytest.fixture(scope="module")
def shared_demo_server(django_db_setup, django_db_blocker):
    """A live server on the whole demo in English and Vietnamese (zones, registry, licensing catalogue, the demo
    investor and their dossiers), committed once for a module whose tests only read it (mark them django_db);
    afterwards the database is put back as it was. Yields the server's URL."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    from licensing import demo as licensing_demo
    from projects import demo as projects_demo

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        try:
            _load_demo(("en", "vi"))
            projects_demo.load()
            licensing_demo.load()
            if connection.vendor == "sqlite":
                # Each test's transaction here must not take SQLite's write lock (IMMEDIATE) from the server,
                # which writes sessions and refused forms' throttles while the test waits for its pages.
                connection.close()
                connection.settings_dict = {**connection.settings_dict, "OPTIONS": {
                    **connection.settings_dict["OPTIONS"], "transaction_mode": "DEFERRED"}}
            server = LiveServer("localhost")
            try:
                yield server.url
            finally:
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            # flush restarted PostgreSQL's sequences: move them past the rows just put back.
            statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
