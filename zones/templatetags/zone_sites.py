"""The site finder's template helpers: ``{% sites_map zone_features plot_features %}`` (one map of the zones
that fit and their fitting plots, labelled with their codes)."""

from django import template
from django.utils.translation import ngettext

from maps.templatetags.maps_tags import map_context

from .. import plot_maps, units

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def sites_map(context, zones, plots, height="480px", skip_to=""):
    """The map of the zones that fit (boundaries) and their fitting plots (highlighted, labelled), with a
    "Skip the map" link to the element whose id is ``skip_to`` (the list of sites)."""
    plots = list(plots or [])
    label = ngettext("Map of %(count)d plot that fits your project", "Map of %(count)d plots that fit your project",
                     len(plots)) % {"count": len(plots)}
    rendered = plot_maps.sites_map(list(zones or []), plots, height=height,
                                   unit=units.unit_of(context.get("request")))
    return map_context(context, rendered, label, skip_to=skip_to)
