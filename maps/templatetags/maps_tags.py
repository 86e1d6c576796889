"""Template tags placing folium maps inside our pages: ``{% overview_map features %}`` and
``{% zone_map zone_feature plot_features %}`` (see maps.rendering)."""

from django import template
from django.utils.translation import ngettext

from maps import rendering

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def overview_map(context, features, height="480px"):
    """The overview map of the zone dicts ``features`` (zones.services.zone_map_features)."""
    features = list(features)
    label = ngettext("Map of %(count)d place", "Map of %(count)d places", len(features)) % {"count": len(features)}
    return {"map": rendering.cached_overview_map(features, height=height), "request": context.get("request"),
            "label": label}


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def zone_map(context, zone, plots, height="480px"):
    """A zone's map: boundary ``zone`` and its ``plots`` (zones.services.plot_map_features)."""
    plots = list(plots)
    label = ngettext("Map of %(zone)s and its %(count)d plot", "Map of %(zone)s and its %(count)d plots",
                     len(plots)) % {"zone": (zone or {}).get("name", ""), "count": len(plots)}
    return {"map": rendering.cached_zone_map(zone, plots, height=height), "request": context.get("request"),
            "label": label}
