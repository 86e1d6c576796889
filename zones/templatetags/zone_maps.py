"""``{% zone_map zone_feature plot_features %}``: a zone's map placed inside its page (see zones.plot_maps)."""

import dataclasses

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext, ngettext

from maps.templatetags.maps_tags import map_context
from zones import infrastructure, plot_geojson, plot_maps, units
from zones.choices import PlotStatus
from zones.models import ZonePage

register = template.Library()


def _remote_config(remote: dict) -> dict:
    """What zones/js/plot_map.js needs besides ``remote`` (the page's part: URL, ask link, fitting and listed
    plots): the zooms it may ask for, the styles by status and the popup's words."""
    return {**remote, "min_zoom": plot_geojson.MIN_ZOOM, "max_zoom": plot_geojson.MAX_ZOOM,
            "styles": {status: plot_maps.plot_style(status) for status in PlotStatus.values},
            "fit_styles": {status: plot_maps.plot_style(status, True) for status in PlotStatus.values},
            "labels": {"plot": gettext("Plot"), "land_use": gettext("Land use"), "status": gettext("Status"),
                       "area": gettext("Area"), "price": gettext("Price"), "fits": gettext("Fits your project"),
                       "ask": gettext("Ask about this plot"), "name": gettext("Plot %(code)s: %(status)s")}}


@register.inclusion_tag("zones/includes/zone_map.html", takes_context=True)
def zone_map(context, zone, plots, height="480px", overlays=None, skip_to="", remote=None):
    """A zone's map: boundary ``zone`` and its ``plots`` (zones.services.plot_map_features), with the page's
    switchable ``overlays`` (by default the context's ``map_overlays``: zones.infrastructure.infrastructure_for)
    and a "Skip the map" link to the element whose id is ``skip_to`` (the plots table).

    With ``remote`` (``zones.services.zone_page_context``'s ``plot_map``: a big zone), ``plots`` is empty and
    the map fetches them (zones.plot_geojson) for the zoom it shows."""
    plots = list(plots)
    count = remote["count"] if remote else len(plots)
    label = ngettext("Map of %(zone)s and its %(count)d plot", "Map of %(zone)s and its %(count)d plots",
                     count) % {"zone": (zone or {}).get("name", ""), "count": count}
    overlays = context.get("map_overlays") if overlays is None else overlays
    unit = units.unit_of(context.get("request"))
    rendered = plot_maps.zone_map(zone, plots, height=height, unit=unit, overlays=overlays)
    if remote and not rendered.is_empty:
        rendered = dataclasses.replace(
            rendered, feature_count=count, legend=plot_maps.plot_legend(bool(remote.get("fits"))),
            asset_urls=[*rendered.asset_urls, static("zones/js/plot_map.js")])
    result = map_context(context, rendered, label, skip_to=skip_to)
    result["plot_map"] = _remote_config(remote) if remote and not rendered.is_empty else None
    return result


@register.simple_tag(takes_context=True)
def infrastructure_section(context) -> str:
    """The infrastructure's layer switches and table under the map of ``page`` (a zone, or the zone index),
    kept per process (``zones.infrastructure.infrastructure_section``)."""
    page = context.get("page")
    return infrastructure.infrastructure_section(page if isinstance(page, ZonePage) else None)
