"""The one way an application changes status: ``transition(application, new_status, actor, note)``.

An allowed-transitions table says which moves exist; an illegal move raises ``IllegalTransition`` and
changes nothing. The move runs in a transaction on a locked row, writes a history row and sends
``status_changed`` (whose receivers enqueue notifications with ``transaction.on_commit``).

Dates: receiving a dossier starts the clock (due date = receipt + statutory time on the working-day
calendar); sending it back for more documents pauses the clock, and resubmission moves the due date by the
working days it was paused. No move is dated after today, and the moves that tell an investor "no" (refuse,
send back for more documents, return) must say why, and an approval must name its decision:
``check_officer_move`` is the rule, which the officer's service and form both apply."""

from datetime import date

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .calendar import calendar
from .models import NEEDS_REASONS, Application, ApplicationHistory, ApplicationStatus

S = ApplicationStatus

ALLOWED: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.RECEIVED, S.RETURNED, S.WITHDRAWN}),
    S.RECEIVED: frozenset({S.IN_PROCESS, S.SENT_BACK, S.APPROVED, S.REFUSED, S.RETURNED, S.WITHDRAWN}),
    S.IN_PROCESS: frozenset({S.SENT_BACK, S.APPROVED, S.REFUSED, S.RETURNED, S.WITHDRAWN}),
    S.SENT_BACK: frozenset({S.RESUBMITTED, S.RETURNED, S.WITHDRAWN}),
    S.RESUBMITTED: frozenset({S.IN_PROCESS, S.SENT_BACK, S.APPROVED, S.REFUSED, S.RETURNED, S.WITHDRAWN}),
    S.APPROVED: frozenset(),
    S.REFUSED: frozenset(),
    S.RETURNED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Moves an investor may make on their own dossier; every other move is an officer's (or the one-stop system's).
INVESTOR_MOVES = frozenset({S.RESUBMITTED, S.WITHDRAWN})
# Moves that end the dossier for good: an officer confirms them on a second page before they are made.
CLOSING_MOVES = frozenset({S.APPROVED, S.REFUSED, S.RETURNED, S.WITHDRAWN})

status_changed = Signal()  # sender=Application, application=..., history=...


class IllegalTransition(Exception):
    """The move is not in the allowed-transitions table (or not allowed to this actor)."""

    def __init__(self, current: str, requested: str, message: str = ""):
        self.current, self.requested = current, requested
        super().__init__(message or _("An application that is %(current)s cannot become %(requested)s.") % {
            "current": S(current).label, "requested": S(requested).label if requested in S.values else requested})


class IncompleteMove(IllegalTransition):
    """An officer's move that lacks what the investor must be told; ``field`` is the form field to fill."""

    field = ""


class MissingReason(IncompleteMove):
    """A move that must state its reasons was asked for without them."""

    field = "note"

    def __init__(self, current: str, requested: str):
        super().__init__(current, requested, _("Write the reasons for “%(status)s”: the investor reads them.")
                         % {"status": S(requested).label})


class MissingDecision(IncompleteMove):
    """An approval was asked for without the number of the decision or certificate that grants it."""

    field = "result_number"

    def __init__(self, current: str, requested: str):
        super().__init__(current, requested, _("Give the number of the decision or certificate for “%(status)s”: "
                                               "the investor needs it.") % {"status": S(requested).label})


class FutureDate(IllegalTransition):
    """The move is dated after today: a decision cannot be recorded before it is made."""

    def __init__(self, current: str, requested: str, on: date):
        super().__init__(current, requested, _("The date of a status change cannot be in the future (%(date)s).")
                         % {"date": date_format(on, "SHORT_DATE_FORMAT")})


class BeforeSubmission(IllegalTransition):
    """A dossier is said to be received before the day it was submitted."""

    def __init__(self, current: str, requested: str, on: date, submitted_on: date):
        super().__init__(current, requested, _("A dossier cannot be received (%(date)s) before it was submitted "
                                               "(%(submitted)s).") % {
            "date": date_format(on, "SHORT_DATE_FORMAT"), "submitted": date_format(submitted_on, "SHORT_DATE_FORMAT")})


def check_date(application: Application, new_status: str, on: date, today: date | None = None) -> None:
    """Raise ``FutureDate`` when ``on`` is after today, and ``BeforeSubmission`` when a receipt is dated before
    the dossier's submission: the dates a move may carry."""
    if on > (today or timezone.localdate()):
        raise FutureDate(application.status, new_status, on)
    if new_status == S.RECEIVED and on < application.submitted_on:
        raise BeforeSubmission(application.status, new_status, on, application.submitted_on)


def check_officer_move(current: str, new_status: str, note: str, result_number: str) -> None:
    """Raise ``MissingReason`` when ``new_status`` needs written reasons and ``note`` has none, and
    ``MissingDecision`` when it approves without a decision or certificate number."""
    if new_status in NEEDS_REASONS and not (note or "").strip():
        raise MissingReason(current, new_status)
    if new_status == S.APPROVED and not (result_number or "").strip():
        raise MissingDecision(current, new_status)


def allowed_moves(application: Application) -> list[str]:
    """The statuses ``application`` can move to now."""
    return [status for status in S.values if status in ALLOWED[application.status]]


def transition(application: Application, new_status: str, actor=None, note: str = "", *,
               on: date | None = None, result_number: str = "", receipt_number: str = "",
               source: str = "portal") -> ApplicationHistory:
    """Move ``application`` to ``new_status`` on ``on`` (today by default, never later); return the history
    row. Raises ``IllegalTransition`` (``FutureDate`` for a date after today, ``BeforeSubmission`` for a receipt
    dated before the submission). Receiving records the counter's ``receipt_number`` and starts the clock from
    ``on``."""
    if new_status not in S.values:
        raise IllegalTransition(application.status, new_status, _("Unknown status."))
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("procedure").get(pk=application.pk)
        current = locked.status
        if new_status not in ALLOWED[current]:
            raise IllegalTransition(current, new_status)
        check_date(locked, new_status, on)
        working_calendar = calendar()
        if new_status == S.RECEIVED:
            locked.received_on = on
            locked.receipt_number = receipt_number.strip()
            locked.due_date = working_calendar.add_days(on, locked.procedure.time_limit, locked.procedure.time_unit)
        elif new_status == S.SENT_BACK:
            locked.paused_since = on
        elif new_status == S.RESUBMITTED and locked.paused_since is not None:
            paused = max(working_calendar.working_days_between(locked.paused_since, on), 0)
            locked.paused_working_days += paused
            if locked.due_date is not None:
                locked.due_date = working_calendar.add_working_days(locked.due_date, paused)
            locked.paused_since = None
        if new_status in (S.APPROVED, S.REFUSED):
            locked.resolved_on = on
            locked.days_taken = locked.clock_days(working_calendar)
            if result_number:
                locked.result_number = result_number
        if new_status in (S.RETURNED, S.WITHDRAWN):
            locked.paused_since = None
        locked.status = new_status
        locked.save()
        history = ApplicationHistory.objects.create(application=locked, from_status=current, to_status=new_status,
                                                    actor=actor if getattr(actor, "pk", None) else None,
                                                    on=on, note=note, source=source)
        status_changed.send(sender=Application, application=locked, history=history)
    for field in ("status", "received_on", "receipt_number", "due_date", "paused_since", "paused_working_days",
                  "resolved_on", "days_taken", "result_number"):
        setattr(application, field, getattr(locked, field))
    return history
