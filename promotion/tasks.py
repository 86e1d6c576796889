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


# --- aftercare ---------------------------------------------------------------------------------------------
@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_aftercare_answer(message_id: int) -> bool:
    """One answer of the board on an aftercare issue, to the investor's people."""
    from . import aftercare_mail

    return aftercare_mail.send_answer(message_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_aftercare_escalation(issue_id: int) -> bool:
    """The escalation of one aftercare issue, to the board's heads."""
    from . import aftercare_mail

    return aftercare_mail.send_escalation(issue_id)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660, **RETRY)
def escalate_overdue_aftercare(day: str | None = None) -> int:
    """Daily: escalate, once each, the aftercare issues past their due date."""
    from . import aftercare_escalation

    return aftercare_escalation.escalate_overdue(date.fromisoformat(day) if day else None)
