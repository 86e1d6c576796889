"""GIS software reads the service: GDAL's OGC API - Features driver (OAPIF, bundled with pyogrio) lists every
collection and reads every plot with its attributes, in WGS 84 and, asked for, in VN-2000 (EPSG:9212)."""

import json
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest
import shapely
from pyproj import CRS, Transformer

from api.ogc.sources import SOURCES
from zones.models import Plot

from . import ogc_data

READER = Path(__file__).with_name("oapif_reader.py")


def read(url: str, *args: str) -> dict:
    """What GDAL reads, in a process of its own (it holds the interpreter lock the live server needs)."""
    done = subprocess.run([sys.executable, str(READER), url, *args], capture_output=True, text=True, timeout=120,
                          check=True)
    return json.loads(done.stdout)


def test_pyogrio_has_the_oapif_driver():
    assert "OAPIF" in pyogrio.list_drivers()


@pytest.mark.django_db(transaction=True)
def test_gdal_reads_every_collection_and_every_plot(live_server, home_page, settings):
    settings.API_RATE_ADDRESS = "100000/m"  # one desktop client reading every layer several times over
    data = ogc_data.make(home_page)
    url = live_server.url + "/ogc/"
    plots = {plot.pk: plot for plot in Plot.objects.filter(pk__in=data.public_plot_ids)}

    wgs84 = read(url, "plots")
    assert wgs84["layers"] == list(SOURCES)
    assert CRS(wgs84["crs"]).equals(CRS("EPSG:4326"), ignore_axis_order=True)  # CRS84: WGS 84 in lon/lat order
    assert {"code", "zone", "land_use", "status", "area_ha", "src_crs"} <= set(wgs84["columns"])
    assert not {"notes", "price_override_usd", "price"} & set(wgs84["columns"])
    by_code = {(row["zone"], row["code"]): (row, wkt) for row, wkt in zip(wgs84["rows"], wgs84["geometries"],
                                                                            strict=True)}
    assert len(by_code) == len(plots)
    for plot in plots.values():
        row, wkt = by_code[(plot.zone.code, plot.code)]
        assert (row["land_use"], row["status"]) == (plot.land_use, plot.status)
        assert shapely.from_wkt(wkt).equals_exact(plot.shape, 1e-9)

    epsg4326 = read(url, "plots", "EPSG:4326")  # served in lat/lon order; GDAL gives x = longitude back
    assert CRS(epsg4326["crs"]).equals(CRS("EPSG:4326"), ignore_axis_order=True)
    assert [shapely.from_wkt(w).normalize() for w in epsg4326["geometries"]] == [
        shapely.from_wkt(w).normalize() for w in wgs84["geometries"]]

    vn2000 = read(url, "plots", "EPSG:9212")
    assert vn2000["crs"] == "EPSG:9212"
    to_vn = Transformer.from_crs("EPSG:4326", "EPSG:9212", always_xy=True)
    for row, wkt in zip(vn2000["rows"], vn2000["geometries"], strict=True):
        plot = next(p for p in plots.values() if (p.zone.code, p.code) == (row["zone"], row["code"]))
        expected = shapely.transform(plot.shape, lambda xy: list(zip(*to_vn.transform(xy[:, 0], xy[:, 1]),
                                                                     strict=True)))
        assert shapely.from_wkt(wkt).equals_exact(expected, 1e-4)

    for collection in ("zones", "projects", "infrastructure-substation", "infrastructure-road"):
        read_back = read(url, collection)
        assert read_back["rows"], collection
    assert sorted(row["code"] for row in read(url, "zones")["rows"]) == ["park-a", "park-b"]
