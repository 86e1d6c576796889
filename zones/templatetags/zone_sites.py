"""The site finder's template helpers: ``{% sites_map zone_features plot_features %}`` (one map of the zones
that fit and their fitting plots, labelled with their codes)."""

from django import template
from django.utils.translation import ngettext

from .. import plot_maps, units

register = template.Library()


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def sites_map(context, zones, plots, height="480px"):
    """The map of the zones that fit (boundaries) and their fitting plots (highlighted, labelled)."""
    plots = list(plots or [])
    label = ngettext("Map of %(count)d plot that fits your project", "Map of %(count)d plots that fit your project",
                     len(plots)) % {"count": len(plots)}
    rendered = plot_maps.sites_map(list(zones or []), plots, height=height,
                                   unit=units.unit_of(context.get("request")))
    return {"map": rendered, "request": context.get("request"), "label": label}
