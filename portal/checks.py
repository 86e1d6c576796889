"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from urllib.parse import urlsplit

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


LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"}  # noqa: S104 - names refused, nothing bound


def _placeholder_host(host: str) -> bool:
    """Loopback, unspecified or RFC 2606 example names: no reader of an e-mail can open them."""
    labels = host.lower().rstrip(".").split(".")
    return (host.lower() in LOCAL_HOSTS or host.startswith("127.") or labels[-1] in {"localhost", "example"}
            or labels[-2:-1] == ["example"])


@checks.register(checks.Tags.security, deploy=True)
def site_address(app_configs, **kwargs):
    """Every e-mail link is built from ``WAGTAILADMIN_BASE_URL`` (``core.links.site_url``): in production it
    must be the site's public https address."""
    address = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    parts = urlsplit(address)
    hint = "Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://invest.province.gov.vn."
    if not parts.hostname:
        return [checks.Error("WAGTAILADMIN_BASE_URL is not set: e-mail links would have no address.", hint=hint,
                             id="portal.E002")]
    if parts.scheme != "https":
        return [checks.Error(f"WAGTAILADMIN_BASE_URL ({address}) is not https: e-mail links would be sent over "
                             "plain HTTP.", hint=hint, id="portal.E003")]
    if _placeholder_host(parts.hostname):
        return [checks.Error(f"WAGTAILADMIN_BASE_URL ({address}) names a local or example host: e-mail links "
                             "would not reach the site.", hint=hint, id="portal.E004")]
    return []
