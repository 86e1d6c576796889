"""Investor pages: my projects (with pathway progress), my applications, one application's timeline,
attachments (private files, permission-checked), notifications."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zones import profiles

from .. import quality, services, workflow
from ..forms import (
    ApplicationFilterForm,
    ApplicationForm,
    AttachmentForm,
    InvestorMoveForm,
    PlannedProjectForm,
    RatingForm,
)
from ..models import ApplicationAttachment, ApplicationStatus, Notification


def investor_required(view):
    """Signed in (else to the sign-in page) and acting for an investor (else 403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('licensing:signin')}?next={request.path}")
        if not request.user.investor_memberships.exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


PROJECTS_PER_PAGE = 10
APPLICATIONS_PER_PAGE = 25


@investor_required
def my_projects(request):
    page = Paginator(services.project_list(request.user), PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"project": project, "progress": services.pathway_progress(project)} for project in page]
    return render(request, "licensing/my_projects.html", {"rows": rows, "page_obj": page})


#: What a kept profile gives the planned project's form (the form's field: the profile's field).
PROFILE_TO_PROJECT = {"sector": "sector_code", "capital_usd": "capital_usd", "land_area_m2": "land_area_m2",
                      "foreign_share_pct": "foreign_ownership_pct", "zone": "zone_id"}


@investor_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    """Declare a planned project (pre-filled from the kept profile), then record its first application."""
    kept = profiles.current(request)
    form = PlannedProjectForm(request.POST or None, initial={
        field: kept[key] for field, key in PROFILE_TO_PROJECT.items() if key in kept})
    if request.method == "POST" and form.is_valid():
        project = services.declare_project(request.user, **form.cleaned_data)
        messages.success(request, _("Your planned project was declared. Record its first application: the "
                                    "investment registration."))
        return redirect(f"{reverse('licensing:application_new')}?project={project.pk}")
    return render(request, "licensing/project_new.html", {"form": form})


@investor_required
def project_detail(request, pk: int):
    """One of the investor's projects: its status, its saved plan's procedures with their progress, its
    applications."""
    project = services.project_for_investor(request.user, pk)
    return render(request, "licensing/project_detail.html", {
        "project": project, "progress": services.pathway_progress(project),
        "applications": project.applications.select_related("procedure").order_by("-submitted_on", "-pk")})


@investor_required
def my_applications(request):
    today = timezone.localdate()
    filters = ApplicationFilterForm(request.GET, projects=services.projects_for(request.user).order_by("code"))
    chosen = filters.cleaned_data if filters.is_valid() else {}
    applications = services.application_list(request.user, chosen.get("state", ""),
                                             getattr(chosen.get("project"), "pk", None), today)
    page = Paginator(applications, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"application": a, "deadline": services.deadline(a, today)} for a in page]
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "licensing/my_applications.html", {
        "rows": rows, "page_obj": page, "filters": filters, "unread": unread})


@investor_required
@require_http_methods(["GET", "POST"])
def application_new(request):
    projects = services.projects_for(request.user)
    form = ApplicationForm(request.POST if request.method == "POST" else None, projects=projects,
                           initial={"procedure": request.GET.get("procedure"), "project": request.GET.get("project")})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.record_application(request.user, form.cleaned_data["project"],
                                                      form.cleaned_data["procedure"], form.cleaned_data["submitted_on"],
                                                      another=form.cleaned_data["another"])
        except ValidationError as exc:
            form.add_error("procedure", exc)
            if exc.code == "duplicate":
                form.offer_another()
        else:
            messages.success(request, _("Application recorded: dossier %(code)s.") % {
                "code": application.dossier_code})
            return redirect("licensing:application_detail", pk=application.pk)
    return render(request, "licensing/application_new.html", {"form": form})


@investor_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk: int):
    application = services.application_for_investor(request.user, pk)
    form = AttachmentForm()
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            ApplicationAttachment.objects.create(application=application, file=upload,
                                                 original_name=upload.name[:255],
                                                 content_type=form.cleaned_data["content_type"], size=upload.size,
                                                 uploaded_by=request.user)
            messages.success(request, _("The file was attached."))
            return redirect("licensing:application_detail", pk=application.pk)
    moves = _investor_moves(application)
    return render(request, "licensing/application_detail.html", {
        "application": application, "history": application.history.select_related("actor"),
        "attachments": application.attachments.all(), "form": form,
        "move_form": InvestorMoveForm(moves=moves) if moves else None,
        "deadline": services.deadline(application), **_rating_context(request.user, application)})


def _investor_moves(application) -> list[tuple[str, str]]:
    return [(status, ApplicationStatus(status).label) for status in workflow.allowed_moves(application)
            if status in workflow.INVESTOR_MOVES]


@investor_required
@require_POST
def application_move(request, pk: int):
    application = services.application_for_investor(request.user, pk)
    form = InvestorMoveForm(request.POST, moves=_investor_moves(application))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("licensing:application_detail", pk=application.pk)
    try:
        services.investor_transition(request.user, application, form.cleaned_data["status"],
                                     form.cleaned_data["note"])
    except workflow.IllegalTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dossier %(code)s is now: %(status)s.") % {
            "code": application.dossier_code, "status": application.get_status_display()})
    return redirect("licensing:application_detail", pk=application.pk)


@investor_required
def attachment_download(request, pk: int, attachment_pk: int):
    application = services.application_for_investor(request.user, pk)
    return serve_attachment(application, attachment_pk)


def serve_attachment(application, attachment_pk: int):
    """Stream a private attachment as a download (never inline: no content sniffing, no script)."""
    attachment = application.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@investor_required
def result_download(request, pk: int):
    return serve_result(services.application_for_investor(request.user, pk))


def serve_result(application):
    """The decision or certificate file of a dossier, as a private download."""
    if not application.result_file:
        raise Http404
    response = FileResponse(application.result_file.open("rb"), as_attachment=True,
                            filename=application.result_file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


@investor_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    items = Notification.objects.filter(user=request.user).select_related("application")[:100]
    if request.method == "POST":
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("licensing:notifications")
    return render(request, "licensing/notifications.html", {"items": items})


def _rating_context(user, application, form: RatingForm | None = None) -> dict:
    """The rating block of the dossier page: once it is resolved, for the investor who may rate it."""
    rating = getattr(application, "rating", None)
    if form is None and quality.may_rate(user, application):
        form = RatingForm(initial={"score": rating.score, "comment": rating.comment} if rating else None)
    return {"rating_form": form, "rating": rating}


@investor_required
@require_POST
def application_rate(request, pk: int):
    """The investor rates how their resolved dossier was handled (or changes their rating)."""
    application = services.application_for_investor(request.user, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            quality.rate_dossier(request.user, application, form.cleaned_data["score"],
                                 form.cleaned_data["comment"])
        except quality.RatingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: your rating was recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("licensing:application_detail", pk=application.pk)
