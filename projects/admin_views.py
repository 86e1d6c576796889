"""Admin views of the spreadsheet import (upload, column mapping, report with progress, import) and of
capital changes edited on their own."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.views import generic

from core.imports import ImportStatus

from .choices import CapitalChangeKind
from .importing import service
from .importing.readers import check_size
from .importing.validation import FIELDS
from .models import ImportJob, Project
from .services import recompute_capital
from .tasks import run_import, validate_import

can_import = permission_required("projects.add_project", raise_exception=True)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
                           help_text=gettext_lazy("One project per row; the first row holds the column names."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload.size)
        return upload


class MappingForm(forms.Form):
    """One select per target field, listing the file's columns."""

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(h, h) for h in headers]
        for name, (label, required, _aliases) in FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=required)


@can_import
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = service.create_job(form.cleaned_data["file"], request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("projects_import:mapping", job.pk)
    jobs = ImportJob.objects.order_by("-created_at")[:10]
    return render(request, "projects/admin/import_upload.html", {"form": form, "jobs": jobs, "fields": FIELDS})


@can_import
def mapping(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    form = MappingForm(request.POST or None, headers=job.headers, initial=job.mapping)
    if request.method == "POST" and form.is_valid():
        later = service.needs_task(job)
        problems = service.set_mapping(job, form.cleaned_data, validate_later=later)
        if not problems:
            if later:
                transaction.on_commit(lambda: validate_import.delay(job.pk))
            else:
                service.validate_job(job.pk)
            return redirect("projects_import:report", job.pk)
        for problem in problems:
            form.add_error(None, problem)
    return render(request, "projects/admin/import_mapping.html", {"job": job, "form": form})


@can_import
def report(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    problems = job.report.get("problems", [])
    return render(request, "projects/admin/import_report.html", {
        "job": job, "problems": problems[:1000], "more_problems": max(0, len(problems) - 1000),
        "valid_rows": job.report.get("valid_rows", []), "invalid_rows": job.report.get("invalid_rows", []),
        "running": job.status == ImportStatus.RUNNING or job.validation_pending,
        "status_url": reverse("projects_import:status", args=[job.pk]),
    })


@can_import
@require_POST
def run(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    only_valid = request.POST.get("only_valid") == "1"
    if job.status != ImportStatus.PREVIEWED:
        messages.error(request, _("Validate the file before importing it."))
        return redirect("projects_import:report", job.pk)
    if job.report.get("problems") and not only_valid:
        messages.error(request, _("Some rows have problems: fix the file or import only the valid rows."))
        return redirect("projects_import:report", job.pk)
    if not service.claim_import(job, only_valid):
        messages.error(request, _("This import was already confirmed."))
        return redirect("projects_import:report", job.pk)
    if service.needs_task(job):
        transaction.on_commit(lambda: run_import.delay(job.pk))
    else:
        job = service.import_job(job.pk)
        if job.status == ImportStatus.DONE:
            messages.success(request, _("%(count)s projects imported.") % {"count": job.report.get("imported", 0)})
        else:
            messages.error(request, job.report.get("error") or _("Nothing was imported."))
    return redirect("projects_import:report", job.pk)


@can_import
@require_GET
def status(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    return JsonResponse(service.progress(job))


def import_urls():
    patterns = [
        path("", upload, name="upload"),
        path("<int:job_id>/mapping/", mapping, name="mapping"),
        path("<int:job_id>/", report, name="report"),
        path("<int:job_id>/run/", run, name="run"),
        path("<int:job_id>/status/", status, name="status"),
    ]
    return include((patterns, "projects_import"), namespace="projects_import")


class CapitalTotalsMixin:
    """Create and edit views of a capital change: its project's capital follows (services.recompute_capital),
    in the same transaction; a total that would fall below zero is shown on the form and nothing is saved."""

    def save_instance(self):
        previous = self.form.initial.get("project")
        instance = super().save_instance()
        if previous and previous != instance.project_id:
            recompute_capital(Project.objects.get(pk=previous))
        recompute_capital(instance.project)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CapitalChangeCreateView(CapitalTotalsMixin, generic.CreateView):
    pass


class CapitalChangeEditView(CapitalTotalsMixin, generic.EditView):
    pass


class CapitalChangeDeleteView(generic.DeleteView):
    """Deleting a capital change: never the new registration, never below zero; the project's total follows."""

    def delete_action(self):
        project = self.object.project
        with transaction.atomic():
            super().delete_action()
            recompute_capital(project)

    def form_valid(self, form):
        if self.object.kind == CapitalChangeKind.NEW:
            messages.error(self.request, _("The new registration cannot be deleted; correct its amount instead."))
            return redirect(self.get_success_url())
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())
