"""Services of the licensing app: applications, saved pathways, tracking, progress and agency performance.

Views, pages, tasks and commands call these; status changes go through ``workflow.transition``."""

import secrets
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Prefetch, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.i18n import columns, localized
from core.profile import ProjectProfile
from core.text import name_order
from projects import services as project_services
from projects.models import Project
from zones.models import Sector, ZonePage
from zones.sectors import sector_labels

from . import workflow
from .calendar import calendar
from .models import (
    CLOSED,
    OPEN,
    RESOLVED,
    Application,
    ApplicationStatus,
    OfficerProfile,
    Procedure,
    SavedPathway,
    new_dossier_code,
)
from .pathway import Pathway


# --- the catalogue ------------------------------------------------------------------------------------------
def procedures_by_agency(on: date) -> list[dict]:
    """The procedures in force on ``on`` grouped by agency: agencies and procedures by name in the active
    language (``name_order``)."""
    groups: dict[int, dict] = {}
    for procedure in Procedure.objects.in_force(on).select_related("agency"):
        group = groups.setdefault(procedure.agency_id, {"agency": procedure.agency, "procedures": []})
        group["procedures"].append(procedure)
    for group in groups.values():
        group["procedures"].sort(key=lambda p: (name_order(p.name), p.code))
    return sorted(groups.values(), key=lambda group: name_order(group["agency"].name))


# --- who sees what -----------------------------------------------------------------------------------------
def officer_agency_id(user) -> int | None:
    """The agency a signed-in officer works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = OfficerProfile.objects.filter(user=user).only("agency_id").first()
    return profile.agency_id if profile else None


def officer_may_work(user, application: Application) -> bool:
    """Whether ``user`` may work ``application``: an officer of its agency, or a superuser."""
    return user.is_superuser or (officer_agency_id(user) or -1) == application.agency_id


def projects_for(user):
    """The projects of the investors ``user`` belongs to."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    return Project.objects.for_user(user)


def applications_for(user):
    """The applications ``user`` may see as an investor."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.for_user(user)


def application_for_investor(user, pk: int) -> Application:
    """One of the user's applications, or 404 (never 403: ids of others do not leak)."""
    application = applications_for(user).select_related("procedure", "agency", "project").filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def application_for_officer(user, pk: int) -> Application:
    """An application of the officer's agency (any for a superuser), or 404."""
    queryset = Application.objects.select_related("procedure", "agency", "project")
    if not user.is_superuser:
        agency_id = officer_agency_id(user)
        if agency_id is None:
            raise Http404
        queryset = queryset.filter(agency_id=agency_id)
    application = queryset.filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


#: The queue's order: by due date, a dossier not yet received standing at its submission date and before the
#: received ones due that day (it is waiting for the counter: receiving it is the first thing to do).
QUEUE_ORDER = (F("queue_date").asc(), F("received_on").asc(nulls_first=True), "submitted_on", "pk")


def officer_queue(user, today: date | None = None):
    """The open applications of the officer's agency (every agency's for a superuser) in the queue's order
    (``QUEUE_ORDER``), with ``overdue`` and ``queue_date`` annotated."""
    today = today or timezone.localdate()
    queryset = Application.objects.open().select_related("procedure", "project", "agency", "assigned_to")
    if not user.is_superuser:
        agency_id = officer_agency_id(user)
        if agency_id is None:
            return Application.objects.none()
        queryset = queryset.filter(agency_id=agency_id)
    return queryset.annotate(
        overdue=Q(due_date__lt=today) & ~Q(status=ApplicationStatus.SENT_BACK),
        queue_date=Coalesce("due_date", "submitted_on"),
    ).order_by(*QUEUE_ORDER)


#: The dossier queue's filters by due date: overdue, or due within the working week ahead.
QUEUE_DUE = ("overdue", "week")
#: How many working days "the working week ahead" spans, today included.
WEEK_WORKING_DAYS = 5


def week_end(today: date) -> date:
    """The last day of the working week ahead: the fifth working day counting ``today`` (if it is one)."""
    return calendar().add_working_days(today - timedelta(days=1), WEEK_WORKING_DAYS)


def _due_this_week(today: date) -> Q:
    return Q(due_date__gte=today, due_date__lte=week_end(today)) & ~Q(status=ApplicationStatus.SENT_BACK)


def filter_queue_due(applications, due: str = "", today: date | None = None):
    """``applications`` narrowed to the ``overdue`` ones or those due ``week`` (within the working week ahead,
    not yet late, clock running); all of them for any other ``due``."""
    today = today or timezone.localdate()
    if due == "overdue":
        return applications.overdue(today)
    if due == "week":
        return applications.filter(_due_this_week(today))
    return applications


