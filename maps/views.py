"""GeoJSON endpoints: the published zones (with the zone index filters), a zone's boundary and its plots.

Only live, public zone pages are served, and only the public fields the zone services choose; each
response is offered as a download (``Content-Disposition: attachment``).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from search.backends.base import SearchUnavailable
from zones import services as zone_services
from zones.forms import ZoneFilterForm
from zones.models import ZonePage

GEOJSON_TYPE = "application/geo+json"
#: The zone properties published in GeoJSON (anything else a feature dict carries stays on the server).
ZONE_PROPERTIES = ("code", "name", "url", "kind", "kind_label", "status", "status_label", "available_ha",
                   "price_min", "price_max")
PLOT_PROPERTIES = ("code", "land_use", "status", "status_label", "area_m2", "price")


def feature(item: dict, keys: tuple[str, ...]) -> dict:
    """A GeoJSON Feature of a feature dict: its id, its geometry and only the listed public properties."""
    return {"type": "Feature", "id": item["id"], "geometry": item.get("geometry"),
            "properties": {key: item.get(key) for key in keys}}


def geojson_response(data: dict, filename: str) -> HttpResponse:
    """``data`` as a downloadable GeoJSON file (Decimals as strings, lazy texts resolved)."""
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False), content_type=GEOJSON_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def live_zones():
    """The live, public zone pages of the active language."""
    return ZonePage.objects.live().public().filter(locale=Locale.get_active())


def live_zone(zone_pk: int) -> ZonePage:
    """The live, public zone page ``zone_pk`` or 404 (drafts, private and unpublished pages are never served)."""
    return get_object_or_404(ZonePage.objects.live().public(), pk=zone_pk)


@require_GET
def zones_geojson(request):
    """The published zones as a FeatureCollection, narrowed by the zone index filters in the query string.

    Invalid filters answer 400 with the form's errors; 503 while the search service that filters is down.
    """
    zones = live_zones().with_land().order_by("title")
    form = ZoneFilterForm(request.GET or None)
    if form.is_bound:
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        try:
            zones = zone_services.filter_zones(zones, form.cleaned_data)
        except SearchUnavailable:
            return JsonResponse({"errors": {"__all__": [{"message": "Filtering is unavailable at the moment.",
                                                         "code": "search_unavailable"}]}}, status=503)
    features = [feature(item, ZONE_PROPERTIES) for item in zone_services.zone_map_features(zones, request)]
    return geojson_response({"type": "FeatureCollection", "features": features}, "zones.geojson")


@require_GET
def zone_geojson(request, zone_pk: int):
    """A zone's boundary as a GeoJSON Feature."""
    zone = live_zone(zone_pk)
    items = zone_services.zone_map_features([zone], request)
    if not items or not items[0].get("geometry"):
        raise Http404("This zone has no boundary.")
    return geojson_response(feature(items[0], ZONE_PROPERTIES), f"{zone.code or zone.slug}-boundary.geojson")


@require_GET
def zone_plots_geojson(request, zone_pk: int):
    """A zone's plots as a FeatureCollection."""
    zone = live_zone(zone_pk)
    features = [feature(item, PLOT_PROPERTIES) for item in zone_services.plot_map_features(zone)]
    return geojson_response({"type": "FeatureCollection", "features": features},
                            f"{zone.code or zone.slug}-plots.geojson")
