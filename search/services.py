"""Search services: indexing objects, rebuilding, answering searches, labelling facets."""

import logging
from dataclasses import replace
from functools import lru_cache

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .backends import get_backend
from .backends.base import MAX_PAGE_SIZE, SearchQuery, SearchResults, Suggestion
from .registry import REGISTRY, all_documents, definition_for_model, on_register

logger = logging.getLogger(__name__)


def index_object(doc_type: str, object_id) -> int:
    """Bring the index in line with one object: its public documents, or none if it is gone or private.

    Idempotent: running it twice leaves the same index. Returns the number of documents stored. The object
    stays locked until its documents are stored: a save, unpublish or delete committed meanwhile would
    otherwise be overwritten by documents read before it.
    """
    definition = REGISTRY[doc_type]
    with transaction.atomic():
        obj = definition.public_object(object_id)
        documents = definition.documents(obj) if obj is not None else []
        get_backend().replace(doc_type, str(object_id), documents)
    return len(documents)


def targets_for(instance) -> list[tuple[str, str]]:
    """The (type, id) pairs to reindex after ``instance`` changed: itself and documents depending on it."""
    targets = []
    definition = definition_for_model(type(instance))
    if definition is not None:
        targets.append((definition.doc_type, str(instance.pk)))
    label = instance._meta.label
    for other in REGISTRY.values():
        ids_for = other.dependencies.get(label)
        if ids_for is not None:
            targets.extend((other.doc_type, str(pk)) for pk in ids_for(instance))
    return targets


def refresh_dated() -> int:
    """Reindex every object of the types whose public versions depend on the date (procedures, policies):
    a version that came into force today enters the index, one that expired yesterday leaves it. Returns
    the number of documents stored."""
    stored = 0
    for definition in REGISTRY.values():
        if definition.dated:
            for pk in definition.model._base_manager.order_by("pk").values_list("pk", flat=True):
                stored += index_object(definition.doc_type, pk)
    return stored


def rebuild_index() -> int:
    """Rebuild the whole index from the database; returns the number of documents written."""
    count = get_backend().rebuild(all_documents())
    logger.info("search index rebuilt: %d documents", count)
    return count


def search(query: SearchQuery) -> SearchResults:
    """Answer a search through the configured backend. A "did you mean" correction is offered only when it
    finds something under the same filters."""
    backend = get_backend()
    results = backend.search(query)
    if results.suggestion:
        corrected = replace(query, text=results.suggestion, page=1, page_size=1, facets=(), highlight=False)
        if backend.search(corrected).total == 0:
            results.suggestion = ""
    return results


def matching_ids(query: SearchQuery, limit: int = 2000) -> list[str]:
    """The object ids of every hit of ``query``, in result order (at most ``limit``), read page by page."""
    ids, page = [], 1
    while len(ids) < limit:
        results = search(replace(query, page=page, page_size=MAX_PAGE_SIZE, facets=(), highlight=False))
        ids += [hit.object_id for hit in results.hits]
        if not results.has_next:
            break
        page += 1
    return ids[:limit]


def last_updated():
    """When the index last received a document (None when the backend does not say)."""
    return get_backend().last_updated()


def autocomplete(prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
    """Suggestions for the search box."""
    return get_backend().autocomplete(prefix, locale=locale, limit=limit)


def facet_label(field: str, value: str, doc_type: str | None = None) -> str:
    """A human label for a facet value: a type's name for ``type``; else the label given by the definition of
    ``doc_type`` or, without one, by the first definition that knows the value; names stay as they are. The
    labels are the definitions' choices: each is kept per process and language."""
    return _facet_label(get_language(), field, value, doc_type)


@lru_cache(maxsize=4096)
def _facet_label(language: str | None, field: str, value: str, doc_type: str | None) -> str:
    if field == "type":
        definition = REGISTRY.get(value)
        return str(definition.label) if definition else value
    definitions = [REGISTRY[doc_type]] if doc_type in REGISTRY else REGISTRY.values()
    for definition in definitions:
        label = definition.facet_label(field, value)
        if label is not None:
            return label
    return value


on_register(lambda _definition: _facet_label.cache_clear())

FACET_TITLES = {
    "type": _("Type"), "kind": _("Kind"), "province": _("Province"), "commune": _("Commune"),
    "sector": _("Sector"), "status": _("Status"),
}
