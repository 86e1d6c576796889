"""Helpers for the GIS import tests: a zone index under the home page, a zone with a boundary, corpus paths."""

from pathlib import Path

from shapely.geometry import box

from tests.factories import zone_index
from zones.models import ZonePage

CORPUS = Path(__file__).resolve().parent / "data" / "gis"
# The test zone of the plot files (see tests/data/gis/make_corpus.py): LON0..LON0+0.05, LAT0..LAT0+0.05.
LON0, LAT0 = 106.90, 11.50


def zone_with_boundary(home_page, code: str = "test-park", title: str = "Test park") -> ZonePage:
    """A published zone whose boundary covers the plot files of the corpus."""
    index = zone_index(home_page)
    zone = ZonePage(title=title, slug=code, code=code)
    zone.set_geometry(box(LON0, LAT0, LON0 + 0.05, LAT0 + 0.05), "EPSG:4326")
    index.add_child(instance=zone)
    zone.save_revision().publish()
    return zone


#: The layers of ``two_layer_gpkg``: two zones in WGS 84, and three in VN-2000 coordinates the file
#: mislabels as UTM zone 48N (the editor picks EPSG:9212 instead).
TWO_LAYERS = {"khu_wgs84": ["Khu A", "Khu B"], "khu_vn2000": ["Khu C", "Khu D", "Khu E"]}


def two_layer_gpkg(path: Path) -> Path:
    """A GeoPackage with the two zone layers of ``TWO_LAYERS`` (written at ``path``)."""
    import geopandas as gpd
    import pyogrio

    first = gpd.GeoDataFrame({"name": TWO_LAYERS["khu_wgs84"], "code": ["khu-a", "khu-b"]},
                             geometry=[box(LON0 + i / 50, LAT0, LON0 + i / 50 + .01, LAT0 + .01) for i in range(2)],
                             crs=4326)
    second = gpd.GeoDataFrame({"name": TWO_LAYERS["khu_vn2000"], "code": ["khu-c", "khu-d", "khu-e"]},
                              geometry=[box(574_000 + i * 3000, 1_270_000, 576_000 + i * 3000, 1_272_000)
                                        for i in range(3)], crs=32648)
    path.unlink(missing_ok=True)
    pyogrio.write_dataframe(first, path, layer="khu_wgs84", driver="GPKG")
    pyogrio.write_dataframe(second, path, layer="khu_vn2000", driver="GPKG", append=True)
    return path
