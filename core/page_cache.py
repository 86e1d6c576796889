"""The page cache: public pages as anonymous visitors see them, kept in the shared cache and purged precisely.

Two middlewares built on Django's cache utilities (``django.utils.cache``): ``UpdatePageCacheMiddleware`` (just
inside the gzip middleware, so that the uncompressed body is stored) and ``FetchPageCacheMiddleware`` (last, once
the session, the language and the user are known). A response is stored only for an anonymous GET or HEAD without
a session cookie, of a public path, answered 200 and not streamed, setting no cookie but the CSRF one and not
marked private or no-store. A hit carries ``X-Page-Cache: hit`` and a fresh CSP nonce.

A page with forms is kept without its CSRF cookie and with each CSRF token in its body (every token masks the
visitor's one secret, wherever the page shows it) replaced by a placeholder; a hit fills it with a token of its
own visitor's secret (``get_token``), so that ``CsrfViewMiddleware``, which wraps ``FetchPageCacheMiddleware``,
sends that visitor their own CSRF cookie: two visitors never share a secret.

Keys are Django's (host, path, query string, language, the stored ``Vary`` headers) under a prefix holding the
path's generation: a purge deletes the entries stored for a path (every query string and host, listed in an index
entry per path) and moves its generation, so that a page being rendered while the data changed is never found.

Which paths show an object is each app's knowledge: an app registers a function from its own ``page_cache``
module (``register(model, paths)``); ``purge(instance)`` purges the paths of every function registered for the
instance's class and its bases, in the local cache and, when ``WAGTAILFRONTENDCACHE`` is configured, in the
CDN or proxy in front of the site."""

import base64
import copy
import hashlib
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.csrf import (
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,  # the secret a token masks, as CsrfViewMiddleware checks a posted token
    get_token,
)
from django.urls import reverse
from django.utils import translation
from django.utils.cache import (
    _generate_cache_header_key,  # the key learn_cache_key writes the Vary list under
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
)

from core.caching import SharedVersion

logger = logging.getLogger(__name__)

HEADER = "X-Page-Cache"
#: Paths under the language prefix never stored: accounts, an investor's own pages, private links, tracking,
#: webhooks, and downloads that are files.
PRIVATE_PARTS = ("/account/", "/licensing/my/", "/licensing/track/", "/licensing/webhooks/", "/enquiries/",
                 "/maps/export/", "/zones-api/compare/export", "/projects/dashboard/export")
_INDEX_TIMEOUT = 24 * 3600
#: What may be a CSRF token in a page: CSRF_TOKEN_LENGTH letters and digits, standing alone.
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH)

PathsFunction = Callable[[object], Iterable[str]]
_registry: dict[type, list[PathsFunction]] = {}


def seconds() -> int:
    """How long a page is kept (``PAGE_CACHE_SECONDS``); 0 turns the cache off."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _digest(path: str) -> str:
    return hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


def _generation(path: str) -> SharedVersion:
    return SharedVersion(f"page_cache.generation.{_digest(path)}")


def _index_key(path: str) -> str:
    return f"page_cache.index.{_digest(path)}"


def _key_prefix(request) -> str:
    generation = request._page_cache_generation
    return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}page_cache.{generation}"


def _language_prefixed(path: str) -> bool:
    first = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    return first in {code for code, _name in settings.LANGUAGES}


def cacheable_request(request) -> bool:
    """Whether this request may be answered from, or stored in, the page cache."""
    if not seconds() or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.COOKIES.get(CookieStorage.cookie_name):  # a message waiting to be shown on this page
        return False
    path = request.path_info
    if not _language_prefixed(path) or any(part in path[path.index("/", 1):] for part in PRIVATE_PARTS):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cacheable_response(request, response) -> bool:
    """Whether this answer may be stored: the same for every anonymous visitor asking for this address."""
    if response.streaming or response.status_code != 200:
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    if has_vary_header(response, "*"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class UpdatePageCacheMiddleware:
    """Stores what ``FetchPageCacheMiddleware`` let through; place it right after the gzip middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_page_cache_update", False):
            stored = cacheable_response(request, response) and self.store(request, response)
            response[HEADER] = "miss" if stored else "skip"
        return response

    def store(self, request, response) -> bool:
        """Keep ``response`` and note its keys in its path's index; whether it was kept."""
        timeout = seconds()
        max_age = get_max_age(response)
        if max_age is not None:
            timeout = min(timeout, max_age)
        if timeout <= 0:
            return False
        stored = _stored_copy(request, response)
        if stored is None:
            return False
        prefix = _key_prefix(request)
        page_key = learn_cache_key(_keyed(request), stored, timeout, prefix, cache=cache)
        cache.set(page_key, stored, timeout)
        index_key = _index_key(request.path_info)
        keys = set(cache.get(index_key) or ()) | {page_key, _generate_cache_header_key(prefix, request)}
        cache.set(index_key, sorted(keys), max(timeout, _INDEX_TIMEOUT))
        return True


