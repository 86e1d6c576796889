"""Warm a web worker before it serves: what the first request would otherwise pay for (imports, URL patterns,
template compilation, translation catalogues, content types, the database connection) is done when the
worker starts. Called by gunicorn (``gunicorn.conf.py``): ``warm_up`` once in the master before it forks
(``preload_app``), ``connect`` in each worker after the fork; never at import time."""

import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import URLResolver, get_resolver, reverse
from django.utils import formats, translation
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

APP_MODULES = ("urls", "views", "forms", "search_documents", "wagtail_hooks", "api", "templatetags")


def import_app_modules() -> None:
    """Import each installed app's request-time modules (views, forms, …) when it has them."""
    autodiscover_modules(*APP_MODULES)


def resolve_urls() -> int:
    """Import every URLconf and build the reverse tables of each language; return the number of patterns."""
    resolver = get_resolver()

    def walk(patterns) -> int:
        count = 0
        for pattern in patterns:
            count += walk(pattern.url_patterns) if isinstance(pattern, URLResolver) else 1
        return count

    count = walk(resolver.url_patterns)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - built per language on first access
            resolver.namespace_dict  # noqa: B018
    return count


def template_engines() -> list:
    """The Django template engines a request may use: the site's and the form renderer's."""
    from django.forms.renderers import get_default_renderer

    found = [engine.engine for engine in engines.all() if hasattr(engine, "engine")]
    renderer_engine = getattr(get_default_renderer(), "engine", None)
    if renderer_engine is not None and hasattr(renderer_engine, "engine"):
        found.append(renderer_engine.engine)
    return found


def template_names(engine) -> set[str]:
    """Every template file name the engine's loaders can find (its folders and each app's ``templates``)."""
    folders = list(engine.dirs)
    if engine.app_dirs or any("app_directories" in str(loader) for loader in engine.loaders):
        from django.template.utils import get_app_template_dirs

        folders += get_app_template_dirs("templates")
    names = set()
    for folder in map(Path, folders):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".svg", ".js", ".json"):
                names.add(path.relative_to(folder).as_posix())
    return names


def compile_templates() -> tuple[int, int]:
    """Load and compile every template through each engine's (cached) loaders; return (compiled, skipped).
    A template that cannot compile here (one for an app that is not installed) is skipped."""
    compiled = skipped = 0
    for engine in template_engines():
        for name in sorted(template_names(engine)):
            try:
                engine.get_template(name)
                compiled += 1
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                skipped += 1
    return compiled, skipped


def load_translations() -> None:
    """Build the translation catalogue and read the formats of each language."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Invest Portal")
            formats.get_format("DATE_FORMAT")
            formats.get_format("DECIMAL_SEPARATOR")


def warm_host() -> str:
    """A host name the site accepts, for the warm-up's own requests."""
    for host in settings.ALLOWED_HOSTS:
        if "*" not in host:
            return host.lstrip(".")
    return "localhost"


def entry_paths() -> list[str]:
    """The entry pages of every language: the home page (Wagtail's site and page lookups, the site settings), the
    zone index (its filter form and shared fragments), the dashboard, whose content every visitor shares and which
    costs most to build, a search (the synonym dictionary, the search form's places and empty fields) and the plan
    (the blank profile form)."""
    from zones.models import ZoneIndexPage

    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [f"/{code}/", reverse("projects:dashboard"), f"{reverse('search:search')}?q=zone",
                      reverse("licensing:plan")]
            index = ZoneIndexPage.objects.live().filter(locale__language_code=code).first()
            if index is not None:
                paths.append(index.get_url())
    return paths


def first_paths() -> list[str]:
    """The pages ``serve_first_pages`` serves by default: the entry pages (``entry_paths``) and each public zone
    page of every language (what each process keeps of a zone: its plot rows, land figures, map features and
    rendered parts)."""
    from zones.models import ZonePage

    paths = entry_paths()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            zones = ZonePage.objects.live().public().filter(locale__language_code=code).order_by("path")
            paths += [url for url in (zone.get_url() for zone in zones) if url]
    return paths


def serve_first_pages(paths: list[str] | None = None) -> dict[str, int]:
    """Serve each of ``paths`` (by default ``first_paths()``) once through the WSGI handler (middleware, the
    per-process and shared caches a page fills); return each path's status code.
    Reads the database and leaves its connections open (the request signals that would close them are
    held back, as Django's test client does): in a process that forks afterwards, close them before forking."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    handler = WSGIHandler()
    statuses = {}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with translation.override(translation.get_language()):  # the locale middleware leaves its language active
            for path in first_paths() if paths is None else paths:
                path_info, _mark, query = path.partition("?")
                environ = {"PATH_INFO": path_info, "QUERY_STRING": query, "HTTP_HOST": warm_host(),
                           "HTTP_X_FORWARDED_PROTO": "https", "HTTP_USER_AGENT": "portal-warm-up",
                           "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "https"}
                setup_testing_defaults(environ)
                response = handler(environ, lambda status, headers, exc_info=None: None)
                try:
                    b"".join(response)
                finally:
                    response.close()
                statuses[path] = response.status_code
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return statuses


def build_shared_content() -> list[str]:
    """Build, in each language, what every zone page reads and no entry page does (the incentive policies
    with their rules compiled, zone names and sector labels), so that a zone's first visit builds only what is
    its own; return the languages done. Reads the database, like ``serve_first_pages``."""
    from zones.services import warm_zone_incentives

    done = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            warm_zone_incentives()
        done.append(code)
    return done


def warm_up() -> dict:
    """Do what a first request would: import, resolve, compile and translate. Opens no connection, so that
    it may run in a process that forks afterwards; return what was done, with the time taken."""
    start = time.perf_counter()
    import_app_modules()
    patterns = resolve_urls()
    compiled, skipped = compile_templates()
    load_translations()
    done = {"url_patterns": patterns, "templates": compiled, "templates_skipped": skipped,
            "seconds": round(time.perf_counter() - start, 2)}
    logger.info("warm-up: %s", done)
    return done


def connect() -> None:
    """Open this process's database connections and read every content type once (Wagtail looks a page's
    type up on each page request; Django keeps them per process)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    for connection in connections.all():
        connection.ensure_connection()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
