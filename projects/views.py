"""Public views of the projects app: the investment dashboard and its exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.i18n import language as current_language

from . import dashboard, exports
from .statistics import project_rows


@require_GET
def dashboard_view(request):
    """Figures, charts, map and table for the period and filters in the query string."""
    return render(request, "projects/dashboard.html",
                  {"content": dashboard.dashboard_html(request.GET, current_language())})


@require_GET
def export_view(request, file_format: str):
    """The filtered public project list as CSV or XLSX."""
    language = current_language()
    period, filters = dashboard.period_and_filters(dashboard.filter_form(request.GET, language))
    rows = project_rows(period, filters).iterator(chunk_size=2000)
    if file_format == "xlsx":
        content = exports.to_xlsx(rows, language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.to_csv(rows, language)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{dashboard.export_filename(period, file_format)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
