"""Signals of the zones app, and the handlers that keep the zone spatial index fresh."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.signals import page_published, page_unpublished

from . import spatial

#: Sent after plots were written in bulk without per-row ``post_save`` (a GIS import): ``sender=Plot, zone=...``.
plots_changed = Signal()


def zones_changed(sender, **kwargs):
    """Mark the zone spatial indexes stale now and again once the transaction commits.

    The second bump covers a process that rebuilt its index from the not-yet-committed state in between.
    """
    spatial.bump_version()
    transaction.on_commit(spatial.bump_version)


def connect():
    """Connect the handlers to the zone page model (called from ``ZonesConfig.ready``)."""
    from .models import ZonePage

    signals = {"published": page_published, "unpublished": page_unpublished, "saved": post_save,
               "deleted": post_delete}
    for name, signal in signals.items():
        signal.connect(zones_changed, sender=ZonePage, dispatch_uid=f"zones-spatial-zone-{name}")
