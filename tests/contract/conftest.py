"""The backends the contract suite runs against: the embedded backend on the configured database (SQLite by
default, PostgreSQL when DATABASE_URL points at it) and Elasticsearch whenever ELASTICSEARCH_URL is set."""

import os
import uuid

import pytest

BACKENDS = ["embedded", "elasticsearch"]


@pytest.fixture(params=BACKENDS)
def backend(request, db, settings):
    """A fresh, empty backend of each kind, selected through settings exactly as the site selects it."""
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server on this machine (CI skips it too)")
        settings.SEARCH_BACKEND = "search.backends.elasticsearch"
        settings.SEARCH_BACKEND_OPTIONS = {"URL": url, "INDEX_PREFIX": f"test-{uuid.uuid4().hex[:10]}"}
    else:
        settings.SEARCH_BACKEND = "search.backends.embedded"
        settings.SEARCH_BACKEND_OPTIONS = {}
    from search.backends import get_backend

    instance = get_backend()
    instance.clear()
    yield instance
    if request.param == "elasticsearch":
        instance.client.indices.delete(index=f"{instance.prefix}-*", ignore_unavailable=True)
