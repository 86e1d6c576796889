"""What every API and OGC API response shares: the language asked for (``?lang=`` over ``Accept-Language``),
conditional GET (ETag, Last-Modified, 304) and caching headers that never let a shared cache keep private data."""

import math

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from .problems import problem
from .throttles import AddressThrottle

#: The paths this middleware serves.
PREFIXES = ("/api/", "/ogc/")


def api_path(path: str) -> bool:
    """Whether ``path`` belongs to the API or OGC API."""
    return path.startswith(PREFIXES)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 of the API stays a 404: Django would redirect it to the same path under the
    language prefix, where the site's catch-all page route answers."""

    def process_response(self, request, response):
        if response.status_code == 404 and api_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class ApiMiddleware:
    """Place after LocaleMiddleware (which reads ``Accept-Language`` for these unprefixed paths)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not api_path(request.path_info):
            return self.get_response(request)
        lang = request.GET.get("lang")
        if lang is not None:
            codes = [code for code, _name in settings.LANGUAGES]
            if lang not in codes:
                return problem(400, _("Unknown language."), [
                    {"field": "query.lang", "detail": _("One of: %(codes)s.") % {"codes": ", ".join(codes)}}])
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        if request.path_info.startswith("/ogc/"):  # the REST API's own operations are throttled by ninja
            throttle = AddressThrottle()
            if not throttle.allow_request(request):
                wait = throttle.wait()
                return problem(429, _("Too many requests."),
                               headers={"Retry-After": str(math.ceil(wait)) if wait else "60"})
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
            if request.headers.get("Authorization") or request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
                patch_vary_headers(response, ("Authorization", "Cookie"))
            else:
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return self.conditional.process_response(request, response)
