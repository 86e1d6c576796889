"""Keep the index in step: saves, publishes, unpublishes and deletes enqueue ``update_index`` after commit.

Apps whose changes escape these signals (rows written in bulk) call ``reindex`` from their own receivers.
"""

import logging

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from core.events import shared_values_changed

from .registry import DocumentDefinition, on_register
from .services import targets_for

logger = logging.getLogger(__name__)


def schedule(doc_type: str, object_id: str) -> None:
    """Enqueue the reindexing of one object once the current transaction commits.

    ``robust``: a broker failure is logged and never undoes or fails the editor's save.
    """
    from .tasks import update_index

    transaction.on_commit(lambda: update_index.delay(doc_type, object_id), robust=True)


def reindex(instance) -> None:
    """Reindex ``instance`` and the documents that depend on it once the current transaction commits (its
    documents leave the index if it is gone or no longer public)."""
    try:
        targets = targets_for(instance)
    except ObjectDoesNotExist as exc:  # a related row already gone in a cascading delete
        logger.warning("search: cannot resolve documents of %r: %s", instance, exc)
        return
    for doc_type, object_id in targets:
        schedule(doc_type, object_id)


def _changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(instance)


def _page_event(sender, instance, **kwargs):
    reindex(instance.specific if hasattr(instance, "specific") else instance)


def _connect_model(model) -> None:
    label = model._meta.label_lower
    post_save.connect(_changed, sender=model, dispatch_uid=f"search.post_save.{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"search.post_delete.{label}")
    page_published.connect(_page_event, sender=model, dispatch_uid=f"search.page_published.{label}")
    page_unpublished.connect(_page_event, sender=model, dispatch_uid=f"search.page_unpublished.{label}")


def _connect_definition(definition: DocumentDefinition) -> None:
    """Connect the receivers to the definition's model, its subclasses and the models it depends on only.

    Receivers bound to every model would also stop Django from deleting other rows in bulk.
    """
    for model in apps.get_models():
        if issubclass(model, definition.model) or model._meta.label in definition.dependencies:
            _connect_model(model)


def _shared_values_changed(sender, pks, **kwargs):
    for page in sender.objects.filter(pk__in=pks):
        reindex(page)


def connect() -> None:
    """Connect the receivers for every definition, registered already or to come (``SearchConfig.ready``), and
    reindex the other languages of a page whose shared values changed (``core.translations``)."""
    on_register(_connect_definition)
    shared_values_changed.connect(_shared_values_changed, dispatch_uid="search.shared_values_changed")
