"""A dossier's page: a finished dossier says when it finished and how late, the timeline shows effective dates,
the investor's and the officer's action forms start empty, withdrawal is confirmed, overdue days are words."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from licensing import services, workflow
from licensing.models import Application, ApplicationHistory, ApplicationStatus
from tests.factories_licensing import officer, signed_in_investor

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def investor(home_page, client):
    return signed_in_investor(client)


def _short(day: date) -> str:
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")


def _detail(client, application) -> str:
    return client.get(reverse("licensing:application_detail", args=[application.pk])).content.decode()


def _deadline_cell(html: str) -> str:
    return re.search(r'data-testid="deadline"[^>]*>(.*?)</dd>', html, re.S).group(1)


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


def test_timeline_shows_the_effective_date_not_the_recording_time(client, investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    history = workflow.transition(application, S.RECEIVED, None, "counter", on=date(2026, 3, 2))
    recorded = timezone.now() + timedelta(days=5)
    ApplicationHistory.objects.filter(pk=history.pk).update(at=recorded)
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', _detail(client, application), re.S).group(1)
    assert f"Received</strong> · <time datetime=\"2026-03-02\">{_short(date(2026, 3, 2))}</time>" in timeline
    assert "recorded" in timeline  # written on another day: the recording time is shown, secondary


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
