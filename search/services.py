"""Search services: indexing objects, rebuilding, answering searches (site-wide and for the zone index)."""

import logging
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .backends import get_backend
from .backends.base import MAX_PAGE_SIZE, SearchQuery, SearchResults, Suggestion
from .documents import REGISTRY, all_documents, definition_for_model, sector_filter

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
        if definition.dated and definition.model is not None:
            for pk in definition.model._base_manager.order_by("pk").values_list("pk", flat=True):
                stored += index_object(definition.doc_type, pk)
    return stored


def rebuild_index() -> int:
    """Rebuild the whole index from the database; returns the number of documents written."""
    count = get_backend().rebuild(all_documents())
    logger.info("search index rebuilt: %d documents", count)
    return count


def search(query: SearchQuery) -> SearchResults:
    """Answer a search through the configured backend."""
    return get_backend().search(query)


def autocomplete(prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
    """Suggestions for the search box."""
    return get_backend().autocomplete(prefix, locale=locale, limit=limit)


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _code(value) -> str:
    return str(getattr(value, "code", value))


def zone_query(params: Mapping, page: int = 1, page_size: int = 50) -> SearchQuery:
    """The search answering the zone index's filters.

    ``params`` (all optional, as the zone filter form cleans them): ``q`` text, ``locale``, ``kind``,
    ``status``, ``commune`` (an administrative unit or its id), ``sector`` (a sector or its code: zones
    targeting it, a sector under it or one above it), ``min_available_ha``, ``max_price`` (USD/m²),
    ``place`` (a named place or its code) with ``max_distance_km`` by road, ``near`` (lon, lat) with
    ``radius_km``, ``bbox`` (west, south, east, north) and ``sort`` (relevance, distance, available_land).
    """
    filters = {"type": ("zone",)}
    for name in ("kind", "status"):
        if params.get(name):
            filters[name] = (str(params[name]),)
    tags = []
    if params.get("commune"):
        tags.append((f"commune:{getattr(params['commune'], 'pk', params['commune'])}",))
    if params.get("sector"):
        tags.append(sector_filter(_code(params["sector"])))
    max_distances = {}
    if params.get("place"):
        place = _code(params["place"])
        if _decimal(params.get("max_distance_km")) is not None:
            max_distances[place] = _decimal(params["max_distance_km"])
        else:
            tags.append((f"place:{place}",))
    ranges = {}
    low, high = _decimal(params.get("min_available_ha")), _decimal(params.get("max_price"))
    if low is not None:
        ranges["available_land_ha"] = (low, None)
    if high is not None:
        ranges["land_price_usd"] = (None, high)
    near = params.get("near")
    return SearchQuery(
        text=params.get("q") or "", locale=params.get("locale"), filters=filters, ranges=ranges,
        tags=tuple(tags), max_distances=max_distances,
        near=tuple(near) if near else None, radius_km=params.get("radius_km") if near else None,
        bbox=tuple(params["bbox"]) if params.get("bbox") else None,
        sort=params.get("sort") or ("available_land" if not params.get("q") else "relevance"),
        page=page, page_size=page_size, facets=("kind", "status", "province", "commune", "sector"),
    )


def search_zones(params: Mapping) -> SearchResults:
    """One page (``page``, ``page_size``) of the zones matching the zone index's filters (see ``zone_query``)."""
    return search(zone_query(params, page=int(params.get("page") or 1),
                             page_size=int(params.get("page_size") or 50)))


def matching_zone_ids(params: Mapping, limit: int = 2000) -> list[int]:
    """The ids of every zone page matching the zone index's filters, in result order (at most ``limit``)."""
    ids, page = [], 1
    while len(ids) < limit:
        results = search(replace(zone_query(params, page=page, page_size=MAX_PAGE_SIZE), facets=()))
        ids += [int(hit.object_id) for hit in results.hits]
        if not results.has_next:
            break
        page += 1
    return ids[:limit]


def facet_label(field: str, value: str) -> str:
    """A human label for a facet value (choice labels for codes, names as they are)."""
    if field == "type":
        definition = REGISTRY.get(value)
        return str(definition.label) if definition else value
    if field in ("kind", "status"):
        for choices in _choice_sets():
            if value in choices.values:
                return str(choices(value).label)
    return value


def _choice_sets():
    from zones.choices import ZoneKind, ZoneStatus

    sets = [ZoneKind, ZoneStatus]
    try:
        from projects.choices import ProjectKind, ProjectStatus

        sets += [ProjectKind, ProjectStatus]
    except ImportError:  # the projects app is optional for search
        pass
    try:
        from licensing.models.catalogue import AgencyLevel, OnlineLevel

        sets += [AgencyLevel, OnlineLevel]
    except ImportError:
        pass
    return sets


FACET_TITLES = {
    "type": _("Type"), "kind": _("Kind"), "province": _("Province"), "commune": _("Commune"),
    "sector": _("Sector"), "status": _("Status"),
}
