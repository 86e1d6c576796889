"""The worker warm-up (portal.warmup): after it, serving the public pages loads no template, the URL tables
of every language are built and a zone's first visit builds only its own incentives."""

import pytest
from django.conf import settings
from django.urls import clear_url_caches, get_resolver
from django.utils import translation

from portal import warmup
from zones.models import ZoneIndexPage

pytestmark = pytest.mark.django_db

PAGES = ["/en/", "/vi/", "/en/zones/", "/en/projects/dashboard/", "/en/licensing/plan/",
         "/en/search/?q=industrial+park"]


def cached_loaders() -> list:
    """The cached template loaders of the site's engine and of the form renderer's."""
    return [loader for engine in warmup.template_engines() for loader in engine.template_loaders
            if hasattr(loader, "get_template_cache")]


def loaded_templates() -> set[tuple[int, str]]:
    """The names each cached loader has loaded (or looked for) so far."""
    return {(index, name) for index, loader in enumerate(cached_loaders()) for name in loader.get_template_cache}


def forget_templates() -> None:
    for loader in cached_loaders():
        loader.reset()


@pytest.fixture
def site(demo_registry):
    from zones.models import ZonePage

    return ZonePage.objects.live().filter(locale__language_code="en").first()


def test_after_warm_up_serving_the_pages_loads_no_template(client, site):
    pages = [*PAGES, site.url]
    forget_templates()
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert loaded_templates(), "the cached loaders' caches are what this test watches"

    forget_templates()
    done = warmup.warm_up()
    before = loaded_templates()
    assert done["templates"] > 100
    assert {"base.html", "portal/home_page.html", "forms/field.html"} <= {name for _index, name in before}
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert loaded_templates() - before == set()


def test_warm_up_builds_the_url_tables_of_every_language():
    clear_url_caches()
    resolver = get_resolver()
    assert resolver._reverse_dict == {}
    done = warmup.warm_up()
    assert done["url_patterns"] > 100
    assert {code for code, _name in settings.LANGUAGES} <= set(resolver._reverse_dict)


def test_serving_the_first_pages_leaves_the_language_alone(home_page):
    home_page.add_child(instance=ZoneIndexPage(title="Zones", slug="zones"))
    statuses = warmup.serve_first_pages()
    assert statuses["/en/"] == 200 and statuses["/vi/"] == 200
    assert statuses["/en/projects/dashboard/"] == 200 and statuses["/vi/projects/dashboard/"] == 200
    assert statuses["/en/zones/"] == 200
    assert statuses["/en/search/?q=zone"] == 200 and statuses["/vi/licensing/plan/"] == 200
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_serving_the_first_pages_builds_what_each_zone_page_keeps(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import zone_index
    from tests.factories_zones import make_plots, make_zone

    park = make_zone(zone_index(home_page), "park", developer="Developer JSC")
    make_plots(park, 3)
    hidden = make_zone(zone_index(home_page), "hidden", publish=False)
    statuses = warmup.serve_first_pages()
    assert statuses[park.url] == 200 and hidden.url not in statuses
    with CaptureQueriesContext(connection) as first:
        assert "Developer JSC" in client.get(park.url).text
    read = " ".join(query["sql"] for query in first.captured_queries)
    assert "zones_plot" not in read and "zones_zonedistance" not in read  # kept: built by the warm-up


def test_serving_the_first_pages_builds_what_a_search_and_the_plan_keep(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warmup.serve_first_pages()
    for path in ("/en/search/?q=park", "/en/licensing/plan/"):
        with CaptureQueriesContext(connection) as first:
            assert client.get(path).status_code == 200
        read = " ".join(query["sql"] for query in first.captured_queries)
        assert "zones_namedplace" not in read and "search_synonym" not in read, path


def test_after_building_the_shared_content_a_zone_builds_only_its_own_incentives(home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.factories import zone_index
    from tests.factories_zones import make_zone
    from zones.services import zone_incentives

    first, second = make_zone(zone_index(home_page), "first"), make_zone(zone_index(home_page), "second")
    today = timezone.localdate()
    assert warmup.build_shared_content() == [code for code, _name in settings.LANGUAGES]
    with translation.override("en"), CaptureQueriesContext(connection) as built:
        zone_incentives(first, today)
    assert len(built) == 1  # the zone's communes
    first.save_revision().publish()  # a page changes: what every zone reads is built again, once
    with translation.override("en"), CaptureQueriesContext(connection) as rebuilt:
        zone_incentives(first, today)
        zone_incentives(second, today)
    assert len(rebuilt) > 2
    assert len([q for q in rebuilt if "zones_administrativeunit" in q["sql"]]) == 2


@pytest.mark.django_db(transaction=True)
def test_the_master_freezes_what_it_built_before_the_workers_fork(home_page):
    import gc
    import logging
    from types import SimpleNamespace

    config = gunicorn_settings()
    gc.unfreeze()
    try:
        config.when_ready(SimpleNamespace(log=logging.getLogger("gunicorn.error")))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def gunicorn_settings():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("gunicorn_settings", Path(settings.BASE_DIR) / "gunicorn.conf.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    return config


@pytest.mark.django_db(transaction=True)
def test_each_worker_serves_the_entry_pages_once_before_its_first_visitor(home_page):
    from types import SimpleNamespace

    from tests.factories import zone_index
    from tests.factories_zones import make_zone

    park = make_zone(zone_index(home_page), "park")
    logged = []
    log = SimpleNamespace(info=lambda message, *args: logged.append(message % args if args else message))
    gunicorn_settings().post_worker_init(SimpleNamespace(cfg=SimpleNamespace(preload_app=True), log=log))
    served = next(line for line in logged if line.startswith("worker warm-up, entry pages served"))
    assert "'/en/': 200" in served and "'/vi/search/?q=zone': 200" in served and "'/en/zones/': 200" in served
    assert park.url not in served  # the master served the zone pages; the worker only touches the entry pages
    assert logged[-1] == "worker ready"