def officer_queue_counts(user, today: date | None = None) -> dict[str, int] | None:
    """The open dossiers of the officer's agency (every agency's for a superuser) that are ``overdue`` and
    due this ``week`` (see :func:`filter_queue_due`), in one query; None for a user who has no queue."""
    today = today or timezone.localdate()
    queryset = Application.objects.open()
    if not user.is_superuser:
        agency_id = officer_agency_id(user)
        if agency_id is None:
            return None
        queryset = queryset.filter(agency_id=agency_id)
    return queryset.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today) & ~Q(status=ApplicationStatus.SENT_BACK)),
        week=Count("pk", filter=_due_this_week(today)))


def officer_transition(user, application: Application, new_status: str, note: str = "",
                       result_number: str = "", result_file=None, *, on: date | None = None,
                       receipt_number: str = ""):
    """An officer's move on a dossier of their agency (a superuser's on any), with the result file if any
    (checked by content before this is called). Refusing, sending back and returning need written reasons in
    ``note`` (``workflow.MissingReason`` otherwise); approving needs the decision or certificate number
    (``workflow.MissingDecision``). Receiving takes the receipt date ``on`` (today by default) and the counter's
    ``receipt_number``."""
    if not officer_may_work(user, application):
        raise PermissionDenied
    workflow.check_officer_move(application.status, new_status, note, result_number)
    with transaction.atomic():
        history = workflow.transition(application, new_status, user, note, on=on, result_number=result_number,
                                      receipt_number=receipt_number, source="officer")
        if result_file is not None:
            application.result_file.save(result_file.name, result_file, save=False)
            Application.objects.filter(pk=application.pk).update(result_file=application.result_file.name)
    return history


def investor_transition(user, application: Application, new_status: str, note: str = ""):
    """An investor's move on their own dossier: resubmit after a send-back, or withdraw."""
    if not applications_for(user).filter(pk=application.pk).exists():
        raise Http404
    if new_status not in workflow.INVESTOR_MOVES:
        raise workflow.IllegalTransition(application.status, new_status)
    return workflow.transition(application, new_status, user, note, source="investor")


# --- applications ------------------------------------------------------------------------------------------
def procedure_in_force(code: str, on: date) -> Procedure:
    """The version of procedure ``code`` in force on ``on``."""
    procedure = Procedure.objects.in_force(on).filter(code=code).select_related("agency").first()
    if procedure is None:
        raise ValidationError(_("No version of procedure %(code)s is in force on %(date)s.")
                              % {"code": code, "date": on})
    return procedure


@transaction.atomic
def record_application(user, project: Project, procedure_code: str, submitted_on: date,
                       another: bool = False) -> Application:
    """An investor records a dossier they lodged: it is filed under the version in force on that day.

    An open dossier of the same project and procedure lodged the same day is most likely this one recorded
    twice: it is refused (code ``duplicate``) unless ``another`` says it is a second dossier."""
    if not projects_for(user).filter(pk=project.pk).exists():
        raise Http404
    procedure = procedure_in_force(procedure_code, submitted_on)
    recorded = None if another else Application.objects.filter(
        project=project, procedure__code=procedure.code, submitted_on=submitted_on, status__in=OPEN).first()
    if recorded is not None:
        raise ValidationError(_("This dossier is recorded already: %(code)s, lodged on %(date)s. Open it from My "
                                "applications, or tick the box below if you lodged a second one.") % {
            "code": recorded.dossier_code, "date": date_format(submitted_on, "SHORT_DATE_FORMAT")}, code="duplicate")
    application = Application(project=project, procedure=procedure, agency=procedure.agency,
                              submitted_on=submitted_on, dossier_code=new_dossier_code(submitted_on),
                              created_by=user)
    for _attempt in range(5):
        if not Application.objects.filter(dossier_code=application.dossier_code).exists():
            break
        application.dossier_code = new_dossier_code(submitted_on)
    application.save()
    return application


def track(dossier_code: str, token: str) -> Application:
    """Public tracking: the application whose code AND token match, else 404 (same answer either way)."""
    application = Application.objects.select_related("procedure", "agency").filter(
        dossier_code=(dossier_code or "").strip().upper()).first()
    if application is None or not secrets.compare_digest(application.tracking_token, (token or "").strip()):
        raise Http404
    return application


def days_left(application: Application, today: date | None = None) -> int | None:
    """Working days until the due date (negative: days late); None when there is no clock."""
    if application.due_date is None:
        return None
    end = application.resolved_on if application.is_resolved else (today or timezone.localdate())
    if application.status == ApplicationStatus.SENT_BACK and application.paused_since:
        end = application.paused_since
    return calendar().working_days_between(end, application.due_date)


