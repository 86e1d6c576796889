"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_CACHES = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """The sign-in throttle and the per-process caches' versions need one cache that every worker shares."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PROCESS_LOCAL_CACHES:
        return [checks.Error(
            f"The default cache ({backend}) is private to each process: sign-in limits would be per worker and "
            "data changes would not reach other workers.", hint="Set CACHE_URL to a Redis URL (redis://…).",
            id="portal.E001")]
    return []