class FetchPageCacheMiddleware:
    """Answers from the page cache; place it last in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_cache_update = False
        if not cacheable_request(request):
            return self.get_response(request)
        request._page_cache_generation = _generation(request.path_info).current()
        prefix = _key_prefix(request)
        keyed = _keyed(request)
        key = get_cache_key(keyed, prefix, "GET", cache=cache)
        response = cache.get(key) if key is not None else None
        if response is None and request.method == "HEAD":
            key = get_cache_key(keyed, prefix, "HEAD", cache=cache)
            response = cache.get(key) if key is not None else None
        if response is None:
            request._page_cache_update = True
            return self.get_response(request)
        return _fresh_copy(request, response)


def _keyed(request):
    """``request`` as the cache's keys see it: without the CSRF cookie, whose value a stored page never shows
    (a hit fills in its visitor's own tokens), and without a ``Cookie`` header that is empty or held only that
    one (Django keys an absent header apart from an empty one), so that a visitor holding one shares the pages
    kept for a first visit, which sends no cookie at all."""
    cookies = request.META.get("HTTP_COOKIE")
    if cookies is None or (cookies and settings.CSRF_COOKIE_NAME not in cookies):
        return request
    keyed = copy.copy(request)
    kept = [part.strip() for part in cookies.split(";")]
    kept = [part for part in kept if part and part.split("=", 1)[0].strip() != settings.CSRF_COOKIE_NAME]
    keyed.META = {key: value for key, value in request.META.items() if key != "HTTP_COOKIE"}
    if kept:
        keyed.META["HTTP_COOKIE"] = "; ".join(kept)
    return keyed


def _stored_copy(request, response):
    """What is kept of ``response``: no cookie, and this visitor's CSRF tokens replaced by a placeholder of the
    same length (``Content-Length`` holds); None when the page shows the CSRF secret itself."""
    stored = copy.copy(response)
    stored.cookies = SimpleCookie()
    nonce = getattr(request, "_csp_nonce", None)
    stored._page_cache_nonce = nonce if isinstance(nonce, str) else None
    stored._page_cache_csrf = None
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        content = response.content
        if secret.encode() in content:
            return None
        tokens = {token for token in _TOKEN.findall(content) if _unmask_cipher_token(token.decode()) == secret}
        if tokens:
            placeholder = f"page-cache-csrf-{secrets.token_hex((CSRF_TOKEN_LENGTH - 16) // 2)}".encode()
            for token in tokens:
                content = content.replace(token, placeholder)
            stored.content = content
            stored._page_cache_csrf = placeholder
    return stored


def _fresh_copy(request, response):
    """The stored response with a new CSP nonce in its body and header (a nonce is never sent twice) and, in
    place of the CSRF placeholder, a token of this visitor's own secret (their CSRF cookie goes with it)."""
    old = getattr(response, "_page_cache_nonce", None)
    if old:
        new = base64.b64encode(os.urandom(16)).decode("ascii")
        request._csp_nonce = new
        response.content = response.content.replace(old.encode(), new.encode())
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
            if header in response:
                response[header] = response[header].replace(old, new)
        response._page_cache_nonce = new
    placeholder = getattr(response, "_page_cache_csrf", None)
    if placeholder:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    response[HEADER] = "hit"
    return response


def register(model: type, paths: PathsFunction, *, on_save: bool = True) -> None:
    """``paths(instance)`` names the public paths (each language's) that show an instance of ``model``; with
    ``on_save`` the instance's saves and deletions purge them (pages purge on publishing, see ``core.signals``)."""
    _registry.setdefault(model, []).append(paths)
    if on_save:
        uid = f"page_cache.{model._meta.label}.{getattr(paths, '__qualname__', id(paths))}"
        post_save.connect(_purge_on_signal, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_purge_on_signal, sender=model, dispatch_uid=uid, weak=False)


def _purge_on_signal(sender, instance, raw=False, **kwargs):
    if not raw:
        purge(instance)


def paths_for(instance) -> set[str]:
    """Every public path that shows ``instance``, by the functions registered for its class and its bases."""
    found: set[str] = set()
    for model in type(instance).__mro__:
        for function in _registry.get(model, ()):
            found.update(path for path in function(instance) if path)
    return found


def purge(instance) -> None:
    """Purge the paths showing ``instance`` once the transaction commits (at once outside one); nothing to do
    while no cache keeps pages."""
    if seconds() or getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_paths_on_commit(paths_for(instance))


def purge_paths_on_commit(paths: Iterable[str]) -> None:
    """``purge_paths(paths)`` once the transaction commits (at once outside one)."""
    paths = set(paths)
    if paths and (seconds() or getattr(settings, "WAGTAILFRONTENDCACHE", None)):
        transaction.on_commit(lambda: purge_paths(paths))


def purge_paths(paths: Iterable[str]) -> None:
    """Remove every stored variant of ``paths`` (every query string, host and language) here and in the
    front-end cache when one is configured."""
    paths = set(paths)
    index_keys = [_index_key(path) for path in paths]
    stored = [key for keys in cache.get_many(index_keys).values() for key in keys or ()]
    # A deleted generation restarts from the clock (SharedVersion): a new generation, as a bump would give.
    cache.delete_many([*stored, *index_keys, *(_generation(path).key for path in paths)])
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        from core.links import site_url

        try:
            purge_urls_from_cache([site_url(path) for path in sorted(paths)])
        except Exception:  # a proxy that is down must not fail the editor's publish
            logger.exception("The front-end cache could not be purged")


def in_languages(route: Callable[[], str]) -> list[str]:
    """``route()`` evaluated in each of the site's languages (e.g. ``lambda: reverse("licensing:plan")``)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(route())
    return paths


def route_paths(name: str, *args, **kwargs) -> list[str]:
    """The path of URL ``name`` in each language."""
    return in_languages(lambda: reverse(name, args=args or None, kwargs=kwargs or None))


def page_paths(page) -> list[str]:
    """The paths of a Wagtail page in every language: each translation's own, and for a language without one,
    the path under which the site shows the default language's page."""
    paths = []
    fallback = None
    done = set()
    for translated in page.get_translations(inclusive=True).select_related("locale"):
        parts = translated.get_url_parts()
        if parts is None:
            continue
        path = parts[2]
        language = translated.locale.language_code
        done.add(language)
        paths.append(path)
        if fallback is None or language == settings.LANGUAGE_CODE:
            fallback = path
    if fallback is not None:
        rest = fallback.split("/", 2)[2] if fallback.count("/") >= 2 else ""
        for code, _name in settings.LANGUAGES:
            if code not in done:
                paths.append(f"/{code}/{rest}")
    return paths
