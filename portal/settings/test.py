"""Test settings: development's (static files from the apps) with what a test run needs. The embedded
default unless DATABASE_URL / CELERY_BROKER_URL point at real services. Each run keeps its files (media,
queue, SQLite database) under its own folder in the temporary directory, created when first needed."""

import os
import re
import tempfile
import uuid
from pathlib import Path

from .base import CACHES, CELERY_BROKER_URL, DATABASES, filesystem_broker
from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAGE_CACHE_SECONDS = 0  # off: the tests of the page cache turn it on

RUN_DIR = Path(tempfile.gettempdir()) / f"portal-test-{uuid.uuid4().hex[:12]}"
MEDIA_ROOT = RUN_DIR / "media"

def _worker_redis(url: str, worker: str) -> str:
    """A Redis URL moved to a database of pytest-xdist worker ``gwN``'s own (the given one + 2(N + 1), modulo 16):
    one worker's cache flush or queued task never reaches another's."""
    number = int(worker.removeprefix("gw"))
    return re.sub(r"/(\d+)$", lambda match: f"/{(int(match.group(1)) + 2 * (number + 1)) % 16}", url)


_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER and CELERY_BROKER_URL.startswith("redis://"):
    if CELERY_RESULT_BACKEND.startswith("redis://"):  # noqa: F405
        CELERY_RESULT_BACKEND = _worker_redis(CELERY_RESULT_BACKEND, _WORKER)  # noqa: F405
    # Celery reads the CELERY_BROKER_URL environment variable before this setting, but takes its read and
    # write URLs from settings when their own variables are unset: both name the worker's database.
    CELERY_BROKER_URL = CELERY_BROKER_READ_URL = CELERY_BROKER_WRITE_URL = _worker_redis(CELERY_BROKER_URL, _WORKER)
if _WORKER and str(CACHES["default"].get("LOCATION", "")).startswith("redis://"):
    CACHES["default"]["LOCATION"] = _worker_redis(CACHES["default"]["LOCATION"], _WORKER)

if CELERY_BROKER_URL.startswith("filesystem://"):
    # Each test run gets its own queue folders so that parallel runs never share messages.
    CELERY_BROKER_TRANSPORT_OPTIONS, CELERY_RESULT_BACKEND = filesystem_broker(RUN_DIR / "celery")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: the live server, the Celery worker threads and the test thread then
    # wait on each other's locks (WAL + busy timeout) instead of failing with "database table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(RUN_DIR / "test.sqlite3")}
