"""``{% overview_map features %}``: a folium map placed inside our pages (see maps.rendering)."""

from django import template
from django.utils.translation import ngettext

from maps import rendering

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def overview_map(context, features, height="480px", overlays=None):
    """The overview map of the place dicts ``features`` (zones, projects, search hits), with switchable
    ``overlays`` (``maps.rendering.OverlayLayer``; by default the context's ``map_overlays``, if any)."""
    features = list(features)
    label = ngettext("Map of %(count)d place", "Map of %(count)d places", len(features)) % {"count": len(features)}
    overlays = context.get("map_overlays") if overlays is None else overlays
    rendered = rendering.cached_overview_map(features, height=height, overlays=overlays)
    return {"map": rendered, "request": context.get("request"), "label": label}
