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
from .services import (
    cancel_import,
    confirm_import,
    drop_staged,
    is_staged,
    recheck,
    stage_file,
    staged_record,
    staged_token,
    staged_until,
)

PREVIEW_ROWS = 200
PREVIEW_FEATURES = 2000


def _require(request, action: str = "add") -> None:
    if not request.user.has_perm(f"zones.{action}_importrecord"):
        raise PermissionDenied


def _staged(request) -> tuple[ImportRecord | None, str]:
    """The import whose staged file the request names (``staged`` token), and why it cannot be used."""
    token = request.POST.get("staged") or request.GET.get("staged") or ""
    if not token:
        return None, ""
    try:
        return staged_record(token, request.user), ""
    except GISImportError as exc:
        return None, exc.message


def upload(request):
    """The upload form. A safe file is staged and previewed; refused when read or previewed, it stays staged
    for its uploader, who changes the options and checks it again without uploading it again."""
    _require(request)
    staged, error = _staged(request)
    new_file = bool(request.FILES.get("file"))
    if new_file:
        error = ""  # whatever was staged no longer matters, nor its layers
    initial = (GISUploadForm.initial_from(staged.options) if staged is not None and request.method == "GET" else
               {"target": request.GET.get("target", "zones"), "zone": request.GET.get("zone")})
    form = GISUploadForm(request.POST or None, request.FILES or None, initial=initial,
                         staged=None if new_file else staged)
    if request.method == "POST" and not error and form.is_valid():
        upload_file, options = form.cleaned_data["file"], form.options()
        try:
            if upload_file:
                if staged is not None:
                    drop_staged(staged)
                staged = None  # dropped; the new file's import, once staged
                staged, _staged_upload = stage_file(upload_file, upload_file.name, options, request.user)
            record, _prepared = recheck(staged, options, request.user)
        except GISImportError as exc:
            error = exc.message
            if staged is not None:
                staged.refresh_from_db()
                if is_staged(staged):  # the form again, on the staged file, with the options just refused
                    form = GISUploadForm(initial=GISUploadForm.initial_from(staged.options), staged=staged)
                else:
                    staged = None
        else:
            if form.ignored:
                messages.info(request, _("Not used for this kind of import, so ignored: %(fields)s.") % {
                    "fields": ", ".join(form.ignored)})
            return redirect("gis_import_detail", pk=record.pk)
    return TemplateResponse(request, "zones/gis_import/upload.html", {
        "form": form, "error": error, "staged": staged,
        "staged_token": staged_token(staged) if staged is not None else "",
        "staged_until": staged_until(staged) if staged is not None else None,
        "recent": ImportRecord.objects.select_related("user")[:10], "export_formats": FORMATS.values(),
    })


def status_label(record: ImportRecord) -> str:
    """The status as the editor sees it: a confirmed import no worker has started yet is queued."""
    if record.status == ImportStatus.RUNNING and record.started_at is None:
        return _("Queued")
    return record.get_status_display()


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
    context = {"record": record, "export_formats": FORMATS.values(), "status_label": status_label(record),
               "status_url": reverse("gis_import_status", args=[record.pk])}
    if record.user_id == request.user.pk and is_staged(record):
        context["change_url"] = f"{reverse('gis_import')}?staged={staged_token(record)}"
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
    summary = (_("%(created)d created, %(updated)d updated.") % {
        "created": record.created_count, "updated": record.updated_count}
        if record.status == ImportStatus.DONE else record.error)
    return JsonResponse({"status": record.status, "status_label": status_label(record),
                         "progress": record.current_progress(), "finished": record.is_finished,
                         "error": record.error, "created": record.created_count, "updated": record.updated_count,
                         "summary": summary})


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
