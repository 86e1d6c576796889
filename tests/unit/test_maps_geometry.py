"""maps.geometry: reprojection and vectorised checks split over the helper thread give the same results as
doing it all at once, also in a forked child (a Celery prefork worker), and areas are in square metres."""

import multiprocessing

import geopandas as gpd
import numpy as np
import pytest
import shapely

from maps.geometry import WGS84, area_m2, in_halves, reproject

# 3,000 twelve-sided plots in VN-2000 / TM-3 106°15' (EPSG:9212): 39,000 coordinates, enough for both halves.
_ANGLES = np.linspace(0, 2 * np.pi, 12, endpoint=False)
_CENTRES = np.stack(np.meshgrid(570_000 + 50.0 * np.arange(60), 1_265_000 + 50.0 * np.arange(50)), -1).reshape(-1, 2)
_RINGS = _CENTRES[:, None, :] + 20 * np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], -1)[None]
PLOTS = shapely.polygons(np.concatenate([_RINGS, _RINGS[:, :1]], axis=1))


def test_reproject_matches_geopandas_to_crs():
    ours = reproject(PLOTS, "EPSG:9212", WGS84)
    expected = gpd.GeoSeries(PLOTS, crs="EPSG:9212").to_crs(WGS84).to_numpy()
    assert len(ours) == len(PLOTS) > 2_000
    assert shapely.equals_exact(ours, expected, tolerance=1e-12).all()
    assert reproject(ours, WGS84, WGS84) is not ours  # same CRS: a copy, never the caller's array


def test_in_halves_is_the_same_as_one_call():
    broken = PLOTS.copy()
    broken[1234] = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # a bow-tie: invalid
    assert (in_halves(shapely.is_valid, broken) == shapely.is_valid(broken)).all()
    assert not in_halves(shapely.is_valid, broken)[1234]


def _in_child(queue):
    wgs = reproject(PLOTS, "EPSG:9212", WGS84)
    queue.put((bool(in_halves(shapely.is_valid, wgs).all()), float(shapely.area(wgs).sum())))


def test_a_forked_worker_makes_its_own_helper_thread():
    in_halves(shapely.is_valid, PLOTS)  # the parent's helper thread exists before the fork
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_in_child, args=(queue,))
    child.start()
    child.join(timeout=60)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child hung on the helper thread it inherited")
    assert child.exitcode == 0
    valid, area = queue.get(timeout=5)
    assert valid and area == pytest.approx(float(shapely.area(reproject(PLOTS, "EPSG:9212", WGS84)).sum()))


def test_area_is_measured_in_square_metres():
    square = shapely.box(570_000, 1_265_000, 570_100, 1_265_100)  # 1 ha in EPSG:9212
    wgs = reproject(np.array([square]), "EPSG:9212", WGS84)[0]
    assert area_m2(wgs) == pytest.approx(10_000, rel=2e-3)  # UTM and TM-3 scale factors differ by < 0.1 %
