"""What every public page tells search engines and link previews: its description, its canonical address, the
same page in the other languages, and Open Graph / Twitter card metadata."""

from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.seo import absolute_url, page_description, social_image, social_image_url, summarise

from . import page_tree

#: The Open Graph locale of each site language.
OG_LOCALES = {"en": "en_US", "vi": "vi_VN", "ko": "ko_KR", "ja": "ja_JP", "zh-hans": "zh_CN", "zh-hant": "zh_TW"}

#: The link preview image of pages that have none of their own (PNG: previews do not take SVG).
DEFAULT_IMAGE = "portal/og-default.png"

#: Query parameters that make a different page of content (a listing's page); any other (filters, tracking)
#: leaves the canonical address.
CANONICAL_PARAMETERS = ("page",)

#: The description of the application pages (by URL name) that have no page in the CMS.
ROUTE_DESCRIPTIONS = {
    "licensing:plan": _("Plan your investment: the licensing procedures your project goes through, in order, "
                        "with their statutory times, fees and agencies."),
    "licensing:environment": _("Which environmental procedure your project needs, from its sector, size and "
                               "location."),
    "licensing:procedures": _("The administrative procedures in force for investors, by agency: statutory times, "
                              "fees, documents and where to file them online."),
    "licensing:performance": _("How the agencies handle investors' applications: on-time rates and actual "
                               "processing times."),
    "licensing:track": _("Track an investment application by its dossier code."),
    "projects:dashboard": _("Investment figures of the province: registered projects and capital by year, sector, "
                            "country and zone."),
    "search:search": _("Search the zones, plots, incentive policies and licensing procedures."),
    "catalogue:page": _("Open data of the province's investment portal: zones, plots, procedures and investment "
                        "figures, with their download formats and API."),
    "zones:incentive_finder": _("Find the investment incentives your project qualifies for."),
    "zones:sites": _("Find industrial land that fits your project: plots by size, price and location."),
    "zones:shortlist": _("The zones and plots you have shortlisted."),
    "zones:compare": _("Compare the zones you have shortlisted: land, prices, infrastructure and incentives."),
    "zones:cost": _("Estimate the yearly cost of a site: land, fees, electricity, water and wages."),
}
DEFAULT_DESCRIPTION = _("Invest in the province: industrial zones and available land, investment incentives, "
                        "licensing procedures and investment figures.")

#: Application pages that search engines should not index (a search result page is one visitor's query).
NOINDEX_ROUTES_WITH_QUERY = ("search:search",)


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def describe(context, description: str = "") -> str:
    """The page's description: ``description`` when given, else the context's ``meta_description``, else the
    CMS page's search description or a summary of its text, else the application page's own, else the site's."""
    page = context.get("page")
    found = (description or context.get("meta_description")
             or (page_description(page) if isinstance(page, Page) else "")
             or ROUTE_DESCRIPTIONS.get(_view_name(context.get("request")), DEFAULT_DESCRIPTION))
    return summarise(str(found))


def canonical_path(request) -> str:
    """The request's path with only the query parameters that change what is listed (``CANONICAL_PARAMETERS``;
    a first page is the page itself)."""
    kept = request.GET.copy()
    for key in list(kept):
        if key not in CANONICAL_PARAMETERS or kept.get(key) in ("", "1"):
            del kept[key]
    return f"{request.path}?{kept.urlencode()}" if kept else request.path


def translation_urls(request, page: Page) -> dict[str, str]:
    """The URL (as ``get_url`` gives it) of each live translation of ``page``, ``page`` included, by language
    code (``portal.page_tree``); read once per request and page, for the language switcher and the ``hreflang``
    links alike."""
    cache = getattr(request, "_portal_translation_urls", None) if request is not None else None
    if cache is not None and page.pk in cache:
        return cache[page.pk]
    found = page_tree.translation_urls(request, page)
    if request is not None:
        if cache is None:
            cache = request._portal_translation_urls = {}
        cache[page.pk] = found
    return found


@lru_cache(maxsize=4096)
def _translated_path(path: str, code: str) -> str:
    return translate_url(path, code)


def translated_address(address: str, code: str) -> str:
    """``address`` (a path with or without its query string) in language ``code``, as ``translate_url`` gives it
    for an application route; the path's translation is kept per process, the query string carried over as is."""
    path, mark, query = address.partition("?")
    return _translated_path(path, code) + mark + query


def page_languages(request, page) -> dict[str, str]:
    """The absolute URL of ``page`` (a CMS page, or None for an application page, which exists in every
    language) in each language it is published in, by language code, in the site's language order."""
    found = {}
    if isinstance(page, Page):
        found = {code: absolute_url(request, url) for code, url in translation_urls(request, page).items()}
    elif request is not None and request.resolver_match is not None:
        for code, _name in settings.LANGUAGES:
            found[code] = absolute_url(request, translated_address(request.path, code))
    return {code: found[code] for code, _name in settings.LANGUAGES if code in found}


def page_metadata(context, title: str = "", description: str = "") -> dict:
    """Everything the ``<head>`` says about the page for search engines and link previews."""
    request = context.get("request")
    page = context.get("page")
    language = translation.get_language() or settings.LANGUAGE_CODE
    languages = page_languages(request, page)
    if isinstance(page, Page) and page.get_url(request):
        canonical = absolute_url(request, page.get_url(request))
        if request is not None and canonical_path(request) != request.path:
            canonical += canonical_path(request)[len(request.path):]
    else:
        canonical = absolute_url(request, canonical_path(request)) if request is not None else ""
    image = social_image(page) if isinstance(page, Page) else None
    image_url = (social_image_url(request, image) if image is not None
                 else absolute_url(request, static(DEFAULT_IMAGE)))
    noindex = request is not None and bool(request.GET) and _view_name(request) in NOINDEX_ROUTES_WITH_QUERY
    return {
        "title": title or (page.seo_title or page.title if isinstance(page, Page) else "") or _("Invest Portal"),
        "description": describe(context, description),
        "canonical": canonical,
        "alternates": languages,
        "x_default": languages.get(settings.LANGUAGE_CODE, ""),
        "og_type": "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code in languages if code != language],
        "image": image_url,
        "image_alt": (image.default_alt_text if image is not None else ""),
        "noindex": noindex,
    }
