"""E-mails to the investor: the acknowledgement of an enquiry and each answer of the board, in the investor's
preferred language, each sent once (the row is locked and stamped), so a redelivered task sends nothing twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from core.links import site_url

from .models import Enquiry, EnquiryMessage

DATE_FORMAT = "d/m/Y"


def private_link(enquiry: Enquiry, language: str | None = None) -> str:
    """The absolute address of the enquiry's private page in ``language`` (the investor's by default)."""
    with translation.override(language or enquiry.language):
        path = reverse("promotion:detail", args=[enquiry.token])
    return site_url(path)


def acknowledge(enquiry_id: int) -> bool:
    """E-mail the acknowledgement (reference, deadline, private link) once; whether it went out now."""
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().select_related("topic").filter(pk=enquiry_id).first()
        if enquiry is None or enquiry.acknowledged_at is not None:
            return False
        with translation.override(enquiry.language):
            subject = _("[%(reference)s] We have received your enquiry") % {"reference": enquiry.reference}
            body = _("Dear %(name)s,\n\nThe investment promotion board has received your enquiry about "
                     "“%(topic)s”. Its reference is %(reference)s. We will answer by %(due)s.\n\n"
                     "Follow the conversation and write to us at:\n%(link)s\n") % {
                "name": enquiry.name, "topic": enquiry.topic.name, "reference": enquiry.reference,
                "due": format_date(enquiry.due_on, DATE_FORMAT), "link": private_link(enquiry)}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [enquiry.email])
        enquiry.acknowledged_at = timezone.now()
        enquiry.save(update_fields=["acknowledged_at"])
    return True


def send_answer(message_id: int) -> bool:
    """E-mail one public answer of the board to the investor once; whether it went out now."""
    with transaction.atomic():
        message = EnquiryMessage.objects.select_for_update().filter(pk=message_id, internal=False,
                                                                    from_board=True).first()
        if message is None or message.emailed_at is not None:
            return False
        enquiry = message.enquiry
        with translation.override(enquiry.language):
            subject = _("[%(reference)s] The board has answered your enquiry") % {"reference": enquiry.reference}
            body = _("Dear %(name)s,\n\n%(answer)s\n\nReply or read the whole conversation at:\n%(link)s\n") % {
                "name": enquiry.name, "answer": message.body, "link": private_link(enquiry)}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [enquiry.email])
        message.emailed_at = timezone.now()
        message.save(update_fields=["emailed_at"])
    return True
