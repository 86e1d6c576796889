"""Officer screens in the Wagtail admin: a dossier with its history, attachments, assignments and the
transitions it allows (the queue itself is ``views.queue``)."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import queue, services, workflow
from ..forms import AssignForm, StatusImportForm, TransitionForm
from ..integrations import import_statuses
from ..models import NEEDS_REASONS, RESOLVED, ApplicationStatus
from .investor import serve_attachment, serve_result
from .queue import officer_name, require_officer


@require_http_methods(["GET", "POST"])
def application(request, pk: int):
    """A dossier with its history and the moves it allows; a closing move goes through a confirmation page."""
    require_officer(request.user)
    dossier = services.application_for_officer(request.user, pk)
    moves = [(status, ApplicationStatus(status).label) for status in workflow.allowed_moves(dossier)]
    form = TransitionForm(request.POST or None, request.FILES or None, moves=moves, current=dossier.status,
                          application=dossier)
    if request.method == "POST" and form.is_valid():
        if form.awaits_confirmation:
            return _confirmation(request, dossier, form)
        try:
            services.officer_transition(request.user, dossier, form.cleaned_data["status"],
                                        form.cleaned_data["note"], form.cleaned_data["result_number"],
                                        form.cleaned_data["result_file"], on=form.cleaned_data.get("received_on"),
                                        receipt_number=form.cleaned_data.get("receipt_number", ""))
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
        "attachments": dossier.attachments.all(), "deadline": services.deadline(dossier),
        "assigned_to": officer_name(dossier.assigned_to),
        "assign_form": AssignForm(officers=queue.assignable_officers(dossier)),
        "assignments": [{"at": row.at, "officer": officer_name(row.officer), "previous": officer_name(row.previous),
                         "actor": officer_name(row.actor)}
                        for row in dossier.assignments.select_related("officer", "previous", "actor")]})


@require_POST
def assign(request, pk: int):
    """Give the dossier to an officer of its agency (or to another one), keeping who had it before."""
    require_officer(request.user)
    dossier = services.application_for_officer(request.user, pk)
    form = AssignForm(request.POST, officers=queue.assignable_officers(dossier))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("officer", [])))
        return redirect("licensing_admin:application", pk=dossier.pk)
    try:
        queue.assign(request.user, dossier, form.cleaned_data["officer"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Dossier %(code)s is now assigned to %(officer)s.") % {
            "code": dossier.dossier_code, "officer": officer_name(form.cleaned_data["officer"])})
    return redirect("licensing_admin:application", pk=dossier.pk)


def _confirmation(request, dossier, form):
    """The page that asks an officer to confirm a closing move, carrying the fields already filled in."""
    status = form.data.get("status")
    return render(request, "licensing/admin/application_confirm.html", {
        "application": dossier, "form": form, "move": ApplicationStatus(status).label,
        "resolves": status in RESOLVED, "reason_required": status in NEEDS_REASONS})


def attachment(request, pk: int, attachment_pk: int):
    require_officer(request.user)
    return serve_attachment(services.application_for_officer(request.user, pk), attachment_pk)


def result(request, pk: int):
    require_officer(request.user)
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
