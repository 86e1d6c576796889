"""Site-level views."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from . import health, page_tree
from .sitemaps import language_sitemaps


@never_cache
@require_GET
def healthz(request):
    """Report database, broker, cache and search status; 503 when any is down."""
    ok, checks = health.run_checks()
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)


def sitemap_index(request):
    """The sitemap index: one sitemap per site language."""
    return sitemap_views.index(request, language_sitemaps(request), sitemap_url_name="sitemap")


def sitemap(request, section: str):
    """The sitemap of the language ``section``."""
    return sitemap_views.sitemap(request, language_sitemaps(request), section=section)


#: Addresses (by URL name, in every language) that are one visitor's own or a form to sign in: not for indexing.
ROBOTS_DISALLOWED_ROUTES = ("licensing:signin", "licensing:signup", "licensing:password_reset",
                            "licensing:my_projects", "api-tokens:list", "promotion:mine", "zones:shortlist",
                            "zones:profile")


@require_GET
def robots_txt(request):
    """Crawl everything public, not the admin, accounts, visitors' own pages or search results; name the
    sitemap index."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines += [f"Disallow: {reverse(name)}" for name in ROBOTS_DISALLOWED_ROUTES]
            lines.append(f"Disallow: {reverse('search:search')}?")
    lines += ["Allow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def serve(request, path: str):
    """Wagtail's page view, the page found through the routes kept per process (``page_tree.route``)."""
    page_tree.route(request, path)
    return wagtail_views.serve(request, path)