@dataclass(frozen=True)
class Deadline:
    """Where a dossier stands against its due date, as the pages say it.

    An open dossier has ``days_left`` (None without a due date; frozen while the clock is paused) and is
    ``overdue`` once past its due date; a finished one has ``finished_on`` and, when it had a due date,
    ``days_late`` (0 when it finished on time)."""

    days_left: int | None = None
    overdue: bool = False
    paused: bool = False
    finished: bool = False
    finished_on: date | None = None
    days_late: int | None = None

    @property
    def overdue_days(self) -> int:
        """Working days past the due date of an open dossier (0 when not overdue)."""
        return max(-self.days_left, 0) if self.days_left is not None else 0


def deadline(application: Application, today: date | None = None) -> Deadline:
    """The dossier's standing against its due date (``Application.finished_on`` gives the finishing date)."""
    if application.is_finished:
        finished_on = application.finished_on
        days_late = None
        if application.due_date is not None and finished_on is not None:
            days_late = max(calendar().working_days_between(application.due_date, finished_on), 0)
        return Deadline(finished=True, finished_on=finished_on, days_late=days_late)
    left = days_left(application, today)
    return Deadline(days_left=left, overdue=application.is_late(today) or (left is not None and left < 0),
                    paused=application.status == ApplicationStatus.SENT_BACK)


APPLICATION_FILTERS = ("open", "finished", "overdue")


def filter_applications(applications, state: str = "", today: date | None = None):
    """``applications`` narrowed to the open, finished or overdue ones (all of them for any other ``state``)."""
    if state == "open":
        return applications.open()
    if state == "finished":
        return applications.finished()
    if state == "overdue":
        return applications.overdue(today or timezone.localdate())
    return applications


def application_list(user, state: str = "", project_id: int | None = None, today: date | None = None):
    """The user's applications for the list page, newest first, filtered by state and project, with what the
    rows show fetched in the same query."""
    applications = applications_for(user).select_related("procedure", "project", "agency").with_finished_on()
    if project_id:
        applications = applications.filter(project_id=project_id)
    return filter_applications(applications, state, today).order_by("-submitted_on", "-pk")


RECENT_APPLICATIONS = 5


def project_list(user):
    """The user's projects for the projects page, by code, each with its open and finished application counts
    and its ``recent_applications`` (the latest few), fetched without a query per project."""
    recent = (Application.objects.select_related("procedure").order_by("-submitted_on", "-pk")
              [:RECENT_APPLICATIONS])
    return (projects_for(user)
            .annotate(open_count=Count("applications", filter=Q(applications__status__in=OPEN), distinct=True),
                      finished_count=Count("applications", filter=Q(applications__status__in=CLOSED),
                                           distinct=True))
            .prefetch_related(Prefetch("applications", queryset=recent, to_attr="recent_applications"))
            .order_by("code"))


# --- planned projects: an investor's own, before the authority registers them ---------------------------------
def project_for_investor(user, pk: int) -> Project:
    """One of the user's projects, or 404 (never 403: ids of others do not leak)."""
    project = projects_for(user).select_related("sector", "zone").filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def declare_project(user, *, name: str, sector: Sector | None = None, capital_usd: Decimal | None = None,
                    land_area_m2: Decimal | None = None, foreign_share_pct: Decimal | None = None,
                    zone: ZonePage | None = None) -> Project:
    """A planned project of the investor the user acts for (``projects.services.declare_planned_project``), so
    that the user can record its applications at once; 403 for a user who acts for no investor."""
    membership = user.investor_memberships.select_related("investor").order_by("pk").first()
    if membership is None:
        raise PermissionDenied
    return project_services.declare_planned_project(
        membership.investor, name=name, sector=sector, capital_usd=capital_usd, land_area_m2=land_area_m2,
        foreign_share_pct=foreign_share_pct, zone=zone, actor=user)


def declare_project_from_profile(user, profile: ProjectProfile) -> Project:
    """A planned project described by a plan's profile (sector, capital, land, foreign share, zone)."""
    sector = Sector.objects.filter(code=profile.sector_code).first() if profile.sector_code else None
    zone = ZonePage.objects.filter(pk=profile.zone_id).first() if profile.zone_id else None
    name = gettext("Planned project – %(sector)s") % {"sector": sector.name} if sector else gettext("Planned project")
    return declare_project(user, name=name, sector=sector, capital_usd=profile.capital_usd or None,
                           land_area_m2=profile.land_area_m2 or None,
                           foreign_share_pct=profile.foreign_ownership_pct, zone=zone)


@transaction.atomic
def save_plan(user, project: Project | None, pathway: Pathway) -> SavedPathway:
    """Keep the plan on one of the user's projects, or on a new planned project when ``project`` is None."""
    if project is None:
        project = declare_project_from_profile(user, pathway.profile)
    return save_pathway(user, project, pathway)


