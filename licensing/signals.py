"""Signal handlers of the licensing app: catalogue and calendar cache invalidation, notifications."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import calendar, catalogue
from .models import (
    Agency,
    ApplicabilityRule,
    Application,
    CalendarException,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    RuleCondition,
)
from .workflow import status_changed

CATALOGUE_MODELS = (Agency, ApplicabilityRule, Procedure, ProcedureDocument, ProcedureFee, ProcedurePrerequisite,
                    RuleCondition)


def _catalogue_changed(sender, **kwargs):
    catalogue.invalidate()


for _model in CATALOGUE_MODELS:
    post_save.connect(_catalogue_changed, sender=_model, dispatch_uid=f"licensing-catalogue-save-{_model.__name__}")
    post_delete.connect(_catalogue_changed, sender=_model,
                        dispatch_uid=f"licensing-catalogue-delete-{_model.__name__}")
m2m_changed.connect(_catalogue_changed, sender=Procedure.legal_basis.through, dispatch_uid="licensing-legal-basis")


@receiver(post_save, sender=CalendarException, dispatch_uid="licensing-calendar-save")
@receiver(post_delete, sender=CalendarException, dispatch_uid="licensing-calendar-delete")
def _calendar_changed(sender, **kwargs):
    calendar.clear_cache()


@receiver(status_changed, sender=Application, dispatch_uid="licensing-notify-status")
def _enqueue_notification(sender, application, history, **kwargs):
    from .tasks import notify_status_change

    transaction.on_commit(lambda: notify_status_change.delay(history.pk))
