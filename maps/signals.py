"""Keep the spatial index fresh: any change to a zone's publication or boundary bumps its version."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from . import spatial


def zones_changed(sender, **kwargs):
    """Mark the spatial indexes stale now and again once the transaction commits.

    The second bump covers a process that rebuilt its index from the not-yet-committed state in between.
    """
    spatial.bump_version()
    transaction.on_commit(spatial.bump_version)


def connect():
    """Connect the handlers to the zone page model (called from ``MapsConfig.ready``)."""
    from zones.models import ZonePage

    signals = {"published": page_published, "unpublished": page_unpublished, "saved": post_save,
               "deleted": post_delete}
    for name, signal in signals.items():
        signal.connect(zones_changed, sender=ZonePage, dispatch_uid=f"maps-spatial-zone-{name}")
