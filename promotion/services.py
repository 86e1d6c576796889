"""Business rules of enquiries: receiving one with its deadline, assigning it, answering it, the board's queue.

Every change is made in a transaction; e-mails to the investor are sent by Celery tasks enqueued on commit."""

import re
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from core import throttle
from licensing.calendar import add_working_days
from licensing.uploads import check_upload

from .models import (
    AnswerTemplate,
    Enquiry,
    EnquiryAttachment,
    EnquiryMessage,
    EnquiryReminder,
    EnquiryStatus,
    EnquiryTopic,
    ReminderKind,
)

#: Enquiries (and investor replies) accepted per client address in the window, unless settings say otherwise.
DEFAULT_ADDRESS_LIMIT = throttle.Limit(5, 3600)


class EnquiryError(ValueError):
    """A change the enquiry's state does not allow; its message is meant for the person who tried."""


def address_limit() -> throttle.Limit:
    """Enquiries and replies accepted from one client address: ``ENQUIRY_ADDRESS_LIMIT`` in
    ``ENQUIRY_ADDRESS_WINDOW`` seconds."""
    return throttle.Limit(getattr(settings, "ENQUIRY_ADDRESS_LIMIT", DEFAULT_ADDRESS_LIMIT.count),
                          getattr(settings, "ENQUIRY_ADDRESS_WINDOW", DEFAULT_ADDRESS_LIMIT.seconds))


def allow_submission(request) -> bool:
    """Count one submission from the request's client address; False once the address is over its limit."""
    limit = address_limit()
    return throttle.hit("enquiry-address", throttle.client_address(request), limit.count, limit.seconds)


def due_date(topic: EnquiryTopic, received_at) -> date:
    """The day the first answer is due: the topic's working days after the (local) day of receipt."""
    return add_working_days(timezone.localdate(received_at), topic.response_days)


def submit_enquiry(*, topic: EnquiryTopic, name: str, email: str, message: str, language: str,
                   organisation: str = "", phone: str = "", country: str = "", page_url: str = "",
                   page_title: str = "", zone_code: str = "", plot_code: str = "", profile: dict | None = None,
                   user=None, received_at=None, attachment=None) -> Enquiry:
    """Record an enquiry (with one optional file, checked by its content), give it its reference and deadline,
    and e-mail the acknowledgement after commit. ``ValidationError`` if the file is refused."""
    from .tasks import send_acknowledgement

    if not topic.active:
        raise EnquiryError(_("This topic no longer takes enquiries."))
    received_at = received_at or timezone.now()
    content_type = check_upload(attachment) if attachment is not None else ""
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            topic=topic, name=name, email=email, message=message, language=language, organisation=organisation,
            phone=phone, country=country, page_url=page_url, page_title=page_title, zone_code=zone_code,
            plot_code=plot_code, profile=dict(profile or {}), received_at=received_at,
            due_on=due_date(topic, received_at), user=user if user is not None and user.is_authenticated else None)
        enquiry.reference = f"ENQ-{timezone.localdate(received_at).year}-{enquiry.pk:06d}"
        enquiry.save(update_fields=["reference"])
        if attachment is not None:
            EnquiryAttachment.objects.create(enquiry=enquiry, file=attachment, content_type=content_type,
                                             original_name=attachment.name[-255:], size=attachment.size)
        transaction.on_commit(lambda: send_acknowledgement.delay(enquiry.pk))
    return enquiry


def _may_work(officer) -> bool:
    return officer is not None and officer.is_active and officer.has_perm("promotion.change_enquiry")


def assign(enquiry: Enquiry, officer) -> Enquiry:
    """Make ``officer`` (who must be allowed to answer enquiries) the enquiry's named officer."""
    if not _may_work(officer):
        raise EnquiryError(_("This person may not answer enquiries."))
    if enquiry.status == EnquiryStatus.CLOSED:
        raise EnquiryError(_("This enquiry is closed."))
    enquiry.officer = officer
    fields = ["officer"]
    if enquiry.status == EnquiryStatus.RECEIVED:
        enquiry.status = EnquiryStatus.ASSIGNED
        fields.append("status")
    enquiry.save(update_fields=fields)
    return enquiry


def reply(enquiry: Enquiry, officer, body: str, internal: bool = False) -> EnquiryMessage:
    """An officer's answer (e-mailed to the investor after commit) or internal note (never shown to them).

    The first public answer records ``first_answered_at``; every public answer leaves the enquiry answered."""
    from .tasks import send_answer

    if not _may_work(officer):
        raise EnquiryError(_("This person may not answer enquiries."))
    if enquiry.status == EnquiryStatus.CLOSED:
        raise EnquiryError(_("This enquiry is closed."))
    with transaction.atomic():
        message = EnquiryMessage.objects.create(enquiry=enquiry, author=officer, from_board=True, body=body,
                                                internal=internal)
        if not internal:
            enquiry.status = EnquiryStatus.ANSWERED
            enquiry.first_answered_at = enquiry.first_answered_at or message.created_at
            if enquiry.officer_id is None:
                enquiry.officer = officer
            enquiry.save(update_fields=["status", "first_answered_at", "officer"])
            transaction.on_commit(lambda: send_answer.delay(message.pk))
    return message


