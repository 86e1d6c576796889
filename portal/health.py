"""Health checks of the services the site depends on. Each check returns ``(ok, detail)``."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection


def check_database() -> tuple[bool, str]:
    """Run a trivial query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any driver error means "down"; reported, not hidden
        return False, f"{type(exc).__name__}: {exc}"
    return True, connection.vendor


def check_broker() -> tuple[bool, str]:
    """Open a connection to the Celery broker named in settings."""
    url = settings.CELERY_BROKER_URL
    try:
        with Connection(url, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
                        connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            conn.default_channel  # noqa: B018 - opening the channel is the check
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"
    return True, url.split("://", 1)[0]


def check_cache() -> tuple[bool, str]:
    """Write and read back a key in the default cache."""
    try:
        cache.set("portal:healthz", "ok", 10)
        ok = cache.get("portal:healthz") == "ok"
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"
    return ok, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_search() -> tuple[bool, str]:
    """Ask the configured public search backend (search.backends) whether it answers."""
    from search.backends import get_backend

    return get_backend().ping()


CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "cache": check_cache,
    "search": check_search,
}


def run_checks() -> tuple[bool, dict]:
    """Run every check; return whether all passed and a JSON-ready report."""
    report = {}
    for name, check in CHECKS.items():
        ok, detail = check()
        report[name] = {"ok": ok, "detail": detail}
    return all(item["ok"] for item in report.values()), report
