"""Template tags of the site layer: language switcher, main navigation and the metadata in every page's head."""

import html

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from .. import page_tree
from ..seo import page_metadata, translated_address, translation_urls

register = template.Library()


UNTRANSLATED = "untranslated"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: its code, name and the URL of this page in that language, with the
    page's query string (filters and searches carry over; their values are codes, the same in every language).

    A page with no live translation in a language leads to the page as it is, with a notice in the language
    asked for (``untranslated``), never to a missing address; such an entry is ``translated: False`` and
    is left out of the ``hreflang`` alternates."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    query = request.GET.copy() if request is not None else {}
    if query:
        query.pop(UNTRANSLATED, None)
    by_language = {}
    if isinstance(page, Page):
        by_language = {code: f"{url}?{query.urlencode()}" if query else url
                       for code, url in translation_urls(request, page).items()}
    links = []
    for code, name in settings.LANGUAGES:
        url, translated = by_language.get(code), True
        if url is None and isinstance(page, Page) and request is not None and page.get_url(request):
            asking = query.copy()
            asking[UNTRANSLATED] = code
            url, translated = f"{page.get_url(request)}?{asking.urlencode()}", False
        elif url is None and request is not None:
            url = translated_address(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "active": code == current,
                      "translated": translated})
    return links


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """Where the visitor asked for this page in a language it does not exist in yet: say so, in that
    language, and say which language the page is shown in."""
    request = context.get("request")
    asked = request.GET.get(UNTRANSLATED, "") if request is not None else ""
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    if asked not in names or asked == current:
        return {"notice": ""}
    with translation.override(asked):
        notice = gettext("This page is not translated into %(asked)s yet: here it is in %(shown)s.") % {
            "asked": names[asked], "shown": names.get(current, current)}
    return {"notice": notice, "language": asked}


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The site settings the footer shows, of the site the request came to (``portal.page_tree``)."""
    return page_tree.site_settings(context.get("request"))


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The home page of the active language and its live children marked "show in menus",
    followed by the application routes that exist (``PORTAL_NAV_ROUTES``; see ``portal.page_tree``)."""
    request = context.get("request")
    items = [{"title": title, "url": url} for title, url in page_tree.navigation(request)]
    current = request.path if request else ""
    for item in items:
        item["active"] = bool(item["url"]) and (
            current == item["url"] or (item["url"] != items[0]["url"] and current.startswith(item["url"]))
        )
    return items


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308 - rendered, so escaped
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render the enclosed template (blocks included) once into
    ``name``, so that the page title shown in ``<title>`` is also the one given to link previews."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context, title="", description=""):
    """The page's description, canonical address, language alternates and link preview metadata (see
    ``portal.seo``); ``description`` stands in for the one ``portal.seo.describe`` would find."""
    return {"seo": page_metadata(context, title=html.unescape(strip_tags(title)), description=description)}
