"""Keep the index in step: saves, publishes, unpublishes and deletes enqueue ``update_index`` after commit."""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from zones.signals import plots_changed

from .services import targets_for

logger = logging.getLogger(__name__)


def schedule(doc_type: str, object_id: str) -> None:
    """Enqueue the reindexing of one object once the current transaction commits.

    ``robust``: a broker failure is logged and never undoes or fails the editor's save.
    """
    from .tasks import update_index

    transaction.on_commit(lambda: update_index.delay(doc_type, object_id), robust=True)


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    try:
        targets = targets_for(instance)
    except ObjectDoesNotExist as exc:  # a related row already gone in a cascading delete
        logger.warning("search: cannot resolve documents of %r: %s", instance, exc)
        return
    for doc_type, object_id in targets:
        schedule(doc_type, object_id)


def _page_event(sender, instance, **kwargs):
    _changed(type(instance), instance.specific if hasattr(instance, "specific") else instance)


def _plots_changed(sender, zone, **kwargs):
    """Plots written in bulk (a GIS import) change their zone's land figures."""
    for translation_id in type(zone).objects.filter(translation_key=zone.translation_key).values_list("pk",
                                                                                                         flat=True):
        schedule("zone", str(translation_id))


def indexed_models() -> list:
    """The models whose changes reach the index: those with a document definition and their dependencies."""
    from django.apps import apps

    from .documents import REGISTRY, definition_for_model

    dependencies = {label for definition in REGISTRY.values() for label in definition.dependencies}
    return [model for model in apps.get_models()
            if definition_for_model(model) is not None or model._meta.label in dependencies]


def connect() -> None:
    """Connect the receivers to the indexed models only (called from ``SearchConfig.ready``).

    Receivers bound to every model would also stop Django from deleting other rows in bulk.
    """
    for model in indexed_models():
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"search.post_save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search.post_delete.{label}")
        page_published.connect(_page_event, sender=model, dispatch_uid=f"search.page_published.{label}")
        page_unpublished.connect(_page_event, sender=model, dispatch_uid=f"search.page_unpublished.{label}")
    plots_changed.connect(_plots_changed, dispatch_uid="search.plots_changed")
