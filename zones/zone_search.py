"""The zone index's filters as a search query: zones are found through the search backend, which holds
their facts (land, price, distances, sectors, communes) as filterable fields and tags. Knows no model, so
the services and the search documents can both use it."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from search.backends.base import SearchQuery
from search.services import matching_ids

from .choices import ZoneKind, ZoneStatus

ZONE_FACETS = {"kind": ZoneKind, "status": ZoneStatus, "province": None, "commune": None, "sector": None}


def sector_prefixes(code: str) -> list[str]:
    """The VSIC codes a sector code falls under, from its section letter to itself (C101: C, C1, C10, C101)."""
    return [code[:i] for i in range(1, len(code) + 1)]


def sector_tags(code: str) -> list[str]:
    """Tags of a targeted sector code: the code itself and every prefix it falls under."""
    return [f"sector:{code}"] + [f"sector-in:{prefix}" for prefix in sector_prefixes(code)]


def sector_filter(code: str) -> tuple[str, ...]:
    """The tags of zones matching a sector filter: targeting the code, a sector under it, or one above it."""
    return (f"sector-in:{code}", *(f"sector:{prefix}" for prefix in sector_prefixes(code)))


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
        page=page, page_size=page_size, facets=tuple(ZONE_FACETS),
    )


def matching_zone_ids(params: Mapping, limit: int = 2000) -> list[int]:
    """The ids of every zone page matching the zone index's filters, in result order (at most ``limit``)."""
    return [int(object_id) for object_id in matching_ids(zone_query(params), limit)]
