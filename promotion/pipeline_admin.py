"""The leads pipeline in the Wagtail admin: the list with its filters, one lead with its history, activities and
forms, a lead made from an enquiry, the pipeline report with charts, and the exports. Reading needs
``promotion.view_lead``; every change needs ``promotion.change_lead`` (``promotion.add_lead`` to create)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.models import Project

from . import pipeline, pipeline_exports, pipeline_reports
from .models import Enquiry, Lead, LeadStage
from .pipeline_forms import (
    ActivityForm,
    LeadFilterForm,
    LeadForm,
    MoveForm,
    NewLeadForm,
    NextActionForm,
    ProjectSearchForm,
    ReportFilterForm,
)

can_view = permission_required("promotion.view_lead", raise_exception=True)
can_change = permission_required("promotion.change_lead", raise_exception=True)
can_add = permission_required("promotion.add_lead", raise_exception=True)
PROJECT_MATCHES = 20


def _error(request, error: pipeline.LeadError) -> None:
    messages.error(request, " ".join(error.messages))


@can_view
def lead_list(request):
    """The leads the filters keep, the next action due soonest first."""
    filters = LeadFilterForm(request.GET or None)
    today = timezone.localdate()
    leads = pipeline_reports.leads(filters.filters(), today)
    page = Paginator(leads, 50).get_page(request.GET.get("p"))
    return render(request, "promotion/admin/leads/list.html", {
        "filters": filters, "page": page, "today": today, "query": request.GET.urlencode(),
        "can_add": request.user.has_perm("promotion.add_lead")})


def _detail_context(request, lead: Lead, **forms) -> dict:
    can_change_lead = request.user.has_perm("promotion.change_lead")
    context = {"lead": lead, "today": timezone.localdate(), "can_change": can_change_lead,
               "history": lead.stage_history.select_related("actor"),
               "activities": lead.activities.select_related("actor"),
               "zones": lead.zones_considered.all(),
               "country": lead.country_label(get_language() or "en")}
    if can_change_lead:
        search = ProjectSearchForm(request.GET or None)
        query = search.cleaned_data["project_q"].strip() if search.is_valid() else ""
        stages = sorted(pipeline.ALLOWED_MOVES[lead.stage], key=list(LeadStage).index)
        context.update({
            "move_form": forms.get("move_form") or MoveForm(stages=stages), "can_move": bool(stages),
            "activity_form": forms.get("activity_form") or ActivityForm(initial={"date": timezone.localdate()}),
            "next_action_form": forms.get("next_action_form") or NextActionForm(initial={
                "next_action": lead.next_action, "next_action_on": lead.next_action_on}),
            "search_form": search, "project_query": query,
            "project_matches": Project.objects.filter(
                Q(code__icontains=query) | Q(name_vi__icontains=query) | Q(name_en__icontains=query)
            ).order_by("code")[:PROJECT_MATCHES] if query else []})
    return context


@can_view
def lead_detail(request, pk: int):
    """One lead: its fields, stage history and activities; the forms for those who may change it."""
    lead = get_object_or_404(Lead.objects.select_related("owner", "sector", "project", "enquiry"), pk=pk)
    return render(request, "promotion/admin/leads/detail.html", _detail_context(request, lead))


@can_add
def lead_add(request):
    """A lead the board found itself."""
    form = NewLeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        stage, zones = data.pop("stage"), data.pop("zones_considered")
        try:
            lead = pipeline.create_lead(request.user, stage=stage, zones=zones, **data)
        except pipeline.LeadError as error:
            _error(request, error)
        else:
            messages.success(request, _("Lead created."))
            return redirect("promotion_leads:detail", lead.pk)
    return render(request, "promotion/admin/leads/edit.html", {"form": form, "lead": None})


@can_change
def lead_edit(request, pk: int):
    """Change a lead's own fields."""
    lead = get_object_or_404(Lead, pk=pk)
    form = LeadForm(request.POST or None, instance=lead)
    if request.method == "POST" and form.is_valid():
        pipeline.update_lead(lead, request.user, form)
        messages.success(request, _("Lead saved."))
        return redirect("promotion_leads:detail", lead.pk)
    return render(request, "promotion/admin/leads/edit.html", {"form": form, "lead": lead})


@require_POST
@can_add
def from_enquiry(request, enquiry_pk: int):
    """Make the enquiry a lead (or open the lead it already is)."""
    enquiry = get_object_or_404(Enquiry, pk=enquiry_pk)
    existing = pipeline.lead_for(enquiry)
    if existing is not None:
        return redirect("promotion_leads:detail", existing.pk)
    try:
        lead = pipeline.lead_from_enquiry(enquiry, request.user)
    except pipeline.LeadError as error:
        _error(request, error)
        return redirect("promotion_admin:detail", enquiry.pk)
    messages.success(request, _("The enquiry is now a lead."))
    return redirect("promotion_leads:detail", lead.pk)


