"""The shortlist in templates: ``{% load zone_shortlist %}``, then ``{% shortlist_button zone %}`` (a zone),
``{% shortlist_button zone plot %}`` (a plot of the zone) or ``{% shortlist_button key=key %}``, and
``{% shortlist_count as n %}`` (how many items the visitor's shortlist holds)."""

from django import template
from django.utils.translation import gettext

from .. import shortlist

register = template.Library()


def _request(context):
    request = context.get("request")
    return request if request is not None and hasattr(request, "session") else None


@register.inclusion_tag("zones/includes/shortlist_button.html", takes_context=True)
def shortlist_button(context, zone=None, plot=None, key: str = "", compact: bool = False, name: str = "") -> dict:
    """A no-JS form button that adds the zone or plot to the visitor's shortlist, or removes it when it is
    there, and returns to this page. ``compact``: a small button for a table row."""
    request = _request(context)
    if not key and zone is not None:
        key = shortlist.plot_key(zone.code, plot.code) if plot is not None else shortlist.zone_key(zone.code)
    if request is None or not key:
        return {}
    return {"key": key, "listed": key in shortlist.keys(request), "next": request.get_full_path(),
            "compact": compact, "named": bool(name),
            "name": name or (plot.code if plot is not None else (zone.title if zone is not None else key)),
            "csrf_token": context.get("csrf_token")}


@register.simple_tag
def option_items(zone, option) -> list[tuple[str, str]]:
    """(shortlist key, words) of each plot of a site finder's option in ``zone``."""
    return [(shortlist.plot_key(zone.code, code), gettext("plot %(code)s") % {"code": code}) for code in option.codes]


@register.simple_tag(takes_context=True)
def shortlist_count(context) -> int:
    """How many items the visitor's shortlist holds (0 without a session)."""
    request = _request(context)
    return shortlist.count(request) if request is not None else 0
