"""The workflow: allowed transitions, due dates from the calendar, the paused clock, history and signal,
webhook and CSV status updates."""

import io
import json
import time
from datetime import date

import pytest
from django.urls import reverse

from licensing import integrations, services, workflow
from licensing.models import Application, ApplicationHistory, ApplicationStatus, WebhookEvent
from tests.factories_licensing import investor_with_project, load_catalogue, officer

pytestmark = pytest.mark.django_db
S = ApplicationStatus
SECRET = "test-webhook-secret"


@pytest.fixture
def dossier():
    load_catalogue()
    account, _investor, project = investor_with_project("wf-investor")
    application = services.record_application(account, project, "DN-01", date(2026, 2, 5))
    return application


@pytest.mark.smoke
def test_receive_sets_due_date_over_tet(dossier):
    clerk = officer("wf-clerk", "so-tai-chinh")
    history = services.officer_transition(clerk, dossier, S.RECEIVED, "complete dossier")
    assert history.from_status == S.SUBMITTED and history.actor == clerk
    workflow.transition(dossier, S.IN_PROCESS, clerk, on=date(2026, 2, 6))
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS
    # Re-receive with a fixed date to check the arithmetic: Friday 13 Feb 2026 + 3 working days over Tết.
    other = Application.objects.create(project=dossier.project, procedure=dossier.procedure,
                                       submitted_on=date(2026, 2, 13))
    workflow.transition(other, S.RECEIVED, clerk, on=date(2026, 2, 13))
    assert other.due_date == date(2026, 2, 25)


def test_sent_back_pauses_the_clock(dossier):
    workflow.transition(dossier, S.RECEIVED, None, on=date(2026, 3, 2))  # Monday; due Thursday 5 March
    assert dossier.due_date == date(2026, 3, 5)
    workflow.transition(dossier, S.SENT_BACK, None, "missing charter", on=date(2026, 3, 3))
    workflow.transition(dossier, S.RESUBMITTED, None, on=date(2026, 3, 10))  # 5 working days later
    dossier.refresh_from_db()
    assert dossier.paused_working_days == 5
    assert dossier.due_date == date(2026, 3, 12)
    assert dossier.paused_since is None
    workflow.transition(dossier, S.APPROVED, None, on=date(2026, 3, 12), result_number="3700000001")
    dossier.refresh_from_db()
    assert dossier.resolved_on == date(2026, 3, 12) and dossier.result_number == "3700000001"
    assert not dossier.is_late()
    statuses = list(dossier.history.values_list("to_status", flat=True))
    assert statuses == [S.RECEIVED, S.SENT_BACK, S.RESUBMITTED, S.APPROVED]


def test_illegal_move_changes_nothing(dossier):
    workflow.transition(dossier, S.RECEIVED, None, on=date(2026, 3, 2))
    workflow.transition(dossier, S.REFUSED, None, on=date(2026, 3, 9))
    before = ApplicationHistory.objects.count()
    with pytest.raises(workflow.IllegalTransition):
        workflow.transition(dossier, S.IN_PROCESS, None)
    with pytest.raises(workflow.IllegalTransition):
        workflow.transition(dossier, "teleported", None)
    dossier.refresh_from_db()
    assert dossier.status == S.REFUSED and ApplicationHistory.objects.count() == before
    assert dossier.is_late()  # due 5 March, resolved 9 March


def test_signal_is_sent_with_the_history_row(dossier):
    received = []

    def receiver(sender, application, history, **kwargs):
        received.append((application.pk, history.to_status))

    workflow.status_changed.connect(receiver)
    try:
        workflow.transition(dossier, S.RECEIVED, None)
    finally:
        workflow.status_changed.disconnect(receiver)
    assert received == [(dossier.pk, S.RECEIVED)]


def test_officer_of_another_agency_cannot_move(dossier):
    from django.core.exceptions import PermissionDenied

    stranger = officer("wf-other", "so-xay-dung")
    with pytest.raises(PermissionDenied):
        services.officer_transition(stranger, dossier, S.RECEIVED)
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED


def test_investor_moves_are_limited(dossier):
    account = dossier.created_by
    workflow.transition(dossier, S.RECEIVED, None)
    with pytest.raises(workflow.IllegalTransition):
        services.investor_transition(account, dossier, S.APPROVED)
    workflow.transition(dossier, S.SENT_BACK, None)
    services.investor_transition(account, dossier, S.RESUBMITTED, "added the charter")
    assert dossier.status == S.RESUBMITTED


def test_a_new_application_keeps_its_procedure_version():
    load_catalogue()
    account, _investor, project = investor_with_project("wf-old")
    old = services.record_application(account, project, "DN-01", date(2025, 2, 3))
    new = services.record_application(account, project, "DN-01", date(2025, 3, 3))
    assert old.procedure_id != new.procedure_id
    assert old.agency.code == "so-khdt" and new.agency.code == "so-tai-chinh"
    assert old.dossier_code != new.dossier_code and len(old.tracking_token) >= 32


