"""Promotion listens to the apps below it: when a project linked to a lead is registered or starts operating, the
lead follows (``projects`` knows nothing of leads; it only writes its status history); when an investor confirms
their e-mail address, the enquiries they sent from it before they had an account become theirs."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from licensing.accounts import email_confirmed
from projects.models import ProjectStatusChange

from . import pipeline, services


@receiver(post_save, sender=ProjectStatusChange, dispatch_uid="promotion.leads_follow_registry")
def leads_follow_registry(sender, instance: ProjectStatusChange, created: bool, raw: bool = False, **kwargs):
    """A new status-history row of a project moves the leads linked to it (see
    ``pipeline.on_project_status_change``); fixtures loaded raw are left alone."""
    if created and not raw:
        pipeline.on_project_status_change(instance)


@receiver(email_confirmed, dispatch_uid="promotion.enquiries_follow_the_account")
def enquiries_follow_the_account(sender, user, **kwargs):
    """The enquiries sent from the address the investor has just proved is theirs join their account."""
    services.claim_enquiries(user)
