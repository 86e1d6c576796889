"""Publishing goes through signals -> on_commit -> a real Celery worker; while the search store is down,
publishing still succeeds and the page is indexed by a retry once the store is back (backoff)."""

import threading
from collections import Counter

import pytest
from celery import signals
from django.db import connection

from search.backends import get_backend
from search.backends.base import SearchQuery, SearchUnavailable
from search.tasks import update_index
from tests import factories_search as f
from tests.waiting import wait_until

TABLE = "search_searchdocument"


class TaskLog:
    """What the worker did with the ``update_index`` tasks sent during a test (Celery's own signals)."""

    def __init__(self):
        self._lock = threading.Lock()  # the test thread and the worker's threads all report here
        #: Task id -> messages sent minus attempts finished (a retry is sent again under the same id).
        self.pending: Counter[str] = Counter()
        #: (doc_type, object_id) of the tasks that failed and were scheduled again.
        self.retried: set[tuple[str, str]] = set()
        #: (doc_type, object_id) of the objects whose documents a retry stored.
        self.stored_by_retry: set[tuple[str, str]] = set()

    def idle(self) -> bool:
        """Every task sent during the test (and every retry) has been run."""
        with self._lock:
            return all(count <= 0 for count in self.pending.values())

    def on_sent(self, sender=None, headers=None, **kwargs):  # the sender is the task's name
        if sender == update_index.name:
            with self._lock:
                self.pending[headers["id"]] += 1

    def on_finished(self, sender=None, task_id=None, **kwargs):
        if _is_update_index(sender):
            with self._lock:
                self.pending[task_id] -= 1

    def on_retry(self, sender=None, request=None, **kwargs):
        if _is_update_index(sender):
            with self._lock:
                self.retried.add(tuple(request.args))

    def on_success(self, sender=None, result=None, **kwargs):
        if _is_update_index(sender) and sender.request.retries and result:
            with self._lock:
                self.stored_by_retry.add(tuple(sender.request.args))


def _is_update_index(task) -> bool:
    return getattr(task, "name", None) == update_index.name


@pytest.fixture
def task_log():
    log = TaskLog()
    receivers = [(signals.after_task_publish, log.on_sent), (signals.task_postrun, log.on_finished),
                 (signals.task_retry, log.on_retry), (signals.task_success, log.on_success)]
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False)
    yield log
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def found(text: str) -> list[str]:
    try:
        query = SearchQuery(text=text, filters={"type": ("zone",)})
        return [hit.title for hit in get_backend().search(query).hits]
    except SearchUnavailable:
        return []


def rename(old: str, new: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {old} RENAME TO {new}")


@pytest.mark.smoke
def test_publish_unpublish_delete_reach_the_index_through_the_worker(celery_worker, home_page):
    zone = f.zone(home_page, "Becamex Binh Phuoc Industrial Park", "becamex", 106.6, 11.45)
    wait_until(lambda: found("becamex") == ["Becamex Binh Phuoc Industrial Park"], message="indexed")
    zone.unpublish()
    wait_until(lambda: found("becamex") == [], message="removed after unpublishing")
    zone.save_revision().publish()
    wait_until(lambda: found("becamex") != [], message="indexed again after publishing")
    zone.delete()
    wait_until(lambda: found("becamex") == [], message="removed after deleting")


def test_publishing_while_the_search_store_is_down_is_indexed_by_a_retry(celery_worker, home_page, task_log):
    f.zone_index(home_page)
    rename(TABLE, f"{TABLE}_offline")  # the search store is gone: every backend call fails for real
    try:
        with pytest.raises(SearchUnavailable):
            get_backend().search(SearchQuery(text="anything"))
        zone = f.zone(home_page, "Chon Thanh II Industrial Park", "chon-thanh-ii", 106.61, 11.42)
        assert zone.live  # publishing succeeded
        key = ("zone", str(zone.pk))
        wait_until(lambda: key in task_log.retried, message="the worker failing to index the zone, retrying later")
    finally:
        rename(f"{TABLE}_offline", TABLE)
    wait_until(lambda: found("chon thanh") == ["Chon Thanh II Industrial Park"], message="indexed once back")
    wait_until(lambda: key in task_log.stored_by_retry, message="a retry storing the zone")


def test_a_plots_import_reindexes_its_zone(celery_worker, home_page, admin_user, task_log):
    """Plots are written in bulk without per-row signals; the zone's available land still reaches the index."""
    from tests.factories_gis import CORPUS, zone_with_boundary
    from zones.gis_import.options import ImportOptions
    from zones.gis_import.services import confirm_import, preview_upload

    zone = zone_with_boundary(home_page)

    def available_land():
        query = SearchQuery(filters={"type": ("zone",)})
        return [float(hit.available_land_ha or 0) for hit in get_backend().search(query).hits]

    wait_until(lambda: found("test park") == ["Test park"], message="the zone indexed")
    # Publishing queued several reindexing tasks: once they are done, only the import can reindex the zone.
    wait_until(task_log.idle, message="the worker finishing the publishing's tasks")
    assert available_land() == [0.0]  # no plots yet

    with open(CORPUS / "plots_ok.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok.geojson", ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record, admin_user)
    zone.refresh_from_db()
    assert zone.all_plots().exists()
    wait_until(lambda: available_land()[0] > 0, message="the zone's available land after the import")
