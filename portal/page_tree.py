"""What every page's header, head and footer read from the page tree: the site a host name leads to, the main
navigation of each site and language, the URLs of the live translations of each page and the site settings the
footer shows; and where each path leads (``route``). Built once per process and rebuilt in every process when a
page is saved (publishing, a new translation, a change of title, slug or menu flag), unpublished, moved or
deleted, when its shared values are written to its translations in bulk, or when a site, a locale or the site
settings change (``invalidate``, connected by ``connect``)."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult

from core.caching import ChangeFollower, ProcessCache, Unkeyed

VERSION_KEY = "portal:page-tree-version"
#: The models besides pages whose rows change a page's URL, the navigation or the footer.
TREE_MODELS = frozenset({"wagtailcore.Site", "wagtailcore.Locale", "portal.SiteSettings"})


def _site(site_pk: int | None) -> Site | None:
    return Site.objects.select_related("root_page").filter(pk=site_pk).first() if site_pk is not None else None


def _navigation(site_pk: int, language: str) -> tuple[tuple[str, str], ...]:
    site = _site(site_pk)
    items = []
    with translation.override(language):
        if site is not None:
            root = site.root_page.localized
            items.append((root.title, root.get_url(None, current_site=site)))
            for child in root.get_children().live().in_menu().filter(locale=Locale.get_active()):
                items.append((child.title, child.get_url(None, current_site=site)))
        for url_name, title in getattr(settings, "PORTAL_NAV_ROUTES", []):
            try:
                items.append((str(title), reverse(url_name)))
            except NoReverseMatch:
                continue
    return tuple(items)


def _translation_urls(_translation_key: str, site_pk: int | None, ref: Unkeyed) -> dict[str, str]:
    site = _site(site_pk)
    found = {}
    for translated in ref.value.get_translations(inclusive=True).live().select_related("locale"):
        url = translated.get_url(None, current_site=site)
        if url:
            found[translated.locale.language_code] = url
    return found


_navigations = ProcessCache(VERSION_KEY, _navigation)
_translations = ProcessCache(VERSION_KEY, _translation_urls, max_entries=4096)


def _site_pk_for(hostname: str, port: int) -> int | None:
    try:
        return get_site_for_hostname(hostname, port).pk  # Wagtail's own choice of a site for a host
    except Site.DoesNotExist:
        return None


def _site_settings(site_pk: int):
    from .models import SiteSettings

    # Read, never created on a visit (an editor's first save in the admin creates them): blank until then.
    return SiteSettings.objects.filter(site_id=site_pk).first() or SiteSettings(site_id=site_pk)


_site_pks = ProcessCache(VERSION_KEY, _site_pk_for)
_settings = ProcessCache(VERSION_KEY, _site_settings)


def site_pk(request) -> int | None:
    """The Wagtail site ``request`` came to, None without one: the one Wagtail found for a page it served (kept
    on the request), else the one its host name and port lead to, kept per process (a view that is not a page
    need not read the site and its root page on every request)."""
    if request is None:
        return None
    site = getattr(request, "_wagtail_site", False)
    if site is not False:
        return site.pk if site is not None else None
    try:
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return None
    return _site_pks.get(hostname, request.get_port())


def site_settings(request):
    """The site settings (contact details, social links, footer text) of the site ``request`` came to, None
    without a site."""
    pk = site_pk(request)
    return _settings.get(pk) if pk is not None else None


def navigation(request) -> list[tuple[str, str]]:
    """(title, URL) of the home page of the active language and its live children marked "show in menus",
    then of the application routes that exist (``PORTAL_NAV_ROUTES``); only the routes without a site."""
    site = site_pk(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if site is None:
        return list(_navigation(None, language))
    return list(_navigations.get(site, language))


def translation_urls(request, page: Page) -> dict[str, str]:
    """The URL (as ``get_url`` gives it) of each live translation of ``page``, ``page`` included (when live), by
    language code."""
    return dict(_translations.get(str(page.translation_key), site_pk(request), Unkeyed(page)))


def _route(_site_pk: int, _language: str, _path: str, routing: Unkeyed) -> tuple[type, int] | None:
    found = Page.route_for_request(*routing.value)  # Wagtail's own, kept on the request
    if found is None:
        return None
    page, args, kwargs = found
    return (type(page), page.pk) if page.live and not args and not kwargs else None


_routes = ProcessCache(VERSION_KEY, _route, max_entries=4096)


def route(request, path: str) -> RouteResult | None:
    """Wagtail's route for ``request`` and ``path`` (``Page.route_for_request``, which keeps it on the request),
    through the routes kept per process: a live page found at ``path`` before is read with one query, instead of
    a parent and its specific page at each level of the path. Sub-routes, pages no longer live and unknown paths
    are routed by Wagtail each time."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        kept = _routes.get(site.pk, translation.get_language(), path, Unkeyed((request, path)))
        if kept is not None and not hasattr(request, "_wagtail_route_for_request"):
            model, pk = kept
            page = model.objects.live().filter(pk=pk).first()
            if page is not None:
                request._wagtail_route_for_request = RouteResult(page)
    return Page.route_for_request(request, path)


#: Makes every process rebuild everything above (the caches share one version; a signal receiver).
invalidate = ChangeFollower(_navigations, models=TREE_MODELS)


def connect() -> None:
    """Rebuild when the page tree changes (from ``PortalConfig.ready``)."""
    invalidate.connect("portal.page_tree")
