"""Business rules of aftercare: each operating project's account officer, the issues raised about it, their
owner, agency, due date, answers, internal notes, escalation, resolution; and who sees which issue.

Due dates: an issue is due a number of working days (``licensing.calendar``) after the local day it was
raised, by category: ``DUE_DAYS`` below, which the ``AFTERCARE_DUE_DAYS`` setting (a dict category -> days)
may override in part. Every change is made in a transaction; e-mails go out through Celery tasks enqueued
on commit."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.permissions import users_with_perm
from licensing.calendar import add_working_days
from licensing.services import officer_agency_id
from projects.choices import ProjectStatus
from projects.models import Project

from .aftercare_escalation import escalate_overdue as escalate_overdue  # the daily scan, with the escalation
from .aftercare_escalation import mark_escalated
from .models import AftercareAccount, AftercareIssue, AftercareMessage, IssueCategory, IssueStatus
from .models.aftercare import UNRESOLVED

VIEW = "promotion.view_aftercareissue"
CHANGE = "promotion.change_aftercareissue"

#: Working days the board gives itself to settle an issue of each category.
DUE_DAYS: dict[str, int] = {
    IssueCategory.LAND: 15, IssueCategory.PERMITS: 10, IssueCategory.LABOUR: 10, IssueCategory.UTILITIES: 5,
    IssueCategory.CUSTOMS: 5, IssueCategory.TAX: 10, IssueCategory.INFRASTRUCTURE: 15, IssueCategory.OTHER: 10,
}


class AftercareError(ValueError):
    """A change the issue's state or the person's rights do not allow; its message is meant for that person."""


# --- who sees what -----------------------------------------------------------------------------------------
def visible_issues(user):
    """The issues ``user`` may read in the admin: every issue for the board's staff holding
    ``promotion.view_aftercareissue``; only their agency's issues for an agency officer holding it; none else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.has_perm(VIEW):
        return AftercareIssue.objects.none()
    issues = AftercareIssue.objects.all()
    if user.is_superuser:
        return issues
    agency_id = officer_agency_id(user)
    return issues if agency_id is None else issues.filter(agency_id=agency_id)


def may_change(user, issue: AftercareIssue) -> bool:
    """Whether ``user`` may work ``issue``: they may change issues and see this one."""
    return (getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(CHANGE)
            and visible_issues(user).filter(pk=issue.pk).exists())


def _require(user, issue: AftercareIssue) -> None:
    if not may_change(user, issue):
        raise AftercareError(_("You may not work on this issue."))


def workers():
    """The active users who may own aftercare issues and hold accounts (those who may change issues)."""
    return users_with_perm("promotion.change_aftercareissue")


def operating_projects():
    """The projects aftercare serves: those operating."""
    return Project.objects.filter(status=ProjectStatus.OPERATING)


def investor_projects(user):
    """The operating projects of the investors ``user`` acts for."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    return operating_projects().filter(pk__in=Project.objects.for_user(user).values("pk")).order_by("code")


def for_investor(user):
    """The issues of every project of the investors ``user`` acts for (whoever raised them), newest first."""
    if not getattr(user, "is_authenticated", False):
        return AftercareIssue.objects.none()
    return (AftercareIssue.objects.filter(project__in=Project.objects.for_user(user).values("pk"))
            .select_related("project").order_by("-created_at", "-pk"))


def public_messages(issue: AftercareIssue):
    """The conversation the investor sees: everything but internal notes."""
    return issue.messages.filter(internal=False).select_related("author")


# --- accounts ----------------------------------------------------------------------------------------------
def assign_account_officer(project: Project, officer, actor) -> AftercareAccount:
    """Name ``officer`` (who may work aftercare issues) the account officer of the operating ``project``;
    ``actor`` must be allowed to change issues. A new officer's ``since`` is today."""
    if not (actor.is_active and actor.has_perm(CHANGE)):
        raise AftercareError(_("You may not name account officers."))
    if not workers().filter(pk=officer.pk).exists():
        raise AftercareError(_("This person may not work on aftercare issues."))
    if project.status != ProjectStatus.OPERATING:
        raise AftercareError(_("Aftercare is for operating projects only."))
    with transaction.atomic():
        account = AftercareAccount.objects.select_for_update().filter(project=project).first()
        if account is None:
            return AftercareAccount.objects.create(project=project, officer=officer)
        if account.officer_id != officer.pk:
            account.officer, account.since = officer, timezone.localdate()
            account.save(update_fields=["officer", "since"])
    return account


