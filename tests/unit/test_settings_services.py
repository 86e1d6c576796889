"""The production topology's settings, each built from the environment in a fresh process: PostgreSQL's
connection pool and media in an S3-compatible bucket, with the embedded default kept when they are not asked for."""

import json
import os
import subprocess
import sys

import pytest

from .test_settings import PRODUCTION_ENV, ROOT

POSTGRES_URL = "postgres://root@127.0.0.1:5432/invest_portal"
# Variables that must come from each test only, never from the shell that runs the tests.
OWN = ("DATABASE_", "CONN_MAX_AGE", "AWS_", "MEDIA_", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE",
       "SECRET_KEY", "ALLOWED_HOSTS", "CELERY_", "STATIC_ROOT")

DESCRIBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
storage = storages["default"]
print(json.dumps({
    "database": {key: settings.DATABASES["default"].get(key) for key in ("ENGINE", "CONN_MAX_AGE", "OPTIONS")},
    "storage": f"{type(storage).__module__}.{type(storage).__name__}",
    "location": str(getattr(storage, "location", "")),
    "media_root": str(settings.MEDIA_ROOT),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "s3": {key: getattr(storage, key, None) for key in (
        "bucket_name", "endpoint_url", "region_name", "custom_domain", "querystring_auth", "file_overwrite",
        "addressing_style")},
    "url": default_storage.url("images/plot map.jpg"),
}, default=str))
"""


def _settings(env: dict, module: str = "portal.settings.production") -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(OWN)}
    return subprocess.run([sys.executable, "-c", DESCRIBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": module, **env})


def _described(env: dict, module: str = "portal.settings.production") -> dict:
    result = _settings(env, module)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- PostgreSQL's connection pool ----------------------------------------------------------------------------

def test_the_pool_is_on_when_asked_with_its_sizes_and_no_persistent_connections():
    described = _described({"DATABASE_URL": POSTGRES_URL, "DATABASE_POOL": "true",
                            "DATABASE_POOL_MIN_SIZE": "1", "DATABASE_POOL_MAX_SIZE": "6",
                            "DATABASE_POOL_TIMEOUT": "5"})
    database = described["database"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 6, "timeout": 5.0}
    assert database["CONN_MAX_AGE"] == 0


def test_without_the_pool_connections_persist_as_before():
    database = _described({"DATABASE_URL": POSTGRES_URL})["database"]
    assert "pool" not in database["OPTIONS"]
    assert database["CONN_MAX_AGE"] == 60


def test_the_pool_is_refused_on_sqlite():
    result = _settings({"DATABASE_POOL": "true"})  # PRODUCTION_ENV's DATABASE_URL is SQLite
    assert result.returncode != 0
    assert "DATABASE_POOL needs a PostgreSQL DATABASE_URL" in result.stderr


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="needs the PostgreSQL server that DATABASE_URL names")
def test_queries_go_through_the_pool_on_a_real_server():
    """Two requests in one process are served by the same pooled server connection (the same backend process),
    handed out twice by the pool (psycopg_pool's own figures)."""
    script = """
import django
django.setup()
from django.db import close_old_connections, connection
backends = []
for _ in range(2):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backends.append(cursor.fetchone()[0])
    close_old_connections()  # what Django does at the end of each request
stats = connection.pool.get_stats()
print(type(connection.pool).__name__, stats["requests_num"], len(set(backends)))
"""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(OWN)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
             "DATABASE_URL": os.environ["DATABASE_URL"], "DATABASE_POOL": "true", "DATABASE_POOL_MIN_SIZE": "1",
             "DATABASE_POOL_MAX_SIZE": "1"})
    assert result.returncode == 0, result.stderr
    pool, requests, backends = result.stdout.split()
    assert pool == "ConnectionPool"
    assert int(requests) == 2
    assert int(backends) == 1


# --- media in an S3-compatible bucket -------------------------------------------------------------------------

def test_media_stay_on_the_local_disk_without_a_bucket(tmp_path):
    described = _described({"MEDIA_ROOT": str(tmp_path / "media")})
    assert described["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert described["location"] == described["media_root"] == str(tmp_path / "media")
    assert described["url"] == "/media/images/plot%20map.jpg"


def test_a_bucket_behind_a_cdn_gives_stable_public_links_allowed_as_images():
    described = _described({
        "AWS_STORAGE_BUCKET_NAME": "portal-media", "AWS_S3_REGION_NAME": "ap-southeast-1",
        "AWS_S3_ENDPOINT_URL": "https://s3.province.test:9000", "AWS_S3_CUSTOM_DOMAIN": "media.province.test",
        "AWS_QUERYSTRING_AUTH": "false"})
    assert described["storage"] == "storages.backends.s3.S3Storage"
    assert described["s3"] == {
        "bucket_name": "portal-media", "endpoint_url": "https://s3.province.test:9000",
        "region_name": "ap-southeast-1", "custom_domain": "media.province.test", "querystring_auth": False,
        "file_overwrite": False, "addressing_style": None}
    assert described["url"] == "https://media.province.test/images/plot%20map.jpg"
    assert "https://media.province.test" in described["img_src"]


def test_a_private_self_hosted_bucket_gives_signed_links_from_its_endpoint():
    described = _described({
        "MEDIA_S3_BUCKET": "portal-media", "AWS_S3_ENDPOINT_URL": "https://s3.province.test:9000",
        "AWS_S3_ADDRESSING_STYLE": "path", "AWS_ACCESS_KEY_ID": "portal", "AWS_SECRET_ACCESS_KEY": "not-a-secret"})
    assert described["storage"] == "storages.backends.s3.S3Storage"
    assert described["s3"]["bucket_name"] == "portal-media"
    assert described["s3"]["querystring_auth"] is True
    assert described["url"].startswith("https://s3.province.test:9000/portal-media/images/plot%20map.jpg?")
    assert "X-Amz-Signature=" in described["url"]
    assert "https://s3.province.test:9000" in described["img_src"]
