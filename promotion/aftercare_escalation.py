"""Escalation of aftercare issues to the heads of the board (``promotion.reminders.heads()``): an issue is
escalated at most once, by an officer or by the daily scan of issues past their due date."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from . import aftercare_mail
from .models import AftercareIssue, IssueStatus
from .reminders import heads


def mark_escalated(issue: AftercareIssue) -> bool:
    """Escalate the issue, whose row the caller has locked, unless it was escalated before or is settled;
    whether it was escalated now. The heads are e-mailed by ``aftercare_mail.send_escalation``."""
    if issue.escalated_at is not None or not issue.is_unresolved:
        return False
    issue.status = IssueStatus.ESCALATED
    issue.escalated_at = timezone.now()
    issue.escalated_to = ", ".join(user.email for user in heads())
    issue.save(update_fields=["status", "escalated_at", "escalated_to"])
    return True


def escalate_overdue(today: date | None = None) -> int:
    """Escalate, once each, the unresolved issues due before ``today`` (the site's today by default) and
    e-mail the heads; how many were escalated now. Run daily by Celery beat: a rerun escalates nothing twice,
    and e-mails that failed on an earlier run go out on this one."""
    today = today or timezone.localdate()
    late = AftercareIssue.objects.overdue(today).filter(escalated_at__isnull=True).values_list("pk", flat=True)
    escalated = 0
    for pk in list(late):
        with transaction.atomic():
            issue = AftercareIssue.objects.select_for_update().filter(pk=pk).first()
            if issue is not None and issue.is_overdue(today):
                escalated += mark_escalated(issue)
    unsent = AftercareIssue.objects.filter(escalated_at__isnull=False, escalation_emailed_at__isnull=True)
    for pk in list(unsent.values_list("pk", flat=True)):
        aftercare_mail.send_escalation(pk)
    return escalated
