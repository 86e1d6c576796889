"""Admin views of the GIS import: upload -> preview (map, table, counts, warnings) -> confirm -> saved,
with a JSON status view polled by the progress bar, and admin export downloads."""

import shapely
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maps.checks import GISImportError
from maps.exporters import FORMATS, export_frame

from ..gis_export import download, plots_frame, zones_frame
from ..infrastructure import InfrastructureLayer
from ..models import ImportRecord, ImportStatus, ZonePage
from .forms import GISUploadForm
from .options import ImportOptions
from .preparing import read_and_prepare
from .preview import preview_warnings, replacements
from .running import staged_of
from .services import cancel_import, confirm_import, preview_upload

PREVIEW_ROWS = 200
PREVIEW_FEATURES = 2000


def _require(request, action: str = "add") -> None:
    if not request.user.has_perm(f"zones.{action}_importrecord"):
        raise PermissionDenied


def upload(request):
    """The upload form; a valid, safe, readable file becomes a previewed ImportRecord."""
    _require(request)
    form = GISUploadForm(request.POST or None, request.FILES or None,
                         initial={"target": request.GET.get("target", "zones"), "zone": request.GET.get("zone")})
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            record, _prepared = preview_upload(upload_file, upload_file.name, form.options(), request.user)
        except GISImportError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("gis_import_detail", pk=record.pk)
    return TemplateResponse(request, "zones/gis_import/upload.html", {
        "form": form, "recent": ImportRecord.objects.select_related("user")[:10], "export_formats": FORMATS.values(),
    })


def _preview_context(record: ImportRecord) -> dict:
    options = ImportOptions.from_json(record.options)
    try:
        prepared = read_and_prepare(staged_of(record), options)
        replaced = replacements(prepared, options)
        warnings = preview_warnings(prepared, options, replaced)
    except GISImportError as exc:
        return {"preview_error": exc.message}
    frame = prepared.frame
    shown = frame.head(PREVIEW_FEATURES).copy()
    shown["geometry"] = shapely.simplify(shown.geometry.array, 0.00002, preserve_topology=True)
    layers = dict(InfrastructureLayer.choices)
    rows = [{"row": int(row.row), "code": row.code, "name": row.name, "land_use": getattr(row, "land_use", ""),
             "status": getattr(row, "status", ""), "area_ha": round(float(row.area_m2) / 10_000, 2),
             "layer": layers.get(getattr(row, "layer", ""), ""), "details": getattr(row, "details", ""),
             "replaces": replaced.get(row.code)}
            for row in frame.head(PREVIEW_ROWS).itertuples()]
    return {"prepared": prepared, "rows": rows, "map_data": shown.__geo_interface__,
            "more_rows": max(0, len(frame) - PREVIEW_ROWS), "bounds": list(frame.total_bounds),
            "new_count": len(frame) - len(replaced), "replaced": list(replaced.values())[:PREVIEW_ROWS],
            "replaced_count": len(replaced), "more_replaced": max(0, len(replaced) - PREVIEW_ROWS),
            "preview_warnings": warnings}


def detail(request, pk: int):
    """A previewed import (map, table, counts, warnings, confirm), a running one (progress) or a result."""
    _require(request, "view")
    record = get_object_or_404(ImportRecord.objects.select_related("user", "zone"), pk=pk)
    context = {"record": record, "export_formats": FORMATS.values(),
               "status_url": reverse("gis_import_status", args=[record.pk])}
    if record.can_confirm:
        context.update(_preview_context(record))
    return TemplateResponse(request, "zones/gis_import/detail.html", context)


@require_POST
def confirm(request, pk: int):
    """Save the previewed import: now, or through Celery with a progress bar for large files."""
    _require(request)
    record = get_object_or_404(ImportRecord, pk=pk)
    try:
        queued = confirm_import(record, request.user)
    except GISImportError as exc:
        messages.error(request, exc.message)
        return redirect("gis_import_detail", pk=pk)
    record.refresh_from_db()
    if not queued and record.status == ImportStatus.DONE:
        messages.success(request, _("Imported %(file)s: %(created)d created, %(updated)d updated.") % {
            "file": record.file_name, "created": record.created_count, "updated": record.updated_count})
    elif not queued:
        messages.error(request, record.error)
    return redirect("gis_import_detail", pk=pk)


@require_POST
def cancel(request, pk: int):
    """Drop a previewed import and its uploaded file."""
    _require(request)
    record = get_object_or_404(ImportRecord, pk=pk)
    try:
        cancel_import(record)
    except GISImportError as exc:
        messages.error(request, exc.message)
    return redirect("gis_import")


@require_GET
def status(request, pk: int):
    """Progress of an import, polled by the progress bar."""
    _require(request, "view")
    record = get_object_or_404(ImportRecord, pk=pk)
    return JsonResponse({"status": record.status, "status_label": record.get_status_display(),
                         "progress": record.current_progress(), "finished": record.is_finished,
                         "error": record.error, "created": record.created_count, "updated": record.updated_count})


@require_GET
def export_zones(request, fmt: str):
    """Every zone of the default zone tree (drafts included) as ``fmt``; public fields only."""
    _require(request, "view")
    if fmt not in FORMATS:
        raise PermissionDenied
    zones = ZonePage.objects.filter(locale__language_code=request.LANGUAGE_CODE or "en").order_by("title")
    content, spec, filename = export_frame(zones_frame(zones), fmt, "zones")
    return download(content, spec.content_type, filename)


@require_GET
def export_plots(request, zone_pk: int, fmt: str):
    """A zone's plots as ``fmt``."""
    _require(request, "view")
    if fmt not in FORMATS:
        raise PermissionDenied
    zone = get_object_or_404(ZonePage, pk=zone_pk)
    content, spec, filename = export_frame(plots_frame(zone, zone.all_plots().order_by("code")), fmt,
                                           f"{zone.code or zone.slug}-plots")
    return download(content, spec.content_type, filename)
