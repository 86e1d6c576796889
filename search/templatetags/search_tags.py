"""The search page's two long lists, its facet options and its hits, written as HTML here: each is dozens of items
of five or six values, which the template engine would look up, escape and localise one by one on every search."""

from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..services import facet_label

register = template.Library()
_CURRENT = ' aria-current="true"'


@register.simple_tag
def facet_options(options: list[dict]) -> SafeString:
    """The ``<li>`` of each option of a facet (``search.views._facet_groups``): a link that selects or
    deselects it, marked ``aria-current`` when selected, and its count."""
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'<li><a href="{escape(option["url"])}" data-facet-value="{escape(option["value"])}"'
        f'{_CURRENT if option["selected"] else ""}>{escape(str(option["label"]))}</a> '
        f'<span class="count">({escape(option["count_text"])})</span></li>' for option in options))


@register.simple_tag
def search_hits(hits: list) -> SafeString:
    """The ``<li>`` of each hit: its title linked to its page, the name of its type (and its distance), its
    snippet (the HTML of ``Hit.snippet``)."""
    items = []
    for hit in hits:
        kind = escape(facet_label("type", hit.doc_type))
        if hit.distance_km is not None:
            kind += " · " + escape(gettext("%(km)s km away") % {"km": floatformat(hit.distance_km, 1)})
        snippet = f'<p class="search-hit-snippet">{conditional_escape(hit.snippet)}</p>' if hit.snippet else ""
        items.append(f'<li class="search-hit" data-type="{escape(hit.doc_type)}">'
                     f'<h2><a href="{escape(hit.url or "#")}">{escape(hit.title)}</a></h2>'
                     f'<p class="search-hit-type">{kind}</p>{snippet}</li>')
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped
