"""Views of the zones app that are not Wagtail pages: the incentive finder, the project profile page, the
sector picker's suggestions and the public GIS downloads.

GeoJSON endpoints serve the published zones (with the zone index filters), a zone's boundary and its plots;
export endpoints the same in every export format. Only live, public zone pages are served, and only the
public fields the zone services choose; each response is offered as a download
(``Content-Disposition: attachment``).
"""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from maps.exporters import FORMATS, export_frame
from search.backends.base import SearchUnavailable

from . import plot_geojson, profiles, sectors, services, units
from .forms import IncentiveFinderForm, InvestorProfileForm, ZoneFilterForm
from .gis_export import download, plots_frame, zones_frame
from .models import ZonePage


def incentive_finder(request):
    """The project profile (GET; a submitted one is kept, else the kept one is used, with what a link adds)
    and the incentives judged for it: those that apply and why, those that may (an answer is missing) and
    those that do not, with what would change the answer."""
    form = profiles.form_for(request, IncentiveFinderForm, prefill=request.GET)
    matches = None
    if form.is_bound and form.is_valid():
        matches = services.incentives_for_profile(form.profile())
    return render(request, "zones/incentive_finder.html", {"form": form, "matches": matches})


#: How long browsers and proxies may reuse the picker's answer (the classification changes rarely).
SUGGEST_MAX_AGE = 300


@require_GET
def sector_suggest(request):
    """The sector picker's suggestions for ``?q=``: at most ten sectors, each with its code, name and path in
    the active language, found by code or by words in either language."""
    query = (request.GET.get("q") or "")[:sectors.MAX_QUERY_LENGTH]
    response = JsonResponse({"query": query, "results": sectors.suggestions(query)})
    patch_cache_control(response, public=True, max_age=SUGGEST_MAX_AGE)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def profile(request):
    """The visitor's project profile: see it, change it, clear it, share it; a shared link shows the profile
    it carries and keeps it only when the visitor chooses to use it."""
    here = reverse("zones:profile")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "clear":
            profiles.clear(request)
            messages.success(request, _("Your project profile was cleared."))
            return redirect(here)
        form = InvestorProfileForm(request.POST)
        if form.is_valid():
            profiles.keep(request, form)
            messages.success(request, _("Your project profile was saved: every tool of this site now uses it."))
            return redirect(_next_url(request, here))
    else:
        shared = profiles.shared(request)
        if shared:
            return render(request, "zones/profile_shared.html", {
                "shared": shared, "words": profiles.summary(shared), "form": InvestorProfileForm(shared),
                "own": profiles.summary(profiles.stored(request))})
        stored = profiles.stored(request)
        form = InvestorProfileForm(stored) if stored else InvestorProfileForm()
    stored = profiles.stored(request)
    return render(request, "zones/profile.html", {
        "form": form, "words": profiles.summary(stored),
        "share_url": profiles.share_url(stored, request) if stored else "",
        "next": _next_url(request, "")})


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


@require_GET
def zone_plot_map(request, zone_pk: int):
    """A live zone's plots for its map, simplified for ``?zoom=`` (areas in ``?unit=``), as GeoJSON: cached
    in the server under the plots' version, kept by the browser for a few minutes and answered 304 when its
    ETag still holds. The visitor's session is not read, so the answer is the same for everyone."""
    zone = live_zone(zone_pk)
    collection, etag = plot_geojson.plot_collection(zone, request.GET.get("zoom"),
                                                    units.valid(request.GET.get(units.PARAM)) or units.DEFAULT)
    quoted = f'"{etag}"'
    if quoted in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(collection, content_type="application/geo+json")
    response["ETag"] = quoted
    patch_cache_control(response, public=True, max_age=plot_geojson.BROWSER_MAX_AGE)
    return response


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
