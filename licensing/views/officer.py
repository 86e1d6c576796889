"""Officer screens in the Wagtail admin: the agency's queue sorted by due date, a dossier with its history,
attachments and the transitions it allows."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services, workflow
from ..forms import StatusImportForm, TransitionForm
from ..integrations import import_statuses
from ..models import NEEDS_REASONS, RESOLVED, ApplicationStatus
from .investor import serve_attachment, serve_result


def _require_officer(user) -> None:
    if not (user.is_superuser or services.officer_agency_id(user)):
        raise PermissionDenied


def queue(request):
    _require_officer(request.user)
    today = timezone.localdate()
    applications = services.officer_queue(request.user, today)
    status = request.GET.get("status")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    due = request.GET.get("due", "")
    applications = services.filter_queue_due(applications, due, today)
    rows = [{"application": a, "deadline": services.deadline(a, today)} for a in applications[:500]]
    return render(request, "licensing/admin/queue.html", {
        "rows": rows, "today": today, "statuses": ApplicationStatus.choices, "current_status": status,
        "due_choices": [("overdue", _("Overdue")), ("week", _("Due within 5 working days"))],
        "current_due": due})


@require_http_methods(["GET", "POST"])
def application(request, pk: int):
    """A dossier with its history and the moves it allows; a closing move goes through a confirmation page."""
    _require_officer(request.user)
    dossier = services.application_for_officer(request.user, pk)
    moves = [(status, ApplicationStatus(status).label) for status in workflow.allowed_moves(dossier)]
    form = TransitionForm(request.POST or None, request.FILES or None, moves=moves, current=dossier.status)
    if request.method == "POST" and form.is_valid():
        if form.awaits_confirmation:
            return _confirmation(request, dossier, form)
        try:
            services.officer_transition(request.user, dossier, form.cleaned_data["status"],
                                        form.cleaned_data["note"], form.cleaned_data["result_number"],
                                        form.cleaned_data["result_file"])
        except workflow.IllegalTransition as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Dossier %(code)s is now: %(status)s.") % {
                "code": dossier.dossier_code, "status": dossier.get_status_display()})
        return redirect("licensing_admin:application", pk=dossier.pk)
    if form.is_bound and form["confirmed"].value() and set(form.errors) == {"result_file"}:
        return _confirmation(request, dossier, form)  # only the file attached on the confirmation page is wrong
    return render(request, "licensing/admin/application.html", {
        "application": dossier, "history": dossier.history.select_related("actor"), "form": form, "moves": moves,
        "attachments": dossier.attachments.all(), "deadline": services.deadline(dossier)})


def _confirmation(request, dossier, form):
    """The page that asks an officer to confirm a closing move, carrying the fields already filled in."""
    status = form.data.get("status")
    return render(request, "licensing/admin/application_confirm.html", {
        "application": dossier, "form": form, "move": ApplicationStatus(status).label,
        "resolves": status in RESOLVED, "reason_required": status in NEEDS_REASONS})


def attachment(request, pk: int, attachment_pk: int):
    _require_officer(request.user)
    return serve_attachment(services.application_for_officer(request.user, pk), attachment_pk)


def result(request, pk: int):
    _require_officer(request.user)
    return serve_result(services.application_for_officer(request.user, pk))


@require_http_methods(["GET", "POST"])
def import_csv(request):
    """Upload a CSV export of the one-stop system (administrators only): all rows or none are applied."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = StatusImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_statuses(io.StringIO(form.cleaned_data["text"]))
        if not report.errors:
            messages.success(request, _("Applied %(applied)s status changes; %(unchanged)s rows were already applied.")
                             % {"applied": report.applied, "unchanged": report.unchanged})
    return render(request, "licensing/admin/import.html", {"form": form, "report": report})
