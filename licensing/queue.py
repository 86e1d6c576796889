"""Services of the officers' dossier queue: receiving a batch of dossiers handed in together, assigning a dossier
to an officer of its agency, and each officer's saved filters.

Every write checks what the admin's pages check: the dossier belongs to the officer's agency (any agency for a
superuser); the queue's rows come from ``services.officer_queue``."""

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

from . import services, workflow
from .models import Application, ApplicationAssignment, ApplicationStatus, SavedQueueFilter

#: The query parameters a saved filter keeps: the search, the filters and the order.
FILTER_PARAMETERS = ("q", "procedure", "status", "assigned_to", "due", "ordering")


# --- receiving ------------------------------------------------------------------------------------------------
class ReceiptRefused(Exception):
    """A dossier of a batch cannot be received; nothing of the batch was received."""

    def __init__(self, application: Application, reason: str):
        self.application, self.reason = application, reason
        super().__init__(_("Nothing was received: dossier %(code)s cannot be received. %(reason)s")
                         % {"code": application.dossier_code, "reason": reason})


def receive_batch(user, applications, on: date, receipt_numbers: dict[int, str] | None = None) -> int:
    """Receive ``applications`` (handed in together) on ``on`` with the counter's receipt number of each
    (``receipt_numbers`` by dossier id): all of them or none. Raises ``ReceiptRefused`` naming the first
    dossier that cannot be received (of another agency, not awaiting receipt, or ``on`` in the future or before
    its submission). Returns how many were received."""
    receipt_numbers = receipt_numbers or {}
    with transaction.atomic():
        for application in applications:
            if not services.officer_may_work(user, application):
                raise ReceiptRefused(application, _("It belongs to another agency."))
            try:
                services.officer_transition(user, application, ApplicationStatus.RECEIVED, on=on,
                                            receipt_number=receipt_numbers.get(application.pk, ""))
            except workflow.IllegalTransition as exc:
                raise ReceiptRefused(application, str(exc)) from exc
    return len(applications)


# --- assignment -----------------------------------------------------------------------------------------------
def assignable_officers(application_or_agency_id):
    """The users who work for the dossier's agency (or the agency of that id), by name: who it may go to."""
    agency_id = getattr(application_or_agency_id, "agency_id", application_or_agency_id)
    return (get_user_model().objects.filter(officer_profile__agency_id=agency_id, is_active=True)
            .order_by("first_name", "last_name", "username"))


def assign(actor, application: Application, officer) -> ApplicationAssignment:
    """Give ``application`` to ``officer`` (an officer of its agency), recording who did it, when, and who had
    it before. ``PermissionDenied`` for an actor who may not work the dossier; ``ValidationError`` for an
    officer of another agency or the officer who has it already."""
    if not services.officer_may_work(actor, application):
        raise PermissionDenied
    if officer is None or not assignable_officers(application).filter(pk=officer.pk).exists():
        raise ValidationError(_("Only an officer of the dossier's agency can be assigned it."), code="agency")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.assigned_to_id == officer.pk:
            raise ValidationError(_("The dossier is assigned to this officer already."), code="unchanged")
        assignment = ApplicationAssignment.objects.create(
            application=locked, officer=officer, previous_id=locked.assigned_to_id,
            actor=actor if getattr(actor, "pk", None) else None)
        Application.objects.filter(pk=locked.pk).update(assigned_to=officer)
    application.assigned_to = officer
    return assignment


# --- saved filters --------------------------------------------------------------------------------------------
def filter_query(params) -> str:
    """The part of a queue query string (or ``QueryDict``) a saved filter keeps: ``FILTER_PARAMETERS`` with a
    value, in that order."""
    if isinstance(params, str):
        params = QueryDict(params)
    return urlencode([(key, value) for key in FILTER_PARAMETERS for value in params.getlist(key) if value])


def saved_filters(user):
    """The user's own saved filters, by name."""
    return SavedQueueFilter.objects.filter(user=user)


def save_filter(user, name: str, params) -> SavedQueueFilter:
    """Keep the queue's current filters (``params``: the query string or ``request.GET``) under ``name``;
    a filter of the same name is replaced."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the filter a name."), code="name")
    saved, _created = SavedQueueFilter.objects.update_or_create(user=user, name=name[:80],
                                                                defaults={"query": filter_query(params)})
    return saved


def delete_filter(user, pk: int) -> None:
    """Delete one of the user's saved filters; 404 for another's (ids of others do not leak)."""
    deleted, _rows = saved_filters(user).filter(pk=pk).delete()
    if not deleted:
        raise Http404
