"""Public downloads of the published zones and a zone's plots in every export format."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from .exporters import FORMATS, export_frame, plots_frame, zones_frame
from .views import live_zone, live_zones


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """``content`` as an attachment."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
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
