"""Notifications: who hears about an application, what they are told, and sending each message once.

``notify(key, ...)`` is idempotent: the notification row is created once per key and its e-mail is sent only
while ``emailed_at`` is empty, under a row lock, so a redelivered task sends nothing twice."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.links import site_url

from .models import Application, ApplicationHistory, ApplicationStatus, Notification

REMIND_DAYS_BEFORE = 3


def recipients(application: Application):
    """The users of the investors of the application's project."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(investor_memberships__investor__projects=application.project_id,
                                           is_active=True).distinct()


def _messages(application: Application, text) -> tuple[str, str]:
    result = {}
    for language in ("en", "vi"):
        with translation.override(language):
            result[language] = str(text(application))
    return result["en"], result["vi"]


def application_link(application: Application, language: str) -> str:
    """The absolute address of the investor's page of ``application`` in ``language``."""
    with translation.override(language):
        path = reverse("licensing:application_detail", args=[application.pk])
    return site_url(path)


def notify(key: str, user, application: Application, kind: str, message_en: str, message_vi: str,
           headline: tuple[str, str]) -> bool:
    """Create the notification ``key`` (once) and e-mail it (once). Returns whether an e-mail went out.

    The e-mail's subject is the dossier code and ``headline`` (English, Vietnamese: what happened in a few
    words); its body both messages, each with the link to the dossier's page in its language."""
    with transaction.atomic():
        notification, _created = Notification.objects.get_or_create(key=key, defaults={
            "user": user, "application": application, "kind": kind,
            "message_en": message_en, "message_vi": message_vi})
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.emailed_at is not None or not user.email:
            return False
        headline_en, headline_vi = headline
        send_mail(subject=f"[{application.dossier_code}] {headline_vi} / {headline_en}",
                  message=f"{message_vi}\n{application_link(application, 'vi')}\n\n"
                          f"{message_en}\n{application_link(application, 'en')}",
                  from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[user.email])
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def status_message(history: ApplicationHistory):
    """The text of a status change, with the officer's reasons when the move needs them."""
    def text(application):
        message = _("Dossier %(code)s (%(procedure)s) is now: %(status)s.") % {
            "code": application.dossier_code, "procedure": application.procedure.name,
            "status": ApplicationStatus(history.to_status).label}
        if history.gives_reasons and history.note:
            message += " " + _("Reasons: %(reasons)s") % {"reasons": history.note}
        return message
    return text


def notify_status_change(history_id: int) -> int:
    """Tell the investor's users about one status change; returns the e-mails sent."""
    history = ApplicationHistory.objects.select_related("application__procedure").filter(pk=history_id).first()
    if history is None:
        return 0
    application = history.application
    message_en, message_vi = _messages(application, status_message(history))
    headline = _messages(application, lambda _app: ApplicationStatus(history.to_status).label)
    return sum(notify(f"status:{history.pk}:{user.pk}", user, application, "status", message_en, message_vi,
                      headline) for user in recipients(application))


def _day(value: date) -> str:
    """A date written the way the active language writes it."""
    return date_format(value, "SHORT_DATE_FORMAT")


def due_reminders(today: date) -> int:
    """Reminders for open dossiers due within ``REMIND_DAYS_BEFORE`` working days and alerts for overdue ones,
    at most one of each kind per dossier and day."""
    from .calendar import calendar

    working_calendar = calendar()
    horizon = working_calendar.add_working_days(today, REMIND_DAYS_BEFORE)
    sent = 0
    candidates = Application.objects.open().exclude(status=ApplicationStatus.SENT_BACK).filter(
        due_date__isnull=False, due_date__lte=horizon).select_related("procedure")
    for application in candidates:
        overdue = application.due_date < today
        kind = "overdue" if overdue else "reminder"

        def text(app, overdue=overdue):
            if overdue:
                return _("Dossier %(code)s (%(procedure)s) is overdue: it was due on %(due)s.") % {
                    "code": app.dossier_code, "procedure": app.procedure.name, "due": _day(app.due_date)}
            return _("Dossier %(code)s (%(procedure)s) is due on %(due)s.") % {
                "code": app.dossier_code, "procedure": app.procedure.name, "due": _day(app.due_date)}

        message_en, message_vi = _messages(application, text)
        headline = _messages(application, lambda app, overdue=overdue: (
            _("overdue since %(due)s") if overdue else _("due on %(due)s")) % {"due": _day(app.due_date)})
        for user in recipients(application):
            sent += notify(f"{kind}:{application.pk}:{today:%Y%m%d}:{user.pk}", user, application, kind,
                           message_en, message_vi, headline)
    return sent
