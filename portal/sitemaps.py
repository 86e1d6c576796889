"""The sitemaps: an index at /sitemap.xml with one sitemap per site language, each listing that language's live
public CMS pages and the application pages that exist in every language, with their ``hreflang`` alternates."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.seo import absolute_url
from licensing.models import Procedure

#: Application pages (URL names) listed in every language's sitemap.
SITEMAP_ROUTES = ("licensing:plan", "licensing:procedures", "licensing:performance", "projects:dashboard",
                  "catalogue:page", "zones:incentive_finder", "zones:sites")


class LanguageSitemap(Sitemap):
    """The sitemap of one site language (``language``): its CMS pages, then the application pages."""

    language = settings.LANGUAGE_CODE

    def __init__(self, request=None, language: str | None = None):
        super().__init__(request)
        self.language = language or self.language

    def _pages(self):
        root = (self.get_wagtail_site().root_page.get_translations(inclusive=True)
                .filter(locale__language_code=self.language).first())
        if root is None:
            return Page.objects.none()
        return Page.objects.descendant_of(root, inclusive=True).live().public().order_by("path")

    def items(self):
        """The language's live public pages, then ``(URL name, arguments)`` of the application pages."""
        pages = list(self._pages().select_related("locale"))
        codes = Procedure.objects.in_force(timezone.localdate()).values_list("code", flat=True).distinct()
        routes = [(name, {}) for name in SITEMAP_ROUTES]
        routes += [("licensing:procedure", {"code": code}) for code in sorted(codes)]
        return pages + routes

    def get_latest_lastmod(self):
        return None

    def _route_urls(self, name: str, kwargs: dict) -> dict[str, str]:
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = absolute_url(self.request, reverse(name, kwargs=kwargs))
        return urls

    def _page_urls(self, pages: list) -> dict:
        """The absolute URL of each live public translation of ``pages``, by translation key and language."""
        found: dict = {}
        translations = (Page.objects.live().public().filter(translation_key__in={p.translation_key for p in pages})
                        .select_related("locale").order_by("path"))
        for page in translations:
            url = page.get_url(self.request)
            if url:
                found.setdefault(page.translation_key, {})[page.locale.language_code] = absolute_url(self.request, url)
        return found

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        pages = [item for item in items if isinstance(item, Page)]
        page_urls = self._page_urls(pages) if pages else {}
        urls = []
        for item in items:
            if isinstance(item, Page):
                by_language = page_urls.get(item.translation_key, {})
                lastmod = item.last_published_at or item.latest_revision_created_at
            else:
                by_language, lastmod = self._route_urls(*item), None
            if self.language not in by_language:
                continue
            alternates = [{"lang_code": code, "location": by_language[code]}
                          for code, _name in settings.LANGUAGES if code in by_language]
            if settings.LANGUAGE_CODE in by_language:
                alternates.append({"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]})
            urls.append({"item": item, "location": by_language[self.language], "lastmod": lastmod,
                         "alternates": alternates})
        return urls


def language_sitemaps(request=None) -> dict[str, LanguageSitemap]:
    """One sitemap per site language, by language code (the section of its address)."""
    return {code: LanguageSitemap(request, code) for code, _name in settings.LANGUAGES}
