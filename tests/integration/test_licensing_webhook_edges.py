"""The one-stop webhook and CSV import under hostile or unlucky input: every answer says what happened."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse

from licensing import integrations, services
from licensing.models import ApplicationStatus, WebhookEvent
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db
SECRET = "edge-webhook-secret"


@pytest.fixture
def dossier(settings):
    settings.LICENSING_WEBHOOK_SECRET = SECRET
    load_catalogue()
    account, _investor, project = investor_with_project("edge-investor")
    return services.record_application(account, project, "DN-01", date(2026, 2, 5))


def post(client, body: bytes):
    return client.post(reverse("licensing:webhook"), body, content_type="application/json",
                       HTTP_X_ONESTOP_SIGNATURE=integrations.sign(body, SECRET))


def test_deep_nesting_is_refused_with_400(client, dossier):
    response = post(client, b"[" * 20_000 + b"]" * 20_000)
    assert response.status_code == 400 and "nested" in response.json()["error"]
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_standard_json_is_refused_not_called_a_duplicate(client, dossier, constant):
    body = (b'{"event_id": "evt-nan", "dossier_code": "%s", "status": "received", "x": %s}'
            % (dossier.dossier_code.encode(), constant))
    response = post(client, body)
    assert response.status_code == 400 and "malformed" in response.json()["error"]
    assert not WebhookEvent.objects.exists()


def test_a_refused_event_can_be_sent_again_with_the_same_id(client, dossier):
    event = {"event_id": "evt-retry", "dossier_code": "DOS-NOT-YET", "status": "received", "date": "2026-03-02"}
    assert post(client, json.dumps(event).encode()).status_code == 404
    assert WebhookEvent.objects.get(event_id="evt-retry").outcome == "refused: unknown dossier"
    # The sender corrects the dossier code and retries with the same event id: it is applied, not a duplicate.
    event["dossier_code"] = dossier.dossier_code
    response = post(client, json.dumps(event).encode())
    assert response.status_code == 200 and response.json()["result"] == "applied"
    dossier.refresh_from_db()
    assert dossier.status == ApplicationStatus.RECEIVED
    # Now, and only now, the same id is a duplicate.
    assert post(client, json.dumps(event).encode()).json() == {"result": "duplicate"}
    assert dossier.history.count() == 1


def test_an_illegal_move_retried_after_the_dossier_moved_is_applied(client, dossier):
    event = {"event_id": "evt-order", "dossier_code": dossier.dossier_code, "status": "in_process",
             "date": "2026-03-03"}
    assert post(client, json.dumps(event).encode()).status_code == 409  # not received yet
    received = {"event_id": "evt-first", "dossier_code": dossier.dossier_code, "status": "received",
                "date": "2026-03-02"}
    assert post(client, json.dumps(received).encode()).json()["result"] == "applied"
    assert post(client, json.dumps(event).encode()).json()["result"] == "applied"


def test_csv_field_over_the_limit_is_a_line_error(dossier):
    text = f"dossier_code,status,date,note\n{dossier.dossier_code},received,2026-03-02,ok\n" \
           f"{dossier.dossier_code},in_process,2026-03-03,{'x' * 200_000}\n"
    report = integrations.import_statuses(io.StringIO(text))
    assert report.applied == 0 and report.errors and report.errors[0].startswith("line 3")
    dossier.refresh_from_db()
    assert dossier.status != ApplicationStatus.RECEIVED  # nothing half-written


def test_csv_field_over_the_limit_in_the_admin_upload(client, dossier, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    body = f"dossier_code,status,date,note\n{dossier.dossier_code},received,2026-03-02,{'y' * 200_000}\n".encode()
    response = client.post(reverse("licensing_admin:import"),
                           {"file": SimpleUploadedFile("statuses.csv", body, content_type="text/csv")})
    assert response.status_code == 200 and "line 2" in response.content.decode()
