"""The dashboard's content is rendered once per query string, language and day and shared by every visitor, and
it is rendered anew as soon as anything it shows changes: a registration, a capital or status change, a finished
statistics import (whose rows may have been written in bulk), a sector's or a zone's name. Nothing personal is
ever shared."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.imports import ImportStatus
from projects.choices import CapitalChangeKind, ProjectStatus
from projects.models import ImportJob, Project
from projects.page_cache import REGISTRY
from projects.services import add_capital_change, change_status
from tests.factories import zone_index
from tests.factories_projects import dashboard_url, make_sectors, project
from tests.factories_zones import make_zone

pytestmark = pytest.mark.django_db
YEAR = {"period": "year", "year": 2021}


def figure(page: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">\s*<span class="figure-value">([^<]*)<', page).group(1).strip()


def get(client, language="en", **params) -> str:
    response = client.get(dashboard_url(language, **(params or YEAR)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def registry(home_page):
    make_sectors()
    return project("C-1")


def test_a_second_request_reuses_the_content_and_reads_no_statistics(client, registry):
    first = get(client)
    with CaptureQueriesContext(connection) as queries:
        second = get(client)
    assert second == first
    assert not [q for q in queries.captured_queries if "projects_capitalchange" in q["sql"]]
    assert figure(second, "fdi-projects") == "1"


def test_each_query_string_and_language_has_its_own_content(client, registry):
    assert figure(get(client), "fdi-projects") == "1"
    assert "No projects were registered in 2020." in get(client, period="year", year=2020)
    assert "Investment figures" in get(client, "en") and "Investment figures" not in get(client, "vi")


def test_a_registration_shows_at_once(client, registry):
    assert figure(get(client), "fdi-projects") == "1"
    project("C-2")
    assert figure(get(client), "fdi-projects") == "2"


def test_a_capital_change_and_a_status_change_show_at_once(client, registry):
    assert figure(get(client), "adjusted-capital") == "0.0"
    add_capital_change(registry, CapitalChangeKind.INCREASE, Decimal("2500000"), datetime.date(2021, 6, 1))
    assert figure(get(client), "adjusted-capital") == "2.5"
    assert figure(get(client), "cumulative-fdi") == "1"
    change_status(registry, ProjectStatus.TERMINATED, date=datetime.date(2021, 5, 1))
    assert figure(get(client), "cumulative-fdi") == "0"  # no longer a valid FDI project on 1 June


def test_a_finished_import_shows_rows_written_without_signals(client, registry):
    job = ImportJob.objects.create(original_name="projects.csv", file_format="csv", status=ImportStatus.RUNNING)
    assert "Project C-1" in get(client)
    Project.objects.filter(pk=registry.pk).update(name_en="Imported name")  # a bulk write: no signal
    assert "Project C-1" in get(client)  # still the content rendered before
    job.finished(processed_rows=1)
    page = get(client)
    assert "Imported name" in page and "Project C-1" not in page


def test_an_import_still_running_keeps_the_content(client, registry):
    job = ImportJob.objects.create(original_name="projects.csv", file_format="csv", status=ImportStatus.RUNNING)
    get(client)
    version = REGISTRY.current()
    job.report_progress(50)
    job.save()
    assert REGISTRY.current() == version


def test_a_sector_renamed_shows_at_once(client, home_page):
    sectors = make_sectors()
    project("S-1", sector=sectors["2610"])
    assert f"26 – {sectors['26'].name_en}</td>" in get(client)
    sectors["26"].name_en = "Electronic industry"
    sectors["26"].save()
    assert "26 – Electronic industry" in get(client)


def test_a_zone_renamed_shows_at_once(client, home_page, registry):
    zone = make_zone(zone_index(home_page), "zone-c", "Old Park")
    Project.objects.filter(pk=registry.pk).update(zone=zone)
    assert "Old Park" in get(client)
    zone.title = "New Park"
    zone.save_revision().publish()
    page = get(client)
    assert "New Park" in page and "Old Park" not in page


def test_the_version_moves_again_when_the_change_commits(registry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project("C-2")
    during = REGISTRY.current()
    for callback in callbacks:
        callback()
    assert REGISTRY.current() > during  # a render that read the data before the commit is not kept


def test_nothing_personal_is_shared(client, registry, django_user_model):
    user = django_user_model.objects.create_user("alice", "alice@example.org", "pw")
    client.force_login(user)
    signed_in = get(client)
    assert "Sign out" in signed_in
    client.logout()
    anonymous = get(client)
    assert "Sign out" not in anonymous and "Sign in" in anonymous
    assert figure(anonymous, "fdi-projects") == figure(signed_in, "fdi-projects") == "1"
