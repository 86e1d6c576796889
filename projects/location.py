"""Where projects are: their zone (through the maps spatial service) and commune, for many projects at once."""

from collections.abc import Sequence

from django.conf import settings
from django.db.models import Q

from maps import spatial
from zones.models import AdministrativeUnitLevel, ZonePage


def zone_ids_for_points(lons: Sequence[float], lats: Sequence[float]) -> list[int | None]:
    """The id of the live zone (default-language page) containing each (lon, lat) point, or None."""
    found = spatial.zones_for_points(list(lons), list(lats), language=settings.LANGUAGE_CODE)
    return [_zone_id(value) for value in found.tolist()]


def _zone_id(value) -> int | None:
    if value is None:
        return None
    pk = getattr(value, "pk", value)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return pk if pk >= 0 else None


def communes_of_zones(zone_ids: set[int], on_date=None) -> dict[int, int]:
    """For each zone (any translation) lying in exactly one commune: zone id -> commune id."""
    if not zone_ids:
        return {}
    through = ZonePage.communes.through
    rows = through.objects.filter(zonepage_id__in=zone_ids,
                                  administrativeunit__level=AdministrativeUnitLevel.COMMUNE)
    if on_date is not None:
        rows = rows.filter(
            Q(administrativeunit__valid_from__isnull=True) | Q(administrativeunit__valid_from__lte=on_date),
            Q(administrativeunit__valid_to__isnull=True) | Q(administrativeunit__valid_to__gte=on_date))
    communes: dict[int, set[int]] = {}
    for zone_id, unit_id in rows.values_list("zonepage_id", "administrativeunit_id"):
        communes.setdefault(zone_id, set()).add(unit_id)
    return {zone_id: units.pop() for zone_id, units in communes.items() if len(units) == 1}


def locate(projects: list) -> list:
    """Set ``zone`` (and ``commune`` when the zone lies in one commune) of ``projects`` from their points.

    Returns the projects whose zone or commune changed; the caller saves them (``bulk_update``)."""
    placed = [p for p in projects if p.lon is not None and p.lat is not None]
    changed = []
    zone_ids = zone_ids_for_points([p.lon for p in placed], [p.lat for p in placed]) if placed else []
    by_project = dict(zip((id(p) for p in placed), zone_ids, strict=True))
    communes = communes_of_zones({z for z in zone_ids if z})
    for project in projects:
        zone_id = by_project.get(id(project))
        commune_id = communes.get(zone_id, project.commune_id) if zone_id else project.commune_id
        if zone_id != project.zone_id or commune_id != project.commune_id:
            project.zone_id, project.commune_id = zone_id, commune_id
            changed.append(project)
    return changed
