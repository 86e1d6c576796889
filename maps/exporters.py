"""Export features as GeoJSON, KML, zipped Shapefile or GeoPackage.

Frames are built from the callers' records and WGS 84 GeoJSON and written with pyogrio into a private temporary folder;
the caller gets the bytes, a content type and a file name.
"""

import io
import json
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

def features_frame(records: list[dict], geometries: list[dict | None], columns: tuple[str, ...]
                   ) -> gpd.GeoDataFrame:
    """A WGS 84 GeoDataFrame of ``records`` (dicts holding at least ``columns``; keep column names to ten
    characters for the DBF of a Shapefile) and their GeoJSON ``geometries`` (None where a record has none)."""
    data = {column: [record[column] for record in records] for column in columns}
    shapes = shapely.from_geojson([json.dumps(geometry) if geometry else None for geometry in geometries])
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(list(shapes), crs=WGS84_EPSG), crs=WGS84_EPSG)


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
