"""Notifications go through the real Celery worker on each status change and daily before due dates; a
redelivered task sends nothing twice."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import transaction

from licensing import services, workflow
from licensing.models import ApplicationStatus, Notification
from licensing.tasks import notify_status_change, send_due_reminders
from tests.factories_licensing import investor_with_project, load_catalogue
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dossier():
    load_catalogue()
    account, _investor, project = investor_with_project("nt-investor")
    return services.record_application(account, project, "DN-01", date(2026, 3, 2))


@pytest.mark.smoke
def test_status_change_notifies_once_through_celery(celery_worker, dossier):
    mail.outbox.clear()
    with transaction.atomic():
        history = workflow.transition(dossier, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))
        assert not Notification.objects.exists()  # enqueued only after the commit
    wait_until(lambda: Notification.objects.filter(emailed_at__isnull=False).exists(), timeout=30,
               message="the worker recording and e-mailing the notification")
    notification = Notification.objects.get()
    assert notification.user == dossier.created_by and notification.kind == "status"
    assert dossier.dossier_code in notification.message_en and "Đã tiếp nhận" not in notification.message_en
    wait_until(lambda: len(mail.outbox) == 1, timeout=30, message="one e-mail sent")
    # The broker redelivers the same task: nothing new is created or sent.
    result = notify_status_change.delay(history.pk)
    assert result.get(timeout=30) == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_daily_reminders_and_overdue_alerts(celery_worker, dossier):
    mail.outbox.clear()
    workflow.transition(dossier, ApplicationStatus.RECEIVED, None, on=date(2026, 3, 2))  # due 5 March
    wait_until(lambda: len(mail.outbox) == 1, timeout=30, message="the status e-mail sent")
    assert send_due_reminders.delay("2026-03-03").get(timeout=30) == 1
    assert send_due_reminders.delay("2026-03-03").get(timeout=30) == 0  # same day again: nothing twice
    assert send_due_reminders.delay("2026-03-09").get(timeout=30) == 1  # overdue alert
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == ["overdue", "reminder", "status"]
    assert len(mail.outbox) == 3
    assert send_due_reminders.delay((date(2026, 3, 9) - timedelta(days=30)).isoformat()).get(timeout=30) == 0
