"""The investor's own data: their projects, applications (status, timeline, due date in working days) and
enquiries, for an API token (``Authorization: Bearer <key>``) or the signed-in session.

Who sees what is the investor pages' rule, called here (``licensing.services.projects_for`` /
``applications_for``, ``promotion.services.for_investor``): another investor's project or dossier answers 404.
Read only: there are no write endpoints. Recording and moving dossiers stays on the investor's pages, in the
admin and the one-stop webhook, until an integration needs one here."""

from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router

from core.i18n import localized
from licensing import services as licensing_services
from licensing.calendar import working_days_between
from licensing.models import CLOSED, OPEN, ApplicationHistory, ApplicationStatus
from promotion import services as promotion_services
from promotion.models import EnquiryStatus

from .. import keyset
from ..auth import investor_auth, user_of
from ..conditional import last_modified, latest
from ..problems import NOT_FOUND, Problem
from ..schemas.mine import (
    MyApplicationDetail,
    MyApplicationFilters,
    MyApplicationList,
    MyEnquiryList,
    MyProjectDetail,
    MyProjectList,
)
from .zones import storable

router = Router(tags=["mine"], auth=investor_auth)

#: Problems the investor's operations may answer: no or a refused key, and those of every operation.
PRIVATE = {**NOT_FOUND, 401: Problem}


# --- projects ------------------------------------------------------------------------------------------------
def _projects(user):
    return (licensing_services.projects_for(user).select_related("sector", "zone")
            .annotate(open_count=Count("applications", filter=Q(applications__status__in=OPEN), distinct=True),
                      finished_count=Count("applications", filter=Q(applications__status__in=CLOSED),
                                           distinct=True)))


def _projects_changed(projects):
    """The latest change the rows show: a status change of a project or a change of one of its dossiers."""
    changed = projects.aggregate(status=Max("status_history__created_at"), dossier=Max("applications__updated_at"))
    return latest(changed["status"], changed["dossier"])


def _named(obj, code_field: str = "code") -> dict | None:
    if obj is None:
        return None
    return {"code": getattr(obj, code_field), "name": obj.name}


def _project(project) -> dict:
    return {
        "code": project.code, "name": project.name, "kind": project.kind, "status": project.status,
        "status_label": project.get_status_display(), "sector": _named(project.sector),
        "zone": {"code": project.zone.code, "name": project.zone.title} if project.zone_id else None,
        "registered_on": project.registered_on, "certificate_number": project.certificate_number,
        "certificate_date": project.certificate_date, "currency": project.currency,
        "registered_capital": project.registered_capital, "capital_usd": project.capital_usd,
        "capital_vnd": project.capital_vnd, "foreign_share_pct": project.foreign_share_pct,
        "land_area_m2": project.land_area_m2, "open_applications": project.open_count,
        "finished_applications": project.finished_count,
    }


#: How each list is ordered: (column, descending) pairs, the last one unique (``api.keyset``).
PROJECTS = (("code", False),)
APPLICATIONS = (("submitted_on", True), ("id", True))
ENQUIRIES = (("received_at", True), ("id", True))


@router.get("/projects", response={200: MyProjectList, **PRIVATE}, summary="My projects")
def my_projects(request: HttpRequest, response: HttpResponse, paging: Query[keyset.PageParams]):
    """The projects of the investors the caller acts for, by code; paged with cursors."""
    user = user_of(request)
    page = keyset.page_of_queryset(request, _projects(user), PROJECTS, "my-projects", paging)
    last_modified(response, _projects_changed(licensing_services.projects_for(user)))
    page["results"] = [_project(project) for project in page["results"]]
    return page


@router.get("/projects/{code}", response={200: MyProjectDetail, **PRIVATE}, summary="One of my projects")
def my_project(request: HttpRequest, response: HttpResponse, code: str):
    """One of the caller's projects with its saved plan's progress; 404 for anyone else's."""
    user = user_of(request)
    project = _projects(user).filter(code=code).first() if storable(code) else None
    if project is None:
        raise Http404
    last_modified(response, _projects_changed(licensing_services.projects_for(user).filter(pk=project.pk)))
    progress = [{"procedure": {"code": row["procedure"].code, "name": localized(row["procedure"], "name")},
                 "state": row["state"]} for row in licensing_services.pathway_progress(project)]
    return {**_project(project), "progress": progress}


