"""Publishing goes through signals -> on_commit -> a real Celery worker; while the search store is down,
publishing still succeeds and the page is indexed once the store is back (the task retries with backoff)."""

import time

import pytest
from django.db import connection

from search.backends import get_backend
from search.backends.base import SearchQuery, SearchUnavailable
from tests import factories_search as f

TABLE = "search_searchdocument"


def found(text: str) -> list[str]:
    try:
        query = SearchQuery(text=text, filters={"type": ("zone",)})
        return [hit.title for hit in get_backend().search(query).hits]
    except SearchUnavailable:
        return []


def wait_for(predicate, timeout=40.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def rename(old: str, new: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {old} RENAME TO {new}")


@pytest.mark.smoke
def test_publish_unpublish_delete_reach_the_index_through_the_worker(celery_worker, home_page):
    zone = f.zone(home_page, "Becamex Binh Phuoc Industrial Park", "becamex", 106.6, 11.45)
    assert wait_for(lambda: found("becamex") == ["Becamex Binh Phuoc Industrial Park"])
    zone.unpublish()
    assert wait_for(lambda: found("becamex") == [])
    zone.save_revision().publish()
    assert wait_for(lambda: found("becamex") != [])
    zone.delete()
    assert wait_for(lambda: found("becamex") == [])


def test_publishing_while_the_search_store_is_down_is_indexed_when_it_returns(celery_worker, home_page):
    f.zone_index(home_page)
    rename(TABLE, f"{TABLE}_offline")  # the search store is gone: every backend call fails for real
    try:
        with pytest.raises(SearchUnavailable):
            get_backend().search(SearchQuery(text="anything"))
        zone = f.zone(home_page, "Chon Thanh II Industrial Park", "chon-thanh-ii", 106.61, 11.42)
        assert zone.live  # publishing succeeded
        time.sleep(2.5)  # the worker has tried and scheduled a retry
    finally:
        rename(f"{TABLE}_offline", TABLE)
    assert wait_for(lambda: found("chon thanh") == ["Chon Thanh II Industrial Park"]), "never indexed"


def test_a_plots_import_reindexes_its_zone(celery_worker, home_page, admin_user):
    """Plots are written in bulk without per-row signals; the zone's available land still reaches the index."""
    from tests.factories_gis import CORPUS, zone_with_boundary
    from zones.gis_import.options import ImportOptions
    from zones.gis_import.services import confirm_import, preview_upload

    zone = zone_with_boundary(home_page)

    def available_land():
        query = SearchQuery(filters={"type": ("zone",)})
        return [float(hit.available_land_ha or 0) for hit in get_backend().search(query).hits]

    assert wait_for(lambda: found("test park") == ["Test park"])
    time.sleep(3)  # publishing queued several reindexing tasks: let the worker finish them all
    assert available_land() == [0.0]  # no plots yet

    with open(CORPUS / "plots_ok.geojson", "rb") as handle:
        record, _prepared = preview_upload(handle, "plots_ok.geojson", ImportOptions(target="plots", zone_id=zone.pk),
                                           admin_user)
    confirm_import(record)
    zone.refresh_from_db()
    assert zone.all_plots().exists()
    assert wait_for(lambda: available_land()[0] > 0)
