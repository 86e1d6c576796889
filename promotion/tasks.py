"""Celery tasks of enquiries. They take ids, are idempotent and acknowledge late."""

from celery import shared_task

from licensing.tasks import RETRY

from . import notifications


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_acknowledgement(enquiry_id: int) -> bool:
    """The acknowledgement of a new enquiry."""
    return notifications.acknowledge(enquiry_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, **RETRY)
def send_answer(message_id: int) -> bool:
    """One answer of the board."""
    return notifications.send_answer(message_id)
