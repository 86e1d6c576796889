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
