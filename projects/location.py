"""Where projects are: their zone (through the zone spatial service) and commune, for many projects at once."""

from collections.abc import Sequence

from django.conf import settings

from zones import spatial
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


def communes_of_zones(zone_ids: set[int]) -> dict[int, list[tuple[int, object, object]]]:
    """For each zone: its communes as (id, valid_from, valid_to), past and present."""
    if not zone_ids:
        return {}
    through = ZonePage.communes.through
    rows = through.objects.filter(zonepage_id__in=zone_ids,
                                  administrativeunit__level=AdministrativeUnitLevel.COMMUNE).values_list(
        "zonepage_id", "administrativeunit_id", "administrativeunit__valid_from", "administrativeunit__valid_to")
    communes: dict[int, list] = {}
    for zone_id, unit_id, valid_from, valid_to in rows:
        communes.setdefault(zone_id, []).append((unit_id, valid_from, valid_to))
    return communes


def commune_on(candidates: list[tuple[int, object, object]], on_date) -> int | None:
    """The one commune among ``candidates`` valid on ``on_date`` (None when none or several are)."""
    valid = [unit for unit, start, end in candidates
             if (start is None or on_date is None or start <= on_date) and (end is None or on_date is None
                                                                          or end >= on_date)]
    return valid[0] if len(valid) == 1 else None


def locate(projects: list) -> list:
    """Set ``zone`` (and ``commune``: the zone's commune valid on the registration date) of ``projects``
    from their points, with one spatial lookup. Returns the projects whose zone or commune changed; the caller
    saves them. A project outside every zone keeps the commune an editor gave it."""
    placed = [p for p in projects if p.lon is not None and p.lat is not None]
    zone_ids = zone_ids_for_points([p.lon for p in placed], [p.lat for p in placed]) if placed else []
    by_project = dict(zip((id(p) for p in placed), zone_ids, strict=True))
    communes = communes_of_zones({z for z in zone_ids if z})
    changed = []
    for project in projects:
        zone_id = by_project.get(id(project))
        commune_id = project.commune_id
        if zone_id:
            commune_id = commune_on(communes.get(zone_id, []), project.registered_on) or commune_id
        if zone_id != project.zone_id or commune_id != project.commune_id:
            project.zone_id, project.commune_id = zone_id, commune_id
            changed.append(project)
    return changed
