"""Views of the zones app that are not Wagtail pages: the incentive finder and the public GIS downloads.

GeoJSON endpoints serve the published zones (with the zone index filters), a zone's boundary and its plots;
export endpoints the same in every export format. Only live, public zone pages are served, and only the
public fields the zone services choose; each response is offered as a download
(``Content-Disposition: attachment``).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from maps.exporters import FORMATS, export_frame
from search.backends.base import SearchUnavailable

from . import services
from .forms import IncentiveFinderForm, ZoneFilterForm
from .gis_export import download, plots_frame, zones_frame
from .models import ZonePage


def incentive_finder(request):
    """Ask for a project profile (GET) and show the incentives that apply and why."""
    form = IncentiveFinderForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        matches = services.applicable_incentives(form.profile())
    return render(request, "zones/incentive_finder.html", {"form": form, "matches": matches})


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
            zones = services.filter_zones(zones, form.cleaned_data)
        except SearchUnavailable:
            return JsonResponse({"errors": {"__all__": [{"message": "Filtering is unavailable at the moment.",
                                                         "code": "search_unavailable"}]}}, status=503)
    features = [feature(item, ZONE_PROPERTIES) for item in services.zone_map_features(zones, request)]
    return geojson_response({"type": "FeatureCollection", "features": features}, "zones.geojson")


@require_GET
def zone_geojson(request, zone_pk: int):
    """A zone's boundary as a GeoJSON Feature."""
    zone = live_zone(zone_pk)
    items = services.zone_map_features([zone], request)
    if not items or not items[0].get("geometry"):
        raise Http404("This zone has no boundary.")
    return geojson_response(feature(items[0], ZONE_PROPERTIES), f"{zone.code or zone.slug}-boundary.geojson")


@require_GET
def zone_plots_geojson(request, zone_pk: int):
    """A zone's plots as a FeatureCollection."""
    zone = live_zone(zone_pk)
    features = [feature(item, PLOT_PROPERTIES) for item in services.plot_map_features(zone)]
    return geojson_response({"type": "FeatureCollection", "features": features},
                            f"{zone.code or zone.slug}-plots.geojson")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    return fmt


@require_GET
def export_zones(request, fmt: str):
    """Every published zone of the active language, as ``fmt``."""
    frame = zones_frame(live_zones().order_by("title"))
    content, spec, filename = export_frame(frame, _format(fmt), "zones")
    return download(content, spec.content_type, filename)


@require_GET
def export_zone_plots(request, zone_pk: int, fmt: str):
    """The plots of a published zone, as ``fmt``."""
    fmt = _format(fmt)
    zone = live_zone(zone_pk)
    frame = plots_frame(zone, zone.all_plots().order_by("code"))
    content, spec, filename = export_frame(frame, fmt, f"{zone.code or zone.slug}-plots")
    return download(content, spec.content_type, filename)
