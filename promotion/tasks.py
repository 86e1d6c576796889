"""Celery tasks of enquiries. They take ids, are idempotent and acknowledge late."""

from datetime import date

from celery import shared_task

from licensing.tasks import RETRY

from . import notifications, reminders


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_acknowledgement(enquiry_id: int) -> bool:
    """The acknowledgement of a new enquiry."""
    return notifications.acknowledge(enquiry_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_answer(message_id: int) -> bool:
    """One answer of the board."""
    return notifications.send_answer(message_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660, **RETRY)
def send_reminders(day: str | None = None) -> int:
    """Daily: reminders before the answer is due and escalations once it is overdue."""
    return reminders.send_reminders(date.fromisoformat(day) if day else None)