# --- pathway saved to a project and its progress ------------------------------------------------------------
def save_pathway(user, project: Project, pathway: Pathway) -> SavedPathway:
    """Keep ``pathway`` on one of the user's projects."""
    if not projects_for(user).filter(pk=project.pk).exists():
        raise Http404
    profile = {key: (str(value) if isinstance(value, Decimal) else sorted(value) if isinstance(value, frozenset)
                     else value)
               for key, value in asdict(pathway.profile).items()}
    saved = SavedPathway.objects.create(project=project, created_by=user, start=pathway.start,
                                        completion=pathway.completion, working_days=pathway.working_days,
                                        profile=profile)
    saved.procedures.set(pathway.procedure_ids)
    return saved


def pathway_progress(project: Project) -> list[dict]:
    """The procedures of the project's latest saved pathway, each done, in progress or not started."""
    saved = project.saved_pathways.first()
    if saved is None:
        return []
    by_code: dict[str, str] = {}
    for code, status in project.applications.values_list("procedure__code", "status"):
        state = "done" if status == ApplicationStatus.APPROVED else "in_progress" if status in OPEN else None
        if state and by_code.get(code) != "done":
            by_code[code] = state
    return [{"procedure": procedure, "state": by_code.get(procedure.code, "not_started")}
            for procedure in saved.procedures.select_related("agency").order_by("code")]


def when_it_applies(entry) -> list[tuple[str, str]]:
    """When a catalogue entry (``catalogue.ProcedureEntry``) applies, in the active language: (why, conditions
    in words) per active rule, or one ("", "applies to every project") pair for a procedure every project
    files."""
    if entry.applies_to_all:
        return [(localized(entry, "reason_all"), gettext("applies to every project"))]
    codes = [code for rule in entry.rules for group in rule.groups for condition in group
             if condition.field == "sector_code"
             for code in (condition.value if isinstance(condition.value, tuple) else (condition.value,))]
    labels = {"sector_code": sector_labels(codes)} if codes else None
    return [(rule.reason, rule.describe(labels)) for rule in entry.rules]


def profile_from_saved(saved: SavedPathway) -> ProjectProfile:
    """The profile a saved pathway was planned for (pathways saved before unknown answers were kept knew
    every field)."""
    data = dict(saved.profile)
    for key in ("foreign_ownership_pct", "capital_usd", "land_area_m2"):
        data[key] = Decimal(data[key])
    data["unknown"] = frozenset(data.get("unknown", ()))
    return ProjectProfile(**data)


# --- agency performance (one aggregate query) ----------------------------------------------------------------
GROUPINGS = {  # the columns grouped by, those of names in the active language
    "agency": lambda: ("agency_id", *columns("agency__name")),
    "procedure": lambda: ("procedure__code", *columns("procedure__name")),
    "month": lambda: ("month",),
}


def performance(group_by: str = "agency", date_from: date | None = None, date_to: date | None = None,
                agency_id: int | None = None, today: date | None = None) -> list[dict]:
    """Per agency (by name), procedure (by code) or month (of receipt): received, resolved, on time, late,
    overdue, on-time rate and average processing days, computed by the database in one aggregate query."""
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    today = today or timezone.localdate()
    queryset = Application.objects.filter(received_on__isnull=False)
    if date_from:
        queryset = queryset.filter(received_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(received_on__lte=date_to)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    if group_by == "month":
        queryset = queryset.annotate(month=TruncMonth("received_on"))
    resolved = Q(status__in=RESOLVED)
    grouped = GROUPINGS[group_by]()
    rows = queryset.values(*grouped).annotate(
        received=Count("pk"),
        resolved=Count("pk", filter=resolved),
        on_time=Count("pk", filter=resolved & Q(resolved_on__lte=F("due_date"))),
        late=Count("pk", filter=resolved & Q(resolved_on__gt=F("due_date"))),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_date__lt=today) & ~Q(status=ApplicationStatus.SENT_BACK)),
        average_days=Avg(F("resolved_on") - F("received_on"), filter=resolved),
    ).order_by(*grouped)
    result = []
    for row in rows:
        average = row["average_days"]
        if isinstance(average, timedelta):
            average = average.total_seconds() / 86400
        row["average_days"] = None if average is None else round(float(average), 1)
        row["on_time_rate"] = round(100 * row["on_time"] / row["resolved"], 1) if row["resolved"] else None
        row["label"] = _label(group_by, row)
        result.append(row)
    if group_by == "agency":
        result.sort(key=lambda row: name_order(row["label"]))
    return result


def _label(group_by: str, row: dict) -> str:
    if group_by == "agency":
        return localized(row, "agency__name")
    if group_by == "procedure":
        return f"{row['procedure__code']} {localized(row, 'procedure__name')}"
    return f"{row['month']:%Y-%m}" if row["month"] else ""
