"""Fixtures shared by every test: the site tree with its home pages, users and a real Celery worker."""

import pytest
from amqp.exceptions import ChannelError
from celery.contrib.testing.worker import start_worker
from celery.worker import state as worker_state
from django.core.cache import cache
from django.utils import translation

from portal import demo
from portal.celery import app as celery_app

from .waiting import wait_until


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Nothing cached by one test (spatial index versions, rendered maps, throttle counters) reaches the next:
    a rolled-back test sends no signal saying that its zones are gone."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Every test starts in the default language: a request to /vi/ leaves Vietnamese active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """The demo home page (English) with its Vietnamese translation, as the default site's root (the other
    languages' home pages cost a translation each: a test that needs them makes them)."""
    return demo.ensure_home_pages(languages=("en", "vi"))


@pytest.fixture
def demo_registry(home_page):
    """The demo zones and project registry."""
    from projects import demo as projects_demo
    from zones import demo as zones_demo

    zones_demo.load(home_page)
    projects_demo.load()


@pytest.fixture
def site_settings(home_page):
    return demo.ensure_site_settings()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("root-admin", "admin@example.org", "pw-admin-1234")


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker in a thread, consuming every queue (imports, notifications, indexing, default) from
    the configured broker (filesystem or Redis).

    Tasks run exactly as in production: serialised to JSON, routed to their queue, sent through the broker,
    acknowledged late.
    The queue is purged first: messages left by earlier tests refer to rows their flush already removed.
    Afterwards the messages still queued are dropped, and every task already fetched runs to its end before
    the tables are flushed: one still writing then would deadlock with the flush (PostgreSQL TRUNCATE) or
    write into the next test. Celery's test worker stops with a cold shutdown, which leaves the thread pool's
    running tasks alone, so the pool is stopped (waiting for them) after it.
    """
    celery_app.control.purge()
    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False,
                      shutdown_timeout=10.0, loglevel="WARNING", queues=list(celery_app.amqp.queues)) as worker:
        yield worker
        celery_app.control.purge()
        wait_until(lambda: not (worker_state.active_requests or worker_state.reserved_requests), timeout=30,
                   message="the worker finishing the test's tasks")
    worker.pool.stop()


def _queue_length(queue: str) -> int:
    """Messages waiting in one of the broker's queues (Redis keeps no queue while it is empty: that is 0)."""
    with celery_app.connection_for_read() as connection:
        try:
            return connection.default_channel.queue_declare(queue=queue, passive=True).message_count
        except ChannelError:
            return 0


def _queued_messages() -> int:
    """Messages waiting in all the broker's queues."""
    return sum(_queue_length(queue) for queue in celery_app.amqp.queues)


@pytest.fixture
def worker_settled(celery_worker):
    """A function that waits until the worker has nothing left to do: no message in the broker's queue and
    no task reserved or running, for several polls in a row (a message fetched from the queue is reserved a
    moment later). A test calls it before acting so that a task queued by its setup cannot finish after the
    act and pass for the act's own effect."""

    def settle(timeout: float = 60.0) -> None:
        quiet = {"polls": 0}

        def idle_for_a_while():
            busy = _queued_messages() or worker_state.active_requests or worker_state.reserved_requests
            quiet["polls"] = 0 if busy else quiet["polls"] + 1
            return quiet["polls"] >= 10

        wait_until(idle_for_a_while, timeout=timeout, message="the worker settling")

    return settle
