"""GeoPackage (SQLite): may hold several layers; the editor chooses one."""

from .base import FormatHandler


class GeoPackageHandler(FormatHandler):
    """An OGC GeoPackage; curved geometries (CURVEPOLYGON…) are linearised by GDAL when read."""

    format = "gpkg"
