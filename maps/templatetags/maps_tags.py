"""``{% overview_map features %}``: a folium map placed inside our pages (see maps.rendering)."""

from django import template
from django.utils.translation import ngettext

from maps import rendering

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def overview_map(context, features, height="480px"):
    """The overview map of the place dicts ``features`` (zones, projects, search hits)."""
    features = list(features)
    label = ngettext("Map of %(count)d place", "Map of %(count)d places", len(features)) % {"count": len(features)}
    return {"map": rendering.cached_overview_map(features, height=height), "request": context.get("request"),
            "label": label}
