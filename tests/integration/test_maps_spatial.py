"""The spatial service against real zone pages: containment, distance, bounding box, cache refresh."""

import numpy as np
import pytest
from shapely.geometry import Point, box

from tests.factories import square_deg, zone_index
from tests.factories_maps import make_zone
from zones import spatial

pytestmark = pytest.mark.django_db


@pytest.fixture
def zones(home_page):
    index = zone_index(home_page)
    big = make_zone(index, "Hoa Lu economic zone", box(106.50, 11.50, 106.70, 11.70))
    park = make_zone(index, "Minh Hung III", square_deg(106.55, 11.55, 0.02))
    far = make_zone(index, "Dong Xoai I", square_deg(106.90, 11.50, 0.02))
    return {"big": big, "park": park, "far": far}


def test_point_in_zone_prefers_the_smallest_containing_zone(zones):
    assert spatial.zone_id_at(106.56, 11.56) == zones["park"].pk
    assert spatial.zone_id_at(106.65, 11.65) == zones["big"].pk
    assert spatial.zone_id_at(106.91, 11.51) == zones["far"].pk
    assert spatial.zone_id_at(105.0, 10.0) is None
    assert spatial.zone_at(106.56, 11.56).title == "Minh Hung III"


def test_zones_for_points_is_vectorised_over_arrays(zones):
    lons = np.array([106.56, 106.65, 106.91, 105.0])
    lats = np.array([11.56, 11.65, 11.51, 10.0])
    ids = spatial.zones_for_points(lons, lats)
    assert ids.dtype == np.int64
    assert ids.tolist() == [zones["park"].pk, zones["big"].pk, zones["far"].pk, spatial.NO_ZONE]


def test_zones_within_measures_true_metres(zones):
    # 106.92 + 0.02 is the east edge of "far"; a point 0.01° further east at 11.51° N is ~1,090 m away.
    lon, lat = 106.93, 11.51
    near = spatial.zones_within(lon, lat, 1_200)
    assert [zone_id for zone_id, _ in near] == [zones["far"].pk]
    assert 1_080 < near[0][1] < 1_100
    assert spatial.zones_within(lon, lat, 1_000) == []
    # Inside a zone the distance is zero and it comes first.
    inside = spatial.zones_within(106.56, 11.56, 50_000)
    assert inside[0][1] == 0.0
    assert {zone_id for zone_id, _ in inside} == {zones["big"].pk, zones["park"].pk, zones["far"].pk}


def test_zones_in_bbox(zones):
    assert spatial.zones_in_bbox(106.54, 11.54, 106.58, 11.58) == [zones["park"].pk, zones["big"].pk]
    assert spatial.zones_in_bbox(106.85, 11.45, 107.0, 11.6) == [zones["far"].pk]
    assert spatial.zones_in_bbox(100.0, 0.0, 100.1, 0.1) == []


def test_index_refreshes_when_a_zone_is_unpublished_moved_or_deleted(zones):
    assert spatial.zone_id_at(106.91, 11.51) == zones["far"].pk
    zones["far"].unpublish()
    assert spatial.zone_id_at(106.91, 11.51) is None

    park = zones["park"]
    park.set_geometry(square_deg(106.30, 11.30, 0.02))
    park.save()
    assert spatial.zone_id_at(106.31, 11.31) == park.pk
    assert spatial.zone_id_at(106.56, 11.56) == zones["big"].pk

    zones["big"].delete()
    assert spatial.zone_id_at(106.65, 11.65) is None


def test_drafts_and_other_locales_are_not_indexed(home_page):
    index = zone_index(home_page)
    make_zone(index, "Draft park", square_deg(106.0, 11.0), publish=False)
    assert spatial.zone_id_at(106.005, 11.005) is None
    published = make_zone(index, "Published park", square_deg(106.2, 11.0))
    assert spatial.zone_id_at(106.205, 11.005, language="en") == published.pk
    assert spatial.zone_id_at(106.205, 11.005, language="vi") is None


def test_the_index_is_reused_until_the_version_changes(zones):
    first = spatial.zone_index("en")
    assert spatial.zone_index("en") is first
    spatial.bump_version()
    assert spatial.zone_index("en") is not first


def test_a_lost_version_entry_never_comes_back_as_an_old_version(zones):
    """Another process built its index, the cache lost the entry, then a zone changed: that index is stale."""
    from django.core.cache import cache

    cache.delete(spatial.VERSION_KEY)
    spatial.bump_version()
    version_before = spatial.current_version()
    built_before = spatial.zone_index("en")
    cache.delete(spatial.VERSION_KEY)  # evicted or flushed
    spatial.current_version()  # another process reads it and rebuilds
    spatial.bump_version()  # a zone changes
    assert spatial.current_version() != version_before
    assert spatial.zone_index("en") is not built_before


def test_zones_for_points_agrees_with_geopandas_sjoin(home_page):
    import geopandas as gpd

    index = zone_index(home_page)
    rng = np.random.default_rng(11)
    # Twelve non-overlapping discs of random size on a 4 x 3 grid, 0.1 degree apart.
    centres = [(106.45 + 0.1 * (i % 4), 11.25 + 0.1 * (i // 4)) for i in range(12)]
    geoms = [Point(x, y).buffer(rng.uniform(0.02, 0.045), quad_segs=16) for x, y in centres]
    ids = [make_zone(index, f"Random zone {i}", geom, code=f"random-{i}").pk for i, geom in enumerate(geoms)]
    lons, lats = rng.uniform(106.35, 106.85, 3_000), rng.uniform(11.15, 11.55, 3_000)

    ours = spatial.zones_for_points(lons, lats)

    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    zones = gpd.GeoDataFrame({"zone_id": ids}, geometry=geoms, crs="EPSG:4326")
    joined = gpd.sjoin(points, zones, how="left", predicate="within")
    theirs = joined["zone_id"].fillna(spatial.NO_ZONE).astype(np.int64).groupby(level=0).first().to_numpy()
    assert (ours != spatial.NO_ZONE).sum() > 500
    assert np.array_equal(ours, theirs)