# --- webhook ------------------------------------------------------------------------------------------------
def _post(client, payload: dict, secret=SECRET, timestamp=None, body=None):
    body = body if body is not None else json.dumps(payload).encode()
    header = integrations.sign(body, secret, timestamp)
    return client.post(reverse("licensing:webhook"), body, content_type="application/json",
                       HTTP_X_ONESTOP_SIGNATURE=header)


def test_webhook_applies_once_and_refuses_forgeries(client, dossier, settings):
    settings.LICENSING_WEBHOOK_SECRET = SECRET
    event = {"event_id": "evt-1", "dossier_code": dossier.dossier_code, "status": "received", "date": "2026-03-02"}
    response = _post(client, event)
    assert response.status_code == 200 and response.json()["result"] == "applied"
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED and dossier.due_date == date(2026, 3, 5)
    assert dossier.history.get().source == "webhook"
    # The same event again (a replay, even freshly signed) changes nothing.
    assert _post(client, event).json() == {"result": "duplicate"}
    assert dossier.history.count() == 1
    # Bad signature, stale timestamp, missing header.
    assert _post(client, {**event, "event_id": "evt-2"}, secret="wrong").status_code == 401
    assert _post(client, {**event, "event_id": "evt-3"}, timestamp=int(time.time()) - 3600).status_code == 401
    assert client.post(reverse("licensing:webhook"), b"{}", content_type="application/json").status_code == 401
    assert not WebhookEvent.objects.filter(event_id__in=["evt-2", "evt-3"]).exists()
    # A signed but illegal move is refused with 409 and changes nothing.
    illegal = {"event_id": "evt-4", "dossier_code": dossier.dossier_code, "status": "submitted"}
    assert _post(client, illegal).status_code == 409
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED


def test_webhook_tampered_body_is_refused(client, dossier, settings):
    settings.LICENSING_WEBHOOK_SECRET = SECRET
    body = json.dumps({"event_id": "evt-9", "dossier_code": dossier.dossier_code, "status": "received"}).encode()
    header = integrations.sign(body, SECRET)
    tampered = body.replace(b"received", b"withdrawn")
    response = client.post(reverse("licensing:webhook"), tampered, content_type="application/json",
                           HTTP_X_ONESTOP_SIGNATURE=header)
    assert response.status_code == 401


def test_webhook_without_secret_is_unavailable(client, dossier, settings):
    settings.LICENSING_WEBHOOK_SECRET = None
    assert _post(client, {"event_id": "x", "dossier_code": "y", "status": "received"}).status_code == 503


# --- CSV import -----------------------------------------------------------------------------------------------
def test_csv_import_is_idempotent_and_atomic(dossier):
    csv_text = (f"dossier_code,status,date,note\n{dossier.dossier_code},received,2026-03-02,counter\n"
                f"{dossier.dossier_code},in_process,2026-03-03,\n")
    first = integrations.import_statuses(io.StringIO(csv_text))
    assert (first.applied, first.unchanged, first.errors) == (2, 0, [])
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS
    second = integrations.import_statuses(io.StringIO(f"dossier_code,status,date\n"
                                                      f"{dossier.dossier_code},in_process,2026-03-03\n"))
    assert (second.applied, second.unchanged) == (0, 1)
    assert dossier.history.count() == 2
    bad = integrations.import_statuses(io.StringIO(
        f"dossier_code,status,date\n{dossier.dossier_code},approved,2026-03-04\nDOS-NOPE,received,2026-03-04\n"))
    assert bad.applied == 0 and "unknown dossier" in bad.errors[0]
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESS  # the valid first row was rolled back too
    assert "missing columns" in integrations.import_statuses(io.StringIO("a,b\n1,2\n")).errors[0]


def test_csv_upload_in_the_admin(client, dossier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories_licensing import user

    clerk = officer("wf-csv-clerk", "so-tai-chinh")
    client.force_login(clerk)
    assert client.get(reverse("licensing_admin:import")).status_code == 302  # administrators only
    client.force_login(user("wf-csv-admin", is_superuser=True, is_staff=True))
    body = f"dossier_code,status,date\n{dossier.dossier_code},received,2026-03-02\n".encode()
    for _attempt in range(2):
        response = client.post(reverse("licensing_admin:import"),
                               {"file": SimpleUploadedFile("statuses.csv", body, content_type="text/csv")})
        assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED and dossier.history.count() == 1
    binary = SimpleUploadedFile("statuses.csv", b"\xff\xfe\x00bad", content_type="text/csv")
    assert "not UTF-8" in client.post(reverse("licensing_admin:import"), {"file": binary}).content.decode()
