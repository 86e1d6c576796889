"""The investor's lists of dossiers: paged and filtered by state, with a number of queries that does not grow
with the dossiers."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from licensing import services, workflow
from licensing.models import Application, ApplicationStatus
from tests.factories_licensing import signed_in_investor

pytestmark = pytest.mark.django_db
S = ApplicationStatus
DOSSIER_LINK = re.compile(r'href="/en/licensing/my/applications/\d+/"')


@pytest.fixture
def investor(home_page, client):
    return signed_in_investor(client)


def _many(account, project, count: int) -> list[Application]:
    applications = [services.record_application(account, project, "DN-01", date(2026, 3, 2), another=True)
                    for _n in range(count)]
    for application in applications[:3]:
        workflow.transition(application, S.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(applications[0], S.APPROVED, None, on=date(2026, 3, 4))
    workflow.transition(applications[1], S.WITHDRAWN, None, on=date(2026, 3, 4))
    return applications


def test_my_applications_is_paged_and_filtered(client, investor, django_assert_max_num_queries):
    account, project = investor
    applications = _many(account, project, 30)
    url = reverse("licensing:my_applications")
    with django_assert_max_num_queries(25):
        html = client.get(url).content.decode()
    assert len(DOSSIER_LINK.findall(html)) == 25
    assert 'class="card-table"' in html and "Page 1 of 2" in html and 'href="?page=2"' in html
    second = client.get(url, {"page": 2}).content.decode()
    assert 'href="?page=1"' in second and 'rel="next"' not in second
    finished = client.get(url, {"state": "finished"}).content.decode()
    assert applications[0].dossier_code in finished and applications[1].dossier_code in finished
    assert applications[2].dossier_code not in finished and "Page 1 of" not in finished
    overdue = client.get(url, {"state": "overdue"}).content.decode()
    assert applications[2].dossier_code in overdue and applications[0].dossier_code not in overdue
    open_ = client.get(url, {"state": "open", "page": 2}).content.decode()
    assert "Page 2 of 2" in open_ and 'href="?state=open&amp;page=1"' in open_


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_list_queries_do_not_grow_with_the_dossiers(client, investor, django_assert_max_num_queries):
    account, project = investor
    _many(account, project, 4)
    applications, projects = reverse("licensing:my_applications"), reverse("licensing:my_projects")
    client.get(projects)  # the first page view of a site creates its settings
    few = {"all": _queries(client, applications), "finished": _queries(client, applications, {"state": "finished"}),
           "projects": _queries(client, projects)}
    _many(account, project, 40)
    with django_assert_max_num_queries(few["all"]):
        client.get(applications)
    with django_assert_max_num_queries(few["finished"]):
        client.get(applications, {"state": "finished"})
    with django_assert_max_num_queries(few["projects"]):
        html = client.get(projects).content.decode()
    assert "40 open, 4 finished." in html
    assert len(DOSSIER_LINK.findall(html)) == services.RECENT_APPLICATIONS
