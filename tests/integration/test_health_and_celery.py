"""/healthz against the real services, and a task round-tripping through a real broker and worker."""

import uuid

import pytest
from django.conf import settings

from portal.tasks import ping


@pytest.mark.smoke
@pytest.mark.django_db
def test_healthz_reports_every_service(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert set(body["checks"]) == {"database", "broker", "cache", "search"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["database"]["detail"] in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, settings):
    # Port 9 on loopback has no listener: a real refused connection, not a mock.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


@pytest.mark.smoke
def test_task_round_trips_through_the_broker(celery_worker):
    token = uuid.uuid4().hex
    result = ping.delay(token)
    assert result.get(timeout=30)["token"] == token
    expected = "redis" if settings.CELERY_BROKER_URL.startswith("redis") else "filesystem"
    assert celery_worker.app.connection_for_write().transport_cls == expected
