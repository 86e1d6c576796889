"""Officers give written reasons when they refuse, send back or return a dossier, and confirm every move that
ends a dossier on a second page; the investor reads the reasons on the timeline and in the notification."""

import pytest
from django.core import mail
from django.urls import reverse

from licensing import services, workflow
from licensing.models import ApplicationStatus, Notification
from licensing.notifications import notify_status_change
from tests.factories_licensing import officer, received_dossier

pytestmark = pytest.mark.django_db
S = ApplicationStatus
REASONS = "Thiếu điều lệ công ty / the company charter is missing"


@pytest.fixture
def case():
    account, application = received_dossier("rs-investor")
    return account, officer("rs-clerk", "so-tai-chinh"), application


def _url(application):
    return reverse("licensing_admin:application", args=[application.pk])


@pytest.mark.parametrize("status", [S.REFUSED, S.SENT_BACK, S.RETURNED])
def test_the_service_refuses_a_move_without_reasons(case, status):
    _account, clerk, application = case
    for note in ("", "   \n "):
        with pytest.raises(workflow.MissingReason):
            services.officer_transition(clerk, application, status, note)
    application.refresh_from_db()
    assert application.status == S.RECEIVED and application.history.count() == 1


def test_the_form_says_reasons_are_needed(client, case):
    _account, clerk, application = case
    client.force_login(clerk)
    response = client.post(_url(application), {"status": "refused", "note": " ", "confirmed": "1"})
    assert response.status_code == 200
    assert "Write the reasons for “Resolved: refused”: the investor reads them." in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.RECEIVED


def test_sending_back_needs_reasons_but_no_confirmation(client, case):
    _account, clerk, application = case
    client.force_login(clerk)
    assert client.post(_url(application), {"status": "sent_back", "note": ""}).status_code == 200
    application.refresh_from_db()
    assert application.status == S.RECEIVED
    assert client.post(_url(application), {"status": "sent_back", "note": REASONS}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.SENT_BACK


@pytest.mark.parametrize("status", [S.APPROVED, S.REFUSED, S.RETURNED, S.WITHDRAWN])
def test_every_closing_move_is_confirmed_on_a_second_page(client, case, status):
    _account, clerk, application = case
    client.force_login(clerk)
    first = client.post(_url(application), {"status": status, "note": REASONS, "result_number": "3702000009"})
    html = first.content.decode()
    assert first.status_code == 200 and 'data-testid="confirm-move"' in html
    assert f'name="status" value="{status}"' in html and 'name="confirmed" value="1"' in html
    assert "the company charter is missing" in html  # the officer reads back what the investor will read
    application.refresh_from_db()
    assert application.status == S.RECEIVED and application.history.count() == 1
    assert client.post(_url(application), {"status": status, "note": REASONS, "result_number": "3702000009",
                                           "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == status


def test_the_investor_reads_the_reasons_on_the_timeline_and_in_the_notification(client, case):
    account, clerk, application = case
    mail.outbox.clear()
    history = services.officer_transition(clerk, application, S.REFUSED, REASONS)
    assert notify_status_change(history.pk) == 1
    notification = Notification.objects.get(user=account)
    assert "Reasons: " + REASONS in notification.message_en
    assert REASONS in notification.message_vi and "Reasons:" not in notification.message_vi
    assert REASONS in mail.outbox[0].body
    client.force_login(account)
    html = client.get(reverse("licensing:application_detail", args=[application.pk])).content.decode()
    assert f'data-testid="reasons">Reasons: {REASONS}</span>' in html.replace("&#x27;", "'")


def test_an_approval_names_its_decision_or_certificate(client, case):
    _account, clerk, application = case
    client.force_login(clerk)
    response = client.post(_url(application), {"status": S.APPROVED, "note": "", "confirmed": "1"})
    assert response.status_code == 200 and "Give the number of the decision or certificate" in response.content.decode()
    with pytest.raises(workflow.MissingDecision):
        services.officer_transition(clerk, application, S.APPROVED, "", "  ")
    application.refresh_from_db()
    assert application.status == S.RECEIVED and application.history.count() == 1


def test_the_e_mail_says_the_new_status_in_its_subject_and_links_to_the_dossier(case, settings):
    account, clerk, application = case
    settings.WAGTAILADMIN_BASE_URL = "https://invest.example.org"
    mail.outbox.clear()
    history = services.officer_transition(clerk, application, S.REFUSED, REASONS)
    assert notify_status_change(history.pk) == 1
    message = mail.outbox[0]
    assert message.subject == f"[{application.dossier_code}] Đã giải quyết: từ chối / Resolved: refused"
    assert f"https://invest.example.org/vi/licensing/my/applications/{application.pk}/" in message.body
    assert f"https://invest.example.org/en/licensing/my/applications/{application.pk}/" in message.body
