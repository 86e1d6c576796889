"""maps.spatial knows no zone: an AreaIndex is built from the caller's (id, GeoJSON) rows and rebuilt in every
process when the caller invalidates it."""

import json

import pytest
from shapely.geometry import box, mapping

from maps.spatial import NO_AREA, AreaIndex, AreaIndexes


def rows(*areas):
    return [(area_id, json.dumps(mapping(geom))) for area_id, geom in areas]


def test_the_smallest_containing_area_wins_and_distances_are_in_metres():
    index = AreaIndex.build(rows((1, box(0, 0, 1, 1)), (2, box(0.4, 0.4, 0.6, 0.6))))
    assert index.containing([0.5, 0.1, 5.0], [0.5, 0.1, 5.0]).tolist() == [2, 1, NO_AREA]
    near = index.within(1.001, 0.5, 200)
    assert [area_id for area_id, _metres in near] == [1] and 100 < near[0][1] < 120
    assert index.in_bbox(0.45, 0.45, 0.46, 0.46) == [2, 1]
    assert AreaIndex.build([]).containing([0.5], [0.5]).tolist() == [NO_AREA]


@pytest.mark.django_db
def test_indexes_are_kept_until_invalidated():
    loads = []

    def load(key):
        loads.append(key)
        return rows((7, box(0, 0, 1, 1)))

    indexes = AreaIndexes("tests:area-index:version", load)
    first = indexes.get("en")
    assert indexes.get("en") is first and loads == ["en"]
    indexes.invalidate()
    assert indexes.get("en") is not first and loads == ["en", "en"]
