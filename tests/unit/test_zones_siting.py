"""zones.siting's geometry and set building, without a database: adjacency in metres, greedy growth."""

from decimal import Decimal

import numpy as np
import pytest

from tests.factories import _TO_UTM48N
from tests.factories_siting import rect_m
from zones.siting import ADJACENCY_TOLERANCE_M, SiteNeeds, adjacent_pairs, grow_sets

X, Y = _TO_UTM48N.transform(106.9, 11.5)


def row(gaps_m: list[float], width: float = 100.0) -> np.ndarray:
    """Rectangles of ``width`` x 100 m in a row, ``gaps_m`` metres apart."""
    x, shapes = X, [rect_m(X, Y, width, 100)]
    for gap in gaps_m:
        x += width + gap
        shapes.append(rect_m(x, Y, width, 100))
    return np.array(shapes, dtype=object)


def pairs_of(geoms, group=None) -> set[tuple[int, int]]:
    group = np.zeros(len(geoms), dtype=np.int64) if group is None else np.asarray(group)
    return {tuple(int(v) for v in pair) for pair in adjacent_pairs(geoms, group)}


def test_touching_plots_are_adjacent_and_the_tolerance_is_in_metres():
    # 0 m (touching), 0.5 m (digitising slack), 11 m (an internal road), 1.5 m: only the first two join.
    assert pairs_of(row([0, 0.5, 11, 1.5])) == {(0, 1), (1, 2)}
    assert ADJACENCY_TOLERANCE_M == 1.0


def test_plots_of_different_zones_are_never_adjacent():
    assert pairs_of(row([0, 0]), group=[1, 1, 2]) == {(0, 1)}


def test_sets_grow_by_the_largest_neighbour_and_are_found_once():
    # A chain 0-1-2-3 with areas 2, 1, 3, 2: from 0 the set takes 1 (its only neighbour) then 2.
    pairs = np.array([[0, 1], [1, 2], [2, 3]])
    area = np.array([2.0, 1.0, 3.0, 2.0])
    sets = grow_sets(pairs, area, np.arange(4), need=5.0)
    found = {tuple(int(i) for i in r if i >= 0) for r in sets}
    # from 0: +1 -> 3, +2 -> 6; from 1: +2 (the larger) -> 4, then 0 and 3 tie at 2: the lower index -> 6;
    # from 2: +3 -> 5; from 3: +2 -> 5
    assert found == {(0, 1, 2), (2, 3)}
    assert len(sets) == len(found)  # {0, 1, 2} and {2, 3}, each found twice, count once


def test_ties_go_to_the_lowest_index_and_isolated_plots_make_no_set():
    pairs = np.array([[0, 1], [0, 2]])
    area = np.array([1.0, 2.0, 2.0, 9.0])
    sets = grow_sets(pairs, area, np.array([0, 3]), need=3.0)
    assert [tuple(int(i) for i in r if i >= 0) for r in sets] == [(0, 1)]


def test_sets_stop_at_the_most_plots_allowed():
    chain = np.array([[i, i + 1] for i in range(9)])
    assert len(grow_sets(chain, np.ones(10), np.array([0]), need=5.0, max_plots=4)) == 0
    assert len(grow_sets(chain, np.ones(10), np.array([0]), need=4.0, max_plots=4)) == 1


@pytest.mark.parametrize(("values", "land"), [
    ({"land_area_m2": "5", "land_unit": "ha"}, Decimal("50000")),  # a kept profile: raw strings in its unit
    ({"land_area_m2": "50000"}, Decimal("50000")),  # no unit kept: m²
    ({"land_area_m2": Decimal("50000"), "land_unit": "ha"}, Decimal("50000")),  # cleaned data: already m²
    ({"land_area_m2": "lots"}, None),
])
def test_needs_read_a_kept_profile_or_cleaned_data(values, land):
    assert SiteNeeds.from_values(values).land_m2 == land


def test_needs_keep_the_place_code_and_figures():
    needs = SiteNeeds.from_values({"place": "cat-lai", "max_road_km": "120", "power_mva": "20",
                                   "water_m3_day": "", "sector_code": "C26", "land_budget_usd": "1000000"})
    assert (needs.place_code, needs.max_road_km, needs.power_mva, needs.water_m3_day, needs.sector_code,
            needs.budget_usd) == ("cat-lai", Decimal("120"), Decimal("20"), None, "26", Decimal("1000000"))
    assert not SiteNeeds().stated and needs.stated
