"""The environmental group of a project from a short questionnaire (Law on Environmental Protection 2020,
Art. 28; Decree 08/2022/NĐ-CP, Appendices III to V): the criteria are data
(``models.EnvironmentalCriterion``), read from group I to group III; the first one met decides."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from core.profile import EnvironmentalGroup
from core.rules import sector_matches

from .models import EnvironmentalCriterion, PollutingActivity


@dataclass(frozen=True)
class Answers:
    """What the investor answered: the type at risk of pollution (if any) and its capacity, the site and its
    surroundings. A figure left empty is None."""

    activity_id: int | None = None
    capacity: Decimal | None = None
    site_area_ha: Decimal | None = None
    protected_area: bool = False
    forest_ha: Decimal | None = None
    rice_land_ha: Decimal | None = None
    relocated_people: int | None = None
    water_source: bool = False
    waste: bool = False
    in_serviced_park: bool = False


@dataclass(frozen=True)
class Decision:
    """The group and the criterion that decided it (None for group IV: no criterion of groups I–III met)."""

    group: str
    criterion: EnvironmentalCriterion | None

    @property
    def label(self) -> str:
        return str(EnvironmentalGroup(self.group).label)


def criteria() -> list[EnvironmentalCriterion]:
    """The active criteria from group I to group III, each group in its order (one query)."""
    order = {value: index for index, (value, _label) in enumerate(EnvironmentalGroup.choices)}
    rows = EnvironmentalCriterion.objects.filter(active=True).select_related("activity")
    return sorted(rows, key=lambda c: (order.get(c.group, len(order)), c.sort_order, c.pk))


def decide(answers: Answers, rows: Iterable[EnvironmentalCriterion] | None = None) -> Decision:
    """The environmental group of a project with ``answers`` and the criterion that decided it."""
    for criterion in criteria() if rows is None else rows:
        if criterion.met_by(answers):
            return Decision(criterion.group, criterion)
    return Decision(EnvironmentalGroup.IV, None)


def activity_for_sector(sector_code: str) -> PollutingActivity | None:
    """The type at risk of pollution whose VSIC sectors cover ``sector_code`` most closely, if any."""
    best, best_length = None, 0
    for activity in PollutingActivity.objects.all():
        for prefix in activity.prefixes:
            if sector_matches(sector_code, [prefix]) and len(prefix) > best_length:
                best, best_length = activity, len(prefix)
    return best