def investor_reply(enquiry: Enquiry, body: str, user=None) -> EnquiryMessage:
    """The investor writes again on their enquiry: it goes back to the board's queue."""
    if enquiry.status == EnquiryStatus.CLOSED:
        raise EnquiryError(_("This enquiry is closed."))
    with transaction.atomic():
        message = EnquiryMessage.objects.create(
            enquiry=enquiry, body=body, author=user if user is not None and user.is_authenticated else None)
        if enquiry.status == EnquiryStatus.ANSWERED:
            enquiry.status = EnquiryStatus.ASSIGNED if enquiry.officer_id else EnquiryStatus.RECEIVED
            enquiry.save(update_fields=["status"])
    return message


def close(enquiry: Enquiry, officer) -> Enquiry:
    """Close the enquiry: nothing more is expected from either side."""
    if not _may_work(officer):
        raise EnquiryError(_("This person may not answer enquiries."))
    enquiry.status = EnquiryStatus.CLOSED
    enquiry.save(update_fields=["status"])
    return enquiry


def is_overdue(enquiry: Enquiry, today: date | None = None) -> bool:
    """Whether the enquiry's first answer is late (today in the site's time zone by default)."""
    return enquiry.is_overdue(today or timezone.localdate())


def queue(*, topic=None, status: str = "", zone: str = "", officer=None, overdue: bool = False,
          awaiting: bool = False, today: date | None = None):
    """The board's queue, earliest deadline first, filtered by topic, status, zone code, officer, lateness and
    whether the first answer is still awaited; each enquiry says whether it was ``reminded`` and ``escalated``."""
    reminders = EnquiryReminder.objects.filter(enquiry=OuterRef("pk"))
    enquiries = Enquiry.objects.select_related("topic", "officer").order_by("due_on", "received_at", "pk").annotate(
        reminded=Exists(reminders.filter(kind=ReminderKind.REMINDER)),
        escalated=Exists(reminders.filter(kind=ReminderKind.ESCALATION)))
    if topic is not None:
        enquiries = enquiries.filter(topic=topic)
    if status:
        enquiries = enquiries.filter(status=status)
    if zone:
        enquiries = enquiries.filter(zone_code__iexact=zone)
    if officer is not None:
        enquiries = enquiries.filter(officer=officer)
    if overdue:
        enquiries = enquiries.overdue(today or timezone.localdate())
    if awaiting:
        enquiries = enquiries.open()
    return enquiries


def board_counts(user, today: date | None = None) -> dict[str, int]:
    """What the board's dashboard counts, in one query: enquiries ``awaiting`` a first answer, those of them
    ``overdue``, and those assigned to ``user`` (``mine``)."""
    today = today or timezone.localdate()
    return Enquiry.objects.open().aggregate(
        awaiting=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)),
        mine=Count("pk", filter=Q(officer=user)))


def claim_enquiries(user) -> int:
    """Give ``user`` the enquiries sent without an account from their (confirmed) e-mail address; how many."""
    if not user.email:
        return 0
    return Enquiry.objects.filter(user__isnull=True, email__iexact=user.email).update(user=user)


def for_investor(user):
    """The enquiries a signed-in investor made, newest first."""
    return Enquiry.objects.filter(user=user).select_related("topic").order_by("-received_at")


def public_messages(enquiry: Enquiry):
    """The conversation the investor sees: everything but internal notes."""
    return enquiry.messages.filter(internal=False).select_related("author")


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def answer_templates(enquiry: Enquiry):
    """The active answer templates offered on ``enquiry``: those of its topic and those of every topic."""
    return AnswerTemplate.objects.filter(Q(topic__isnull=True) | Q(topic=enquiry.topic_id), active=True)


def fill_template(template: AnswerTemplate, enquiry: Enquiry, officer=None) -> str:
    """The template's text in the investor's preferred language with ``{name}``, ``{organisation}``,
    ``{reference}``, ``{topic}``, ``{due}`` and ``{officer}`` filled in; other braces are left as written.

    Plain text: whoever shows it escapes it (the reply box does)."""
    with translation.override(enquiry.language):
        body = (template.body_vi or template.body_en) if enquiry.language == "vi" else (
            template.body_en or template.body_vi)
        values = {"name": enquiry.name, "organisation": enquiry.organisation, "reference": enquiry.reference or "",
                  "topic": enquiry.topic.name, "due": format_date(enquiry.due_on, "d/m/Y"),
                  "officer": (officer.get_full_name() or officer.get_username()) if officer is not None else ""}
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), body)
