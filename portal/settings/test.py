"""Test settings: the embedded default unless DATABASE_URL / CELERY_BROKER_URL point at real services."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-media-"))
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal-test")}

if CELERY_BROKER_URL.startswith("filesystem://"):
    # Each test run gets its own queue folders so that parallel runs never share messages.
    _queue = Path(tempfile.mkdtemp(prefix="portal-celery-"))
    for _sub in ("queue", "processed", "results", "control"):
        (_queue / _sub).mkdir()
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "queue"),
        "data_folder_out": str(_queue / "queue"),
        "processed_folder": str(_queue / "processed"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_queue / 'results'}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the live server, the Celery worker threads and the test thread then
    # wait on each other's locks (WAL + busy timeout) instead of failing with "database table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="portal-testdb-")) / "test.sqlite3")}  # noqa: F405
