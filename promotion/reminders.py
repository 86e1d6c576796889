"""Reminders and escalations of enquiries waiting for their first answer.

``ENQUIRY_REMINDER_DAYS_BEFORE`` working days before the answer is due, the assigned officer (or, with nobody
assigned, everyone who may answer enquiries) is reminded; once it is overdue, the members of the group named by
``ENQUIRY_HEADS_GROUP`` are told. Each is sent at most once per enquiry and kind: the ``EnquiryReminder`` row is
written in the same transaction as the e-mails go out, under a lock on the enquiry, so a rerun sends nothing."""

from datetime import date

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
from licensing.calendar import add_working_days

from .forms import officers
from .models import Enquiry, EnquiryReminder, ReminderKind
from .notifications import DATE_FORMAT


def days_before() -> int:
    """How many working days before the deadline the officer is reminded."""
    return getattr(settings, "ENQUIRY_REMINDER_DAYS_BEFORE", 1)


def heads():
    """The active members, with an e-mail address, of the enquiry team's heads group."""
    name = getattr(settings, "ENQUIRY_HEADS_GROUP", "Enquiry team heads")
    return get_user_model().objects.filter(is_active=True, groups__name=name).exclude(email="").distinct()


def reminder_recipients(enquiry: Enquiry) -> list:
    """The assigned officer, or the whole team when nobody is assigned (those with an e-mail address)."""
    if enquiry.officer_id and enquiry.officer.is_active and enquiry.officer.email:
        return [enquiry.officer]
    return list(officers().exclude(email=""))


def admin_link(enquiry: Enquiry) -> str:
    """The absolute address of the enquiry's page in the admin."""
    return site_url(reverse("promotion_admin:detail", args=[enquiry.pk]))


def _language(user) -> str:
    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


def _email(enquiry: Enquiry, kind: str, user) -> tuple[str, str]:
    with translation.override(_language(user)):
        values = {"reference": enquiry.reference, "due": format_date(enquiry.due_on, DATE_FORMAT),
                  "investor": enquiry.name + (f" ({enquiry.organisation})" if enquiry.organisation else ""),
                  "topic": enquiry.topic.name, "link": admin_link(enquiry)}
        if kind == ReminderKind.ESCALATION:
            subject = _("[%(reference)s] Overdue enquiry: the answer was due on %(due)s") % values
            body = _("Enquiry %(reference)s from %(investor)s about “%(topic)s” has not been answered; the "
                     "answer was due on %(due)s.\n\nOpen it in the admin:\n%(link)s\n") % values
        else:
            subject = _("[%(reference)s] Reminder: the answer is due on %(due)s") % values
            body = _("Enquiry %(reference)s from %(investor)s about “%(topic)s” is waiting for its first "
                     "answer, due on %(due)s.\n\nOpen it in the admin:\n%(link)s\n") % values
    return subject, body


def _send_once(enquiry_id: int, kind: str, recipients_of) -> bool:
    with transaction.atomic():
        enquiry = (Enquiry.objects.open().select_for_update(of=("self",)).select_related("topic", "officer")
                   .filter(pk=enquiry_id).first())
        if enquiry is None or EnquiryReminder.objects.filter(enquiry=enquiry, kind=kind).exists():
            return False
        recipients = list(recipients_of(enquiry))
        if not recipients:
            return False  # nobody to tell yet: try again on the next run
        for user in recipients:
            subject, body = _email(enquiry, kind, user)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        EnquiryReminder.objects.create(enquiry=enquiry, kind=kind,
                                       recipients=", ".join(user.email for user in recipients))
    return True


def send_reminders(today: date | None = None) -> int:
    """Send the reminders and escalations due on ``today`` (the site's today by default); how many went out."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, days_before())
    waiting = Enquiry.objects.open()
    due_soon = (waiting.filter(due_on__gte=today, due_on__lte=horizon)
                .exclude(reminders__kind=ReminderKind.REMINDER).values_list("pk", flat=True))
    overdue = (waiting.filter(due_on__lt=today)
               .exclude(reminders__kind=ReminderKind.ESCALATION).values_list("pk", flat=True))
    sent = sum(_send_once(pk, ReminderKind.REMINDER, reminder_recipients) for pk in list(due_soon))
    sent += sum(_send_once(pk, ReminderKind.ESCALATION, lambda enquiry: heads()) for pk in list(overdue))
    return sent