def _act(request, pk: int, action, success: str):
    lead = get_object_or_404(Lead.objects.select_related("project"), pk=pk)
    try:
        action(lead)
    except pipeline.LeadError as error:
        _error(request, error)
    else:
        messages.success(request, success)
    return redirect("promotion_leads:detail", lead.pk)


@require_POST
@can_change
def move(request, pk: int):
    """Move the lead to another stage."""
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the stage to move the lead to."))
        return redirect("promotion_leads:detail", pk)
    data = form.cleaned_data
    return _act(request, pk, lambda lead: pipeline.move(
        lead, data["stage"], request.user, note=data["note"], lost_reason=data["lost_reason"],
        lost_note=data["lost_note"]), _("Stage changed."))


@require_POST
@can_change
def link(request, pk: int):
    """Link the lead to the registry project chosen among the matches."""
    value = request.POST.get("project", "")
    project = Project.objects.filter(pk=int(value)).first() if value.isdigit() else None
    if project is None:
        messages.error(request, _("Choose a project of the registry."))
        return redirect("promotion_leads:detail", pk)
    return _act(request, pk, lambda lead: pipeline.link_project(lead, project, request.user),
                _("Project %(code)s linked.") % {"code": project.code})


@require_POST
@can_change
def unlink(request, pk: int):
    """Remove the link to the registry project."""
    return _act(request, pk, lambda lead: pipeline.unlink_project(lead, request.user), _("Project unlinked."))


@require_POST
@can_change
def activity(request, pk: int):
    """Log a call, meeting, site visit, e-mail or note."""
    form = ActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the kind, the date and what happened."))
        return redirect("promotion_leads:detail", pk)
    data = form.cleaned_data
    return _act(request, pk, lambda lead: pipeline.log_activity(
        lead, request.user, kind=data["kind"], summary=data["summary"], on=data["date"]), _("Activity logged."))


@require_POST
@can_change
def next_action(request, pk: int):
    """Set (or clear) the next action and its date."""
    form = NextActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date."))
        return redirect("promotion_leads:detail", pk)
    data = form.cleaned_data
    return _act(request, pk, lambda lead: pipeline.set_next_action(
        lead, request.user, data["next_action"], data["next_action_on"]), _("Next action saved."))


def _download(content: bytes, fmt: str, kind: str) -> HttpResponse:
    content_type = pipeline_exports.XLSX_TYPE if fmt == "xlsx" else pipeline_exports.CSV_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{pipeline_exports.filename(kind, fmt)}"'
    return response


@can_view
def export_leads(request, fmt: str):
    """The filtered lead list as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filters = LeadFilterForm(request.GET or None).filters()
    rows = pipeline_exports.lead_rows(pipeline_reports.leads(filters), get_language() or "en")
    headers = pipeline_exports.lead_headers()
    content = (pipeline_exports.to_csv(headers, rows) if fmt == "csv"
               else pipeline_exports.to_xlsx([(_("Leads"), headers, rows)]))
    return _download(content, fmt, "leads")


@can_view
def report(request):
    """The pipeline's figures with charts, each chart also given as a table."""
    filters = ReportFilterForm(request.GET or None)
    figures = pipeline_reports.report(filters.filters())
    return render(request, "promotion/admin/leads/report.html", {
        "filters": filters, "figures": figures, "chart": pipeline_reports.chart_data(figures),
        "query": request.GET.urlencode()})


@can_view
def export_figures(request, fmt: str):
    """The pipeline's figures as CSV (the tables one after another) or XLSX (one sheet per table)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    tables = pipeline_exports.figure_tables(pipeline_reports.report(ReportFilterForm(request.GET or None).filters()))
    content = pipeline_exports.tables_to_csv(tables) if fmt == "csv" else pipeline_exports.to_xlsx(tables)
    return _download(content, fmt, "pipeline")


def admin_urls():
    """The admin addresses, included under ``leads/`` with the namespace ``promotion_leads``."""
    patterns = [
        path("", lead_list, name="list"),
        path("add/", lead_add, name="add"),
        path("from-enquiry/<int:enquiry_pk>/", from_enquiry, name="from_enquiry"),
        path("export/<str:fmt>/", export_leads, name="export"),
        path("pipeline/", report, name="report"),
        path("pipeline/export/<str:fmt>/", export_figures, name="export_figures"),
        path("<int:pk>/", lead_detail, name="detail"),
        path("<int:pk>/edit/", lead_edit, name="edit"),
        path("<int:pk>/move/", move, name="move"),
        path("<int:pk>/link/", link, name="link"),
        path("<int:pk>/unlink/", unlink, name="unlink"),
        path("<int:pk>/activity/", activity, name="activity"),
        path("<int:pk>/next-action/", next_action, name="next_action"),
    ]
    return include((patterns, "promotion_leads"), namespace="promotion_leads")
