"""No status change is dated after today: the workflow refuses it whoever asks (officer, webhook, CSV), and the
demo history holds only decisions of the past."""

import io
import json
from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from licensing import demo, integrations, services, workflow
from licensing.models import Application, ApplicationHistory, ApplicationStatus
from tests.factories_licensing import fresh_caches, received_dossier

pytestmark = pytest.mark.django_db
S = ApplicationStatus
SECRET = "dates-webhook-secret"


@pytest.fixture
def received():
    return received_dossier("dt-investor")[1]


def test_a_decision_dated_tomorrow_is_refused_and_changes_nothing(received):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(workflow.FutureDate, match="cannot be in the future"):
        workflow.transition(received, S.APPROVED, None, on=tomorrow, result_number="37001")
    received.refresh_from_db()
    assert received.status == S.RECEIVED and received.resolved_on is None and received.history.count() == 1
    history = workflow.transition(received, S.APPROVED, None, on=timezone.localdate())
    assert history.on == timezone.localdate()


def test_the_one_stop_system_cannot_date_a_change_in_the_future(client, received, settings):
    settings.LICENSING_WEBHOOK_SECRET = SECRET
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = json.dumps({"event_id": "ev-future", "dossier_code": received.dossier_code, "status": "approved",
                       "date": tomorrow}).encode()
    response = client.post(reverse("licensing:webhook"), body, content_type="application/json",
                           HTTP_X_ONESTOP_SIGNATURE=integrations.sign(body, SECRET))
    assert response.status_code == 409 and "future" in response.content.decode()
    report = integrations.import_statuses(io.StringIO(
        f"dossier_code,status,date\n{received.dossier_code},refused,{tomorrow}\n"))
    assert report.applied == 0 and "future" in report.errors[0]
    received.refresh_from_db()
    assert received.status == S.RECEIVED


def test_the_demo_history_has_no_date_after_today():
    fresh_caches()
    demo.load()
    today = timezone.localdate()
    applications = Application.objects.all()
    assert applications.count() >= 400 and applications.filter(resolved_on__isnull=False).exists()
    assert not applications.filter(resolved_on__gt=today).exists()
    assert not applications.filter(received_on__gt=today).exists()
    assert not ApplicationHistory.objects.filter(on__gt=today).exists()
    assert applications.filter(resolved_on__gt=F("due_date")).exists()  # some are still late, in the past
    for application in applications.with_finished_on().filter(status__in=[S.APPROVED, S.REFUSED]):
        assert services.deadline(application, today).finished_on <= today
    refusals = ApplicationHistory.objects.filter(to_status=S.REFUSED)
    assert refusals.exists() and not refusals.filter(note="").exists()
