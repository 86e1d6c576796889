"""Tasks go to the queue of their kind (imports, notifications, indexing, default) through the real broker,
and the tests' worker, like a worker started without -Q, consumes them all."""

import uuid

import pytest
from django.conf import settings
from kombu import Connection

from core.imports import remove_staged_import_files
from licensing.tasks import notify_status_change, send_due_reminders
from portal.celery import app as celery_app
from portal.tasks import ping
from projects.tasks import run_import, validate_import
from promotion.tasks import send_acknowledgement, send_reminders
from search.tasks import rebuild_index, update_index
from zones.gis_import.tasks import run_gis_import

SENT = [
    (run_gis_import, (10**9,), "imports"),
    (validate_import, (10**9,), "imports"),
    (run_import, (10**9,), "imports"),
    (remove_staged_import_files, (), "imports"),
    (notify_status_change, (10**9,), "notifications"),
    (send_due_reminders, ("2000-01-03",), "notifications"),
    (send_acknowledgement, (10**9,), "notifications"),
    (send_reminders, ("2000-01-03",), "notifications"),
    (update_index, ("zone", "0"), "indexing"),
    (rebuild_index, (), "indexing"),
    (ping, ("routing",), "default"),
]


@pytest.fixture
def empty_broker():
    """The broker's queues, empty before and after: nothing sent here is ever run."""
    celery_app.control.purge()
    yield
    celery_app.control.purge()


def _task_names_in(queue: str) -> list[str]:
    """Take every message out of ``queue`` and return the names of their tasks."""
    names = []
    with celery_app.connection_for_read() as connection:
        channel = connection.default_channel
        while (message := channel.basic_get(queue, no_ack=True)) is not None:
            names.append(message.headers["task"])
    return sorted(names)


def test_tasks_are_sent_and_consumed_where_the_settings_say():
    """Celery reads CELERY_BROKER_URL from the environment before settings: the URLs it sends and consumes with
    must still be the settings' (under pytest-xdist, a process's own Redis database), or one process's worker
    runs another's tasks against the wrong database."""
    expected = Connection(settings.CELERY_BROKER_URL).as_uri()
    for connection in (celery_app.connection_for_read(), celery_app.connection_for_write()):
        with connection:
            assert connection.as_uri() == expected


def test_each_kind_of_task_lands_in_its_own_queue(empty_broker):
    assert set(celery_app.amqp.queues) == {"default", "imports", "notifications", "indexing"}
    for task, args, _queue in SENT:
        task.apply_async(args)
    for queue in celery_app.amqp.queues:
        expected = sorted(task.name for task, _args, kind in SENT if kind == queue)
        assert _task_names_in(queue) == expected, queue


BEAT_ENTRIES = {
    "licensing-due-reminders": "notifications",
    "promotion-reminders": "notifications",
    "promotion-aftercare-escalations": "notifications",
    "search-refresh-dated": "indexing",
    "imports-remove-staged-files": "imports",
}


def test_beat_entries_are_routed_by_their_task_name(empty_broker):
    """Beat sends by name: the route follows the task's name, not who sends it."""
    schedule = celery_app.conf.beat_schedule
    for key in BEAT_ENTRIES:
        celery_app.send_task(schedule[key]["task"])
    for queue in celery_app.amqp.queues:
        expected = sorted(schedule[key]["task"] for key, kind in BEAT_ENTRIES.items() if kind == queue)
        assert _task_names_in(queue) == expected, queue


def test_the_tests_worker_runs_tasks_from_every_queue(celery_worker):
    """A task sent to each queue, under its own name, comes back from the one worker."""
    for queue in celery_app.amqp.queues:
        token = uuid.uuid4().hex
        result = ping.apply_async((token,), queue=queue)
        assert result.get(timeout=30)["token"] == token, queue
