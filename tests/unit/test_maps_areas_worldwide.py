"""Areas are right anywhere on Earth: within 0.1 % of the geodesic figure for every feature of a wide layer."""

import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod

from maps.crs import looks_projected
from maps.geometry import area_m2, layer_areas

GEOD = Geod(ellps="WGS84")


def geodesic(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0])


def world_layer() -> np.ndarray:
    """Countries-like shapes from the equator to the poles, tiny to continental, with a ring crossing 180°'s
    neighbourhood: one layer, as a world file brings them."""
    rng = np.random.default_rng(7)
    shapes = [shapely.box(-10, 35, 30, 70), shapely.box(100, -45, 155, -10), shapely.box(-180, 60, -140, 72),
              shapely.box(170, -50, 180, -30), shapely.box(-75, -56, -66, 12), shapely.box(10, 80, 30, 85)]
    centres = shapely.points(rng.uniform(-179, 179, 200), rng.uniform(-85, 85, 200))
    shapes += list(shapely.buffer(centres, rng.uniform(0.001, 3, 200), quad_segs=4))
    return np.array(shapes, dtype=object)


def test_every_feature_of_a_world_layer_is_within_a_thousandth_of_its_geodesic_area():
    layer = world_layer()
    areas = layer_areas(layer, CRS.from_epsg(4326), layer)
    expected = np.array([geodesic(g) for g in layer])
    assert np.all(np.isfinite(areas))
    assert np.max(np.abs(areas - expected) / expected) < 1e-3


def test_a_web_mercator_world_layer_is_measured_on_the_ellipsoid():
    from pyproj import Transformer

    layer = world_layer()[:6]
    to_mercator = Transformer.from_crs(4326, 3857, always_xy=True)
    projected = shapely.transform(layer, lambda xy: np.column_stack(to_mercator.transform(xy[:, 0], xy[:, 1])))
    areas = layer_areas(projected, CRS.from_epsg(3857), layer)
    expected = np.array([geodesic(g) for g in layer])
    assert np.max(np.abs(areas - expected) / expected) < 1e-3


def test_one_geometry_far_from_vietnam_is_measured_right():
    norway = shapely.box(5, 58, 30, 71)
    assert area_m2(norway, "EPSG:4326") == pytest.approx(geodesic(norway), rel=1e-3)
    # A UTM zone named as source CRS is true to area only near its meridian: not for 25° of longitude.
    assert area_m2(norway, "EPSG:32633") == pytest.approx(geodesic(norway), rel=1e-3)


def test_a_vn2000_plan_keeps_its_cadastral_areas():
    from pyproj import Transformer

    to_wgs = Transformer.from_crs(9212, 4326, always_xy=True)
    square = shapely.box(500_000, 1_300_000, 502_000, 1_302_000)  # 2 km in EPSG:9212
    wgs = shapely.transform(square, lambda xy: np.column_stack(to_wgs.transform(xy[:, 0], xy[:, 1])))
    assert area_m2(wgs, "EPSG:9212") == pytest.approx(4_000_000, rel=1e-8)


@pytest.mark.parametrize("bounds", [(-180.00000000000006, -90, 180.00000000000006, 83.6),
                                    (-180, -90.0000000001, 180, 90.0000000001)])
def test_floating_point_noise_past_180_is_still_degrees(bounds):
    assert not looks_projected(bounds)


def test_metres_are_not_degrees():
    assert looks_projected((500_000, 1_300_000, 502_000, 1_302_000))
    assert looks_projected((-180.5, 0, 0, 10))
