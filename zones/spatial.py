"""Zone spatial queries: which live zone contains a point, which zones lie near a point or in a box.

A thin wrapper around ``maps.spatial``: the index of each content language holds the live zones with a
boundary; ``zones.signals`` calls :func:`bump_version` whenever a zone is published, unpublished, saved or
deleted, and every process rebuilds its index on its next query.
"""

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.signals import page_published, page_unpublished

from maps.spatial import NO_AREA, AreaIndex, AreaIndexes

from .models import ZonePage

VERSION_KEY = "zones:spatial:version"
NO_ZONE = NO_AREA


def _zone_rows(language_code: str) -> list[tuple[int, str]]:
    """(id, GeoJSON text) of the live zones with a boundary: the database hands over the JSON text as stored."""
    return list(
        ZonePage.objects.live().filter(locale__language_code=language_code, geometry__isnull=False)
        .annotate(geojson=Cast("geometry", output_field=TextField())).order_by("pk").values_list("pk", "geojson")
    )


_indexes = AreaIndexes(VERSION_KEY, _zone_rows)


def current_version() -> int:
    """The version of the zone data, as recorded in the shared cache."""
    return _indexes.current_version()


def bump_version() -> int:
    """Mark every zone index as stale: called when a zone is published, unpublished, moved or deleted."""
    return _indexes.invalidate()


def _locale_code(language: str | None) -> str:
    """The content language of ``language`` (default: the active one), without a database query."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def zone_index(language: str | None = None) -> AreaIndex:
    """The spatial index of the live zones in ``language`` (default: the active language), rebuilt if stale."""
    return _indexes.get(_locale_code(language))


def zones_for_points(lons, lats, *, language: str | None = None) -> np.ndarray:
    """For arrays of longitudes and latitudes (WGS 84), the id of the zone containing each point.

    Returns an ``int64`` array; ``NO_ZONE`` (-1) where no zone contains the point. Where zones overlap (a park
    inside an economic zone), the smallest one wins.
    """
    return zone_index(language).containing(lons, lats)


def zone_id_at(lon: float, lat: float, *, language: str | None = None) -> int | None:
    """The id of the zone that contains the point ``(lon, lat)``, or None."""
    zone_id = int(zones_for_points([lon], [lat], language=language)[0])
    return None if zone_id == NO_ZONE else zone_id


def zone_at(lon: float, lat: float, *, language: str | None = None) -> ZonePage | None:
    """The live ``ZonePage`` that contains ``(lon, lat)``, or None."""
    zone_id = zone_id_at(lon, lat, language=language)
    return None if zone_id is None else ZonePage.objects.live().filter(pk=zone_id).first()


def zones_within(lon: float, lat: float, metres: float, *, language: str | None = None) -> list[tuple[int, float]]:
    """Zones whose boundary comes within ``metres`` of ``(lon, lat)``: ``(zone id, distance in m)``, nearest
    first, measured as true ground distances."""
    return zone_index(language).within(lon, lat, metres)


def zones_in_bbox(min_lon: float, min_lat: float, max_lon: float, max_lat: float, *,
                  language: str | None = None) -> list[int]:
    """Ids of the zones whose boundary intersects the bounding box, smallest zone first."""
    return zone_index(language).in_bbox(min_lon, min_lat, max_lon, max_lat)


def zones_changed(sender, **kwargs):
    """Mark the zone spatial indexes stale now and again once the transaction commits.

    The second bump covers a process that rebuilt its index from the not-yet-committed state in between.
    """
    bump_version()
    transaction.on_commit(bump_version)


def connect():
    """Keep the indexes fresh as zone pages are published, unpublished, saved or deleted (``ZonesConfig.ready``)."""
    signals = {"published": page_published, "unpublished": page_unpublished, "saved": post_save,
               "deleted": post_delete}
    for name, signal in signals.items():
        signal.connect(zones_changed, sender=ZonePage, dispatch_uid=f"zones-spatial-zone-{name}")