def keep_the_named_officer(project: Project, officer) -> AftercareAccount | None:
    """When a lead's project starts operating, the lead's owner (if they may work aftercare) becomes its account
    officer, so the investor keeps one named officer from the first enquiry on; an officer already named
    stays. ``None`` when nobody was named."""
    if officer is None or project.status != ProjectStatus.OPERATING or not workers().filter(pk=officer.pk).exists():
        return AftercareAccount.objects.filter(project=project).first()
    account, _created = AftercareAccount.objects.get_or_create(project=project, defaults={"officer": officer})
    return account


# --- issues ------------------------------------------------------------------------------------------------
def due_days(category: str) -> int:
    """The working days given to settle an issue of ``category``."""
    return {**DUE_DAYS, **getattr(settings, "AFTERCARE_DUE_DAYS", {})}.get(category, DUE_DAYS[IssueCategory.OTHER])


def due_date(category: str, raised_at) -> date:
    """The day an issue of ``category`` raised at ``raised_at`` is due."""
    return add_working_days(timezone.localdate(raised_at), due_days(category))


def raise_issue(project: Project, *, category: str, title: str, description: str, user, by_investor: bool,
                agency=None, raised_at=None) -> AftercareIssue:
    """Record an issue of the operating ``project`` with its reference and due date, owned by the project's
    account officer. An investor raises issues only for their own projects; the board's staff need the right
    to change issues (an agency officer's issue involves their agency)."""
    if category not in IssueCategory.values:
        raise AftercareError(_("Choose a category."))
    if by_investor:
        if not Project.objects.for_user(user).filter(pk=project.pk).exists():
            raise AftercareError(_("You may raise issues for your own projects only."))
    elif not (user.is_active and user.has_perm(CHANGE)):
        raise AftercareError(_("You may not raise aftercare issues."))
    if project.status != ProjectStatus.OPERATING:
        raise AftercareError(_("Aftercare is for operating projects only."))
    if agency is None and not by_investor:
        agency_id = officer_agency_id(user)
    else:
        agency_id = agency.pk if agency is not None else None
    raised_at = raised_at or timezone.now()
    account = AftercareAccount.objects.filter(project=project).first()
    with transaction.atomic():
        issue = AftercareIssue.objects.create(
            project=project, category=category, title=title, description=description, raised_by=user,
            raised_by_investor=by_investor, owner=account.officer if account else None, agency_id=agency_id,
            due_on=due_date(category, raised_at), created_at=raised_at)
        issue.reference = f"AFT-{timezone.localdate(raised_at).year}-{issue.pk:06d}"
        issue.save(update_fields=["reference"])
    return issue


def _move(issue: AftercareIssue, status: str, fields: list[str]) -> None:
    if issue.status == IssueStatus.CLOSED:
        raise AftercareError(_("This issue is closed."))
    if not issue.can_move_to(status):
        raise AftercareError(_("This issue cannot become “%(status)s” now.") % {"status": IssueStatus(status).label})
    issue.status = status
    fields.append("status")


def _locked(issue: AftercareIssue) -> AftercareIssue:
    """Lock the issue's row (inside a transaction) and read it again, so two officers never overwrite each
    other's change."""
    list(AftercareIssue.objects.select_for_update().filter(pk=issue.pk).values_list("pk"))
    issue.refresh_from_db()
    return issue


def assign_owner(issue: AftercareIssue, owner, actor) -> AftercareIssue:
    """Make ``owner`` (who may work aftercare issues) the issue's owner; an open issue is then in progress."""
    _require(actor, issue)
    if not workers().filter(pk=owner.pk).exists():
        raise AftercareError(_("This person may not work on aftercare issues."))
    with transaction.atomic():
        _locked(issue)
        if issue.status == IssueStatus.CLOSED:
            raise AftercareError(_("This issue is closed."))
        issue.owner = owner
        fields = ["owner"]
        if issue.status == IssueStatus.OPEN:
            _move(issue, IssueStatus.IN_PROGRESS, fields)
        issue.save(update_fields=fields)
    return issue


def set_agency(issue: AftercareIssue, agency, actor) -> AftercareIssue:
    """Record the agency involved (or none). An agency officer may not hand the issue to another agency."""
    _require(actor, issue)
    own = officer_agency_id(actor)
    if own is not None and not actor.is_superuser and (agency is None or agency.pk != own):
        raise AftercareError(_("You may not hand this issue to another agency."))
    with transaction.atomic():
        _locked(issue)
        if issue.status == IssueStatus.CLOSED:
            raise AftercareError(_("This issue is closed."))
        issue.agency = agency
        issue.save(update_fields=["agency"])
    return issue


def _message(issue, author, body, *, from_board, internal=False) -> AftercareMessage:
    return AftercareMessage.objects.create(issue=issue, author=author, from_board=from_board, body=body,
                                           internal=internal)


