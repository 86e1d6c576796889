"""Export zones and plots as GeoJSON, KML, zipped Shapefile or GeoPackage (public fields only).

Frames are built from the stored WGS 84 GeoJSON and written with pyogrio into a private temporary folder;
the caller gets the bytes, a content type and a file name.
"""

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from django.utils.text import slugify

from .crs import WGS84_EPSG


@dataclass(frozen=True)
class ExportFormat:
    """An output format: GDAL driver, file extension and HTTP content type."""

    key: str
    label: str
    driver: str
    extension: str
    content_type: str


FORMATS = {
    "geojson": ExportFormat("geojson", "GeoJSON", "GeoJSON", "geojson", "application/geo+json"),
    "kml": ExportFormat("kml", "KML", "KML", "kml", "application/vnd.google-earth.kml+xml"),
    "shp": ExportFormat("shp", "Shapefile (zip)", "ESRI Shapefile", "zip", "application/zip"),
    "gpkg": ExportFormat("gpkg", "GeoPackage", "GPKG", "gpkg", "application/geopackage+sqlite3"),
}

#: Public columns (≤ 10 characters, for the DBF of a Shapefile).
ZONE_COLUMNS = ("code", "name", "kind", "status", "area_ha", "src_crs")
PLOT_COLUMNS = ("code", "zone", "land_use", "status", "area_ha", "src_crs")


def _frame(records: list[dict], geometries: list, columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    data = {column: [record[column] for record in records] for column in columns}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometries, crs=WGS84_EPSG), crs=WGS84_EPSG)


def _shapes(objects) -> list:
    texts = [None if obj.geometry is None else obj.geometry for obj in objects]
    import json

    return list(shapely.from_geojson([json.dumps(text) if text else None for text in texts]))


def _area_ha(obj) -> float | None:
    return None if obj.area_m2 is None else round(obj.area_m2 / 10_000, 4)


def zones_frame(zones) -> gpd.GeoDataFrame:
    """The public fields of ``zones`` (ZonePage objects) as a WGS 84 GeoDataFrame."""
    zones = list(zones)
    records = [{"code": zone.code, "name": zone.title, "kind": zone.kind, "status": zone.status,
                "area_ha": _area_ha(zone), "src_crs": zone.source_crs} for zone in zones]
    return _frame(records, _shapes(zones), ZONE_COLUMNS)


def plots_frame(zone, plots) -> gpd.GeoDataFrame:
    """The public fields of a zone's plots (no notes, no price overrides) as a WGS 84 GeoDataFrame."""
    plots = list(plots)
    records = [{"code": plot.code, "zone": zone.code, "land_use": plot.land_use, "status": plot.status,
                "area_ha": _area_ha(plot), "src_crs": plot.source_crs} for plot in plots]
    return _frame(records, _shapes(plots), PLOT_COLUMNS)


def export_frame(frame: gpd.GeoDataFrame, fmt: str, name: str) -> tuple[bytes, ExportFormat, str]:
    """Write ``frame`` in format ``fmt``; returns (content, format, download file name)."""
    spec = FORMATS[fmt]
    layer = slugify(name).replace("-", "_") or "layer"
    with tempfile.TemporaryDirectory(prefix="gis-export-") as folder:
        base = Path(folder)
        if fmt == "shp":
            target = base / f"{layer}.shp"
            pyogrio.write_dataframe(frame, target, driver=spec.driver, encoding="UTF-8",
                                    geometry_type="MultiPolygon" if len(frame) else "Polygon",
                                    promote_to_multi=True)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for part in sorted(base.iterdir()):
                    archive.write(part, part.name)
            content = buffer.getvalue()
        else:
            target = base / f"{layer}.{spec.extension}"
            kwargs = {"layer": layer} if fmt in {"gpkg", "kml"} else {}
            pyogrio.write_dataframe(frame, target, driver=spec.driver, **kwargs)
            content = target.read_bytes()
    return content, spec, f"{layer}.{spec.extension}"
