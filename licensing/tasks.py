"""Celery tasks of the licensing app. They take ids, are idempotent and acknowledge late."""

from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import notifications

# Both tasks are idempotent, so a transient database error (a lock, a failover) is simply retried.
RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": 1, "retry_backoff_max": 30, "max_retries": 6}


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def notify_status_change(history_id: int) -> int:
    """E-mail and on-site notification of one status change."""
    return notifications.notify_status_change(history_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660, **RETRY)
def send_due_reminders(day: str | None = None) -> int:
    """Daily: reminders before due dates and overdue alerts."""
    return notifications.due_reminders(date.fromisoformat(day) if day else timezone.localdate())
