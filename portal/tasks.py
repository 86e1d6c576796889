"""Site-level Celery tasks."""

import socket

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=10, time_limit=20)
def ping(token: str) -> dict:
    """Echo ``token`` with the worker's host name: proves a message round-trips through the broker."""
    return {"token": token, "worker": socket.gethostname()}
