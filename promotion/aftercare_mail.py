"""E-mails of aftercare: the board's answer to the people of the investor, an escalation to the board's heads.
Each is sent once (the row is locked and stamped), so a redelivered task sends nothing twice; each person is
written to in their preferred language (their admin profile's, else the site's)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from core.links import site_url

from .models import AftercareIssue, AftercareMessage
from .notifications import DATE_FORMAT


def _language(user) -> str:
    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return site_url(path)


def investor_link(issue: AftercareIssue) -> str:
    """The absolute address of the issue's page on the investor's account, in the active language."""
    return _absolute(reverse("promotion:aftercare_detail", args=[issue.pk]))


def admin_link(issue: AftercareIssue) -> str:
    """The absolute address of the issue's page in the admin."""
    return _absolute(reverse("promotion_aftercare:detail", args=[issue.pk]))


def investor_recipients(issue: AftercareIssue):
    """The active users with an e-mail address who act for an investor of the issue's project."""
    return (get_user_model().objects.filter(is_active=True, investor_memberships__investor__projects=issue.project_id)
            .exclude(email="").distinct())


def send_answer(message_id: int) -> bool:
    """E-mail one public answer of the board to the investor's people once; whether it went out now."""
    with transaction.atomic():
        message = (AftercareMessage.objects.select_for_update(of=("self",)).select_related("issue__project")
                   .filter(pk=message_id, internal=False, from_board=True).first())
        if message is None or message.emailed_at is not None:
            return False
        issue = message.issue
        for user in investor_recipients(issue):
            with translation.override(_language(user)):
                values = {"reference": issue.reference, "title": issue.title, "project": issue.project.name,
                          "answer": message.body, "link": investor_link(issue)}
                subject = _("[%(reference)s] The board has answered: %(title)s") % values
                body = _("The investment promotion board has answered the issue “%(title)s” of %(project)s:"
                         "\n\n%(answer)s\n\nReply or read the whole conversation at:\n%(link)s\n") % values
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.emailed_at = timezone.now()
        message.save(update_fields=["emailed_at"])
    return True


def send_escalation(issue_id: int) -> bool:
    """E-mail the escalation of an issue to the board's heads once; whether it went out now."""
    from .reminders import heads

    with transaction.atomic():
        issue = (AftercareIssue.objects.select_for_update(of=("self",)).select_related("project", "owner", "agency")
                 .filter(pk=issue_id, escalated_at__isnull=False).first())
        if issue is None or issue.escalation_emailed_at is not None:
            return False
        recipients = list(heads())
        for user in recipients:
            with translation.override(_language(user)):
                values = {"reference": issue.reference, "title": issue.title, "project": issue.project.name,
                          "category": issue.get_category_display(), "due": format_date(issue.due_on, DATE_FORMAT),
                          "owner": issue.owner or "—", "agency": issue.agency.name if issue.agency else "—",
                          "link": admin_link(issue)}
                subject = _("[%(reference)s] Escalated aftercare issue: %(title)s") % values
                body = _("The aftercare issue “%(title)s” (%(category)s) of %(project)s, due on %(due)s, has "
                         "been escalated.\nOwner: %(owner)s\nAgency involved: %(agency)s\n\nOpen it in the "
                         "admin:\n%(link)s\n") % values
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        issue.escalation_emailed_at = timezone.now()
        issue.save(update_fields=["escalation_emailed_at"])
    return True
