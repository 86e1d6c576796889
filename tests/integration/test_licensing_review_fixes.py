"""Fixes from the demo review: finished dossiers say when they finished, the timeline shows effective dates,
actions start empty and withdrawal is confirmed, the lists are paged and filtered, dossier codes carry the
submission date."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from licensing import demo, services, workflow
from licensing.models import Application, ApplicationHistory, ApplicationStatus
from tests.factories_licensing import investor_with_project, load_catalogue, officer

pytestmark = pytest.mark.django_db
S = ApplicationStatus
DOSSIER_LINK = re.compile(r'href="/en/licensing/my/applications/\d+/"')


@pytest.fixture
def catalogue(home_page):
    translation.activate("en")
    load_catalogue()


@pytest.fixture
def investor(catalogue, client):
    account, _company, project = investor_with_project("rf-investor")
    client.force_login(account)
    return account, project


def _short(day: date) -> str:
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")


def _detail(client, application) -> str:
    return client.get(reverse("licensing:application_detail", args=[application.pk])).content.decode()


def _deadline_cell(html: str) -> str:
    return re.search(r'data-testid="deadline"[^>]*>(.*?)</dd>', html, re.S).group(1)


# 1. finished dossiers -------------------------------------------------------------------------------------------
def test_resolved_late_dossier_says_when_and_how_late(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    workflow.transition(application, S.RECEIVED, None, on=date(2026, 3, 2))  # due Thursday 5 March
    workflow.transition(application, S.APPROVED, None, on=date(2026, 3, 10))  # 3 working days after
    cell = _deadline_cell(_detail(client, application))
    assert "left" not in cell
    assert f"Finished on {_short(date(2026, 3, 10))}" in cell and "3 working days late" in cell
    listing = client.get(reverse("licensing:my_applications")).content.decode()
    assert "working days left" not in listing and "3 working days late" in listing


def test_withdrawn_dossier_finishes_on_the_withdrawal_date_on_time(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    workflow.transition(application, S.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(application, S.WITHDRAWN, account, on=date(2026, 3, 4))
    cell = _deadline_cell(_detail(client, application))
    assert f"Finished on {_short(date(2026, 3, 4))}" in cell and "on time" in cell and "left" not in cell
    # The list reads the same date from its one query.
    listed = services.application_list(account).get(pk=application.pk)
    assert listed.finished_on == date(2026, 3, 4)
    assert services.deadline(listed) == services.deadline(Application.objects.get(pk=application.pk))


# 2. the timeline shows the effective date ------------------------------------------------------------------------
def test_timeline_shows_the_effective_date_not_the_recording_time(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    history = workflow.transition(application, S.RECEIVED, None, "counter", on=date(2026, 3, 2))
    recorded = timezone.now() + timedelta(days=5)
    ApplicationHistory.objects.filter(pk=history.pk).update(at=recorded)
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', _detail(client, application), re.S).group(1)
    assert f"Received</strong> · <time datetime=\"2026-03-02\">{_short(date(2026, 3, 2))}</time>" in timeline
    assert "recorded" in timeline  # written on another day: the recording time is shown, secondary


# 3. actions start empty; withdrawal is confirmed; officers read overdue days --------------------------------------
def test_investor_action_starts_empty_and_withdrawal_needs_confirmation(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    html = _detail(client, application)
    form = re.search(r'data-testid="move-form".*?</form>', html, re.S).group(0)
    assert '<option value="" selected>Choose an action…</option>' in form
    assert "selected" not in form.replace('<option value="" selected>', "")
    assert re.search(r"<select[^>]*required", form)
    assert '<option value="withdrawn">Withdraw the dossier</option>' in form  # an action, not a status
    move = reverse("licensing:application_move", args=[application.pk])
    assert client.post(move, {"status": ""}).status_code == 302
    assert client.post(move, {"status": "withdrawn"}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    response = client.post(move, {"status": "withdrawn", "confirm_withdrawal": "on"}, follow=True)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and "Withdrawn" in response.content.decode()


def test_officer_form_starts_empty_and_overdue_days_are_words(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    workflow.transition(application, S.RECEIVED, None, on=date(2026, 3, 2))
    overdue = services.days_left(application)
    assert overdue < 0
    client.force_login(officer("rf-clerk", "so-tai-chinh"))
    url = reverse("licensing_admin:application", args=[application.pk])
    html = client.get(url).content.decode()
    assert '<option value="" selected>Choose an action…</option>' in html
    assert f"{-overdue} working days overdue" in _deadline_cell(html) and str(overdue) not in _deadline_cell(html)
    assert client.post(url, {"note": "no choice"}).status_code == 200
    application.refresh_from_db()
    assert application.status == S.RECEIVED


# 4. paging, filters, bounded queries -----------------------------------------------------------------------------
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


# 5. dossier codes carry the submission date ----------------------------------------------------------------------
def test_dossier_code_uses_the_submission_date(investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    assert application.dossier_code.startswith("DOS-260302-")


def test_demo_dossiers_are_coded_by_their_submission_date(investor):
    _account, project = investor
    demo._history(project)
    codes = list(Application.objects.filter(project=project).values_list("dossier_code", "submitted_on"))
    assert len(codes) == 400
    assert all(code.startswith(f"DOS-{submitted:%y%m%d}-") for code, submitted in codes)
    assert len({code[4:10] for code, _submitted in codes}) > 100
