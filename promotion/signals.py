"""Promotion listens to the registry: when a project linked to a lead is registered or starts operating, the
lead follows (``projects`` knows nothing of leads; it only writes its status history)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from projects.models import ProjectStatusChange

from . import pipeline


@receiver(post_save, sender=ProjectStatusChange, dispatch_uid="promotion.leads_follow_registry")
def leads_follow_registry(sender, instance: ProjectStatusChange, created: bool, raw: bool = False, **kwargs):
    """A new status-history row of a project moves the leads linked to it (see
    ``pipeline.on_project_status_change``); fixtures loaded raw are left alone."""
    if created and not raw:
        pipeline.on_project_status_change(instance)
