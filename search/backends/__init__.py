"""Search backends. The one in use is named by ``settings.SEARCH_BACKEND`` and loaded by ``get_backend()``."""

from importlib import import_module

from django.conf import settings

_cache: dict[tuple, object] = {}


def get_backend():
    """The configured backend: ``settings.SEARCH_BACKEND`` is a module path exposing ``SearchBackend``.

    Instances are cached per (path, options), so overriding the settings in a test yields a fresh one.
    """
    path = settings.SEARCH_BACKEND
    options = dict(getattr(settings, "SEARCH_BACKEND_OPTIONS", {}) or {})
    key = (path, repr(sorted(options.items())))
    backend = _cache.get(key)
    if backend is None:
        backend = import_module(path).SearchBackend(options)
        _cache[key] = backend
    return backend