# --- applications --------------------------------------------------------------------------------------------
def _application(application, today=None) -> dict:
    today = today or timezone.localdate()
    deadline = licensing_services.deadline(application, today)
    return {
        "id": application.pk, "dossier_code": application.dossier_code, "project": application.project.code,
        "procedure": {"code": application.procedure.code, "name": localized(application.procedure, "name")},
        "agency": {"code": application.agency.code, "name": localized(application.agency, "name")},
        "status": application.status, "status_label": application.get_status_display(),
        "submitted_on": application.submitted_on, "received_on": application.received_on,
        "resolved_on": application.resolved_on, "result_number": application.result_number,
        "updated_at": application.updated_at,
        "deadline": {"due_date": application.due_date, "days_left": deadline.days_left,
                     "overdue": deadline.overdue, "paused": deadline.paused, "finished": deadline.finished,
                     "finished_on": deadline.finished_on, "days_late": deadline.days_late},
    }


@router.get("/applications", response={200: MyApplicationList, **PRIVATE}, summary="My applications")
def my_applications(request: HttpRequest, response: HttpResponse, filters: Query[MyApplicationFilters],
                    paging: Query[keyset.PageParams]):
    """The caller's dossiers, newest first; paged with cursors. A project code that names none of the
    caller's projects answers an empty list."""
    applications = licensing_services.application_list(user_of(request), filters.state or "")
    if filters.project:
        applications = (applications.filter(project__code=filters.project) if storable(filters.project)
                        else applications.none())
    last_modified(response, applications.aggregate(changed=Max("updated_at"))["changed"])
    page = keyset.page_of_queryset(request, applications, APPLICATIONS, "my-applications", paging)
    today = timezone.localdate()
    page["results"] = [_application(application, today) for application in page["results"]]
    return page


@router.get("/applications/{application_id}", response={200: MyApplicationDetail, **PRIVATE},
            summary="One of my applications")
def my_application(request: HttpRequest, response: HttpResponse, application_id: int):
    """One of the caller's dossiers with its timeline of status changes; 404 for anyone else's."""
    application = licensing_services.application_for_investor(user_of(request), application_id)
    history = list(ApplicationHistory.objects.filter(application=application))
    last_modified(response, latest(application.updated_at, *(row.at for row in history)))
    timeline = [{"from_status": row.from_status, "to_status": row.to_status,
                 "to_status_label": str(ApplicationStatus(row.to_status).label), "on": row.on, "at": row.at,
                 "note": row.note, "gives_reasons": row.gives_reasons} for row in history]
    return {**_application(application, timezone.localdate()), "timeline": timeline}


# --- enquiries -----------------------------------------------------------------------------------------------
def _enquiry(enquiry, today=None) -> dict:
    today = today or timezone.localdate()
    waiting = enquiry.first_answered_at is None and enquiry.status != EnquiryStatus.CLOSED
    return {
        "reference": enquiry.reference, "topic": enquiry.topic.name, "status": enquiry.status,
        "status_label": enquiry.get_status_display(), "received_at": enquiry.received_at,
        "due_on": enquiry.due_on, "days_left": working_days_between(today, enquiry.due_on) if waiting else None,
        "overdue": enquiry.is_overdue(today), "first_answered_at": enquiry.first_answered_at,
    }


@router.get("/enquiries", response={200: MyEnquiryList, **PRIVATE}, summary="My enquiries")
def my_enquiries(request: HttpRequest, response: HttpResponse, paging: Query[keyset.PageParams]):
    """The enquiries the caller made while signed in, newest first, with the answer's due date; paged with
    cursors."""
    enquiries = promotion_services.for_investor(user_of(request))
    changed = enquiries.aggregate(received=Max("received_at"), answered=Max("first_answered_at"),
                                  message=Max("messages__created_at"))
    last_modified(response, latest(*changed.values()))
    page = keyset.page_of_queryset(request, enquiries, ENQUIRIES, "my-enquiries", paging)
    today = timezone.localdate()
    page["results"] = [_enquiry(enquiry, today) for enquiry in page["results"]]
    return page
