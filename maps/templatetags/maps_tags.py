"""``{% overview_map features %}`` and ``{% places_map features %}``: folium maps placed inside our pages (see
maps.rendering), and the context every map include shares (:func:`map_context`)."""

from dataclasses import replace

from django import template
from django.utils.translation import gettext, ngettext

from maps import rendering

register = template.Library()


def map_context(context, rendered: rendering.RenderedMap, label: str, *, skip_to: str = "",
                cluster_forms: tuple[str, str] | None = None) -> dict:
    """The context of ``maps/includes/map.html``: the map, its label, the id a "Skip the map" link leads to
    (the table or list that holds the map's information), the words its script shows (a cluster's name in
    its singular and plural forms, with ``%(count)s`` and ``%(place)s``) and the links to those of its
    assets this page has not loaded yet (a page with two maps loads Leaflet once)."""
    request = context.get("request")
    loaded = getattr(request, "_map_assets", set()) if request is not None else set()
    header = rendering.asset_links([url for url in rendered.asset_urls if url not in loaded])
    if request is not None:
        request._map_assets = loaded | set(rendered.asset_urls)
    return {"map": rendered, "header": header, "request": request, "label": label, "skip_to": skip_to,
            "cluster_one": cluster_forms[0] if cluster_forms else "",
            "cluster_other": cluster_forms[1] if cluster_forms else "",
            "close_label": gettext("Close this popup")}


def cluster_forms(features: list[dict]) -> tuple[str, str]:
    """The forms (for one, for several) of the name of a cluster of ``features``: zones when all are zones
    (a place's ``type``, zone by default, as in ``rendering.popup_parts``), places otherwise."""
    if all(feature.get("type", "zone") == "zone" for feature in features):
        forms = [ngettext("%(count)s zone near %(place)s", "%(count)s zones near %(place)s", n) for n in (1, 2)]
    else:
        forms = [ngettext("%(count)s place near %(place)s", "%(count)s places near %(place)s", n) for n in (1, 2)]
    return forms[0], forms[1]


def _places_label(features: list[dict]) -> str:
    return ngettext("Map of %(count)d place", "Map of %(count)d places", len(features)) % {"count": len(features)}


@register.inclusion_tag("maps/includes/map.html", takes_context=True)
def overview_map(context, features, height="480px", overlays=None, skip_to=""):
    """The overview map of the place dicts ``features`` (zones, projects), with switchable ``overlays``
    (``maps.rendering.OverlayLayer``; by default the context's ``map_overlays``, if any) and a "Skip the map"
    link to the element whose id is ``skip_to``."""
    features = list(features)
    overlays = context.get("map_overlays") if overlays is None else overlays
    rendered = rendering.cached_overview_map(features, height=height, overlays=overlays)
    return map_context(context, rendered, _places_label(features), skip_to=skip_to,
                       cluster_forms=cluster_forms(features))


@register.inclusion_tag("maps/includes/places_map.html", takes_context=True)
def places_map(context, features, height="480px", overlays=None, skip_to=""):
    """The places ``features`` (search hits: the place dicts of ``overview_map``, points) on a map the browser
    draws them on from the page's list (``maps.rendering.place_markers``, maps/js/places.js): the map is
    rendered once for every list, where ``overview_map`` renders one for each. Arguments as ``overview_map``'s."""
    features = list(features)
    overlays = context.get("map_overlays") if overlays is None else overlays
    rendered = replace(rendering.cached_places_map(height=height, overlays=overlays), feature_count=len(features))
    result = map_context(context, rendered, _places_label(features), skip_to=skip_to,
                         cluster_forms=cluster_forms(features))
    result["places"] = {"places": rendering.place_markers(features), "uncluster_zoom": rendering.UNCLUSTER_ZOOM,
                        "point_zoom": rendering.POINT_ZOOM}
    return result
