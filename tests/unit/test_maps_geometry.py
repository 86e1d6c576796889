"""maps.geometry: reprojection and vectorised checks split over the helper thread give the same results as
doing it all at once, also in a forked child (a Celery prefork worker), and areas are in square metres."""

import multiprocessing

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import CRS

from maps.geometry import STORED_DECIMALS, WGS84, area_m2, in_halves, layer_areas, reproject, rounded, true_area_factor

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


def test_coordinates_are_stored_to_nine_decimals_of_a_degree():
    exact = reproject(PLOTS, "EPSG:9212", WGS84)
    stored = reproject(PLOTS, "EPSG:9212", WGS84, STORED_DECIMALS)
    coords = shapely.get_coordinates(stored)
    assert STORED_DECIMALS == 9 and (np.round(coords, 9) == coords).all()
    assert np.abs(coords - shapely.get_coordinates(exact)).max() <= 0.5e-9  # about 0.05 mm
    assert (shapely.get_coordinates(reproject(exact, WGS84, WGS84, STORED_DECIMALS)) == coords).all()
    assert shapely.to_geojson(rounded(shapely.Point(106.123456789012, 11.5))) == (
        '{"type":"Point","coordinates":[106.123456789,11.5]}')


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


def test_a_layer_in_vn2000_tm3_keeps_the_areas_of_its_own_coordinates():
    squares = np.array([shapely.box(570_000, 1_265_000, 570_100, 1_265_100), *PLOTS[:3]])
    wgs = reproject(squares, "EPSG:9212", WGS84)
    areas = layer_areas(squares, CRS.from_epsg(9212), wgs)
    assert areas[0] == pytest.approx(10_000, abs=1e-6)
    assert areas == pytest.approx(shapely.area(squares), abs=1e-6)
    utm = np.array([area_m2(geom) for geom in wgs])
    assert not np.allclose(areas, utm, rtol=0, atol=0.01)  # a UTM zone measures a little differently…
    assert np.allclose(areas, utm, rtol=1e-3)  # …but not by more than 0.1 %
    assert [area_m2(geom, "EPSG:9212") for geom in wgs] == pytest.approx(areas, abs=1e-4)


@pytest.mark.parametrize("epsg", [4326, 4756, 3857, 32631])
def test_a_layer_in_degrees_or_a_distorting_projection_is_measured_in_utm(epsg):
    """Degrees have no area; Web Mercator is 4 % off at 11°N; UTM zone 31 is a quarter of the globe away."""
    square = shapely.box(570_000, 1_265_000, 570_100, 1_265_100)
    wgs = reproject(np.array([square]), "EPSG:9212", WGS84)
    source = reproject(wgs, WGS84, CRS.from_epsg(epsg))
    centre = shapely.centroid(wgs[0])
    assert true_area_factor(CRS.from_epsg(epsg), centre.x, centre.y) is None
    assert layer_areas(source, CRS.from_epsg(epsg), wgs)[0] == pytest.approx(area_m2(wgs[0]), rel=1e-6)


def test_areas_in_a_projection_in_feet_are_converted_to_square_metres():
    crs = CRS.from_proj4("+proj=tmerc +lat_0=0 +lon_0=106.25 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
                         "+units=us-ft +no_defs")
    square = shapely.box(570_000, 1_265_000, 570_100, 1_265_100)
    wgs = reproject(np.array([square]), "EPSG:9212", WGS84)
    in_feet = reproject(wgs, WGS84, crs)
    assert layer_areas(in_feet, crs, wgs)[0] == pytest.approx(10_000, rel=2e-4)