def answer(issue: AftercareIssue, officer, body: str) -> AftercareMessage:
    """The board's answer: kept as the issue's answer, added to the conversation and e-mailed to the investor's
    people after commit. An open issue is then in progress."""
    from .tasks import send_aftercare_answer

    _require(officer, issue)
    with transaction.atomic():
        _locked(issue)
        if issue.status == IssueStatus.CLOSED:
            raise AftercareError(_("This issue is closed."))
        message = _message(issue, officer, body, from_board=True)
        issue.answer, issue.answered_at = body, message.created_at
        fields = ["answer", "answered_at"]
        if issue.status == IssueStatus.OPEN:
            _move(issue, IssueStatus.IN_PROGRESS, fields)
        if issue.owner_id is None:
            issue.owner = officer
            fields.append("owner")
        issue.save(update_fields=fields)
        transaction.on_commit(lambda: send_aftercare_answer.delay(message.pk))
    return message


def note(issue: AftercareIssue, officer, body: str) -> AftercareMessage:
    """An internal note: the board's staff read it, the investor never does."""
    _require(officer, issue)
    if issue.status == IssueStatus.CLOSED:
        raise AftercareError(_("This issue is closed."))
    return _message(issue, officer, body, from_board=True, internal=True)


def investor_reply(issue: AftercareIssue, user, body: str) -> AftercareMessage:
    """The investor writes on their project's issue; a resolved issue goes back in progress."""
    if not Project.objects.for_user(user).filter(pk=issue.project_id).exists():
        raise AftercareError(_("You may write on your own projects' issues only."))
    with transaction.atomic():
        _locked(issue)
        if issue.status == IssueStatus.CLOSED:
            raise AftercareError(_("This issue is closed."))
        message = _message(issue, user, body, from_board=False)
        if issue.status == IssueStatus.RESOLVED:
            fields = ["resolved_at"]
            issue.resolved_at = None
            _move(issue, IssueStatus.IN_PROGRESS, fields)
            issue.save(update_fields=fields)
    return message


def resolve(issue: AftercareIssue, actor) -> AftercareIssue:
    """The issue is settled: nothing more is expected from the board unless the investor writes again."""
    _require(actor, issue)
    with transaction.atomic():
        _locked(issue)
        fields = ["resolved_at"]
        _move(issue, IssueStatus.RESOLVED, fields)
        issue.resolved_at = timezone.now()
        issue.save(update_fields=fields)
    return issue


def close(issue: AftercareIssue, actor) -> AftercareIssue:
    """Close the issue for good: nothing more is expected from either side."""
    _require(actor, issue)
    with transaction.atomic():
        _locked(issue)
        fields = []
        _move(issue, IssueStatus.CLOSED, fields)
        issue.save(update_fields=fields)
    return issue


def escalate(issue: AftercareIssue, actor) -> AftercareIssue:
    """Escalate the unresolved issue to the heads of the board (``promotion.reminders.heads()``), who are
    e-mailed after commit. An issue is escalated once."""
    from .tasks import send_aftercare_escalation

    _require(actor, issue)
    with transaction.atomic():
        _locked(issue)
        if issue.escalated_at is not None:
            raise AftercareError(_("This issue has already been escalated."))
        if not issue.is_unresolved:
            raise AftercareError(_("Only an unresolved issue can be escalated."))
        mark_escalated(issue)
        transaction.on_commit(lambda: send_aftercare_escalation.delay(issue.pk))
    return issue


def issues(user, *, category: str = "", status: str = "", agency=None, owner=None, overdue: bool = False,
           today: date | None = None):
    """The issues ``user`` may see, earliest due first, filtered by category, status, agency, owner and
    lateness."""
    found = visible_issues(user).select_related("project", "owner", "agency").order_by("due_on", "created_at", "pk")
    if category:
        found = found.filter(category=category)
    if status:
        found = found.filter(status=status)
    if agency is not None:
        found = found.filter(agency=agency)
    if owner is not None:
        found = found.filter(owner=owner)
    if overdue:
        found = found.overdue(today or timezone.localdate())
    return found


def board_counts(user, today: date | None = None) -> dict[str, int]:
    """What the board's dashboard counts of the issues ``user`` may see, in one query: ``open`` (not yet
    taken up), ``overdue`` (unresolved past their due date) and ``escalated``."""
    today = today or timezone.localdate()
    return visible_issues(user).aggregate(
        open=Count("pk", filter=Q(status=IssueStatus.OPEN)),
        overdue=Count("pk", filter=Q(status__in=UNRESOLVED, due_on__lt=today)),
        escalated=Count("pk", filter=Q(status=IssueStatus.ESCALATED)))
