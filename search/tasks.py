"""Celery tasks of the search index. They take ids, are idempotent and retry while the service is down."""

from celery import shared_task
from django.db import OperationalError

from . import services
from .backends.base import SearchUnavailable

# Retried while the search store is down or the database is briefly unavailable (locked, restarting).
# Countdowns 1, 2, 4 … 300 s: always far below the broker's visibility timeout.
RETRY = {"autoretry_for": (SearchUnavailable, OperationalError), "retry_backoff": 1, "retry_backoff_max": 300,
         "retry_jitter": False, "max_retries": 20}


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180, **RETRY)
def update_index(doc_type: str, object_id: str) -> int:
    """Index (or remove) one object; returns the number of documents stored for it."""
    return services.index_object(doc_type, object_id)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=2000, **RETRY)
def rebuild_index() -> int:
    """Rebuild the whole index."""
    return services.rebuild_index()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=700, **RETRY)
def refresh_dated_documents() -> int:
    """Nightly: bring procedures and policies in step with the date (see services.refresh_dated)."""
    return services.refresh_dated()
