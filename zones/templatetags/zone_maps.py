"""``{% zone_map zone_feature plot_features %}``: a zone's map placed inside its page (see zones.plot_maps)."""

from django import template
from django.utils.translation import ngettext

from maps.templatetags.maps_tags import map_context
from zones import plot_maps, units

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def zone_map(context, zone, plots, height="480px", overlays=None, skip_to=""):
    """A zone's map: boundary ``zone`` and its ``plots`` (zones.services.plot_map_features), with the page's
    switchable ``overlays`` (by default the context's ``map_overlays``: zones.infrastructure.infrastructure_for)
    and a "Skip the map" link to the element whose id is ``skip_to`` (the plots table)."""
    plots = list(plots)
    label = ngettext("Map of %(zone)s and its %(count)d plot", "Map of %(zone)s and its %(count)d plots",
                     len(plots)) % {"zone": (zone or {}).get("name", ""), "count": len(plots)}
    overlays = context.get("map_overlays") if overlays is None else overlays
    unit = units.unit_of(context.get("request"))
    rendered = plot_maps.zone_map(zone, plots, height=height, unit=unit, overlays=overlays)
    return map_context(context, rendered, label, skip_to=skip_to)
