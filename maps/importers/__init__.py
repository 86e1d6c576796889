"""GIS file readers: one handler per format (see README.md) and the shared processing that checks,
repairs, reprojects and measures a layer. What the features become is the caller's business (the zones app
imports zones and plots: zones/gis_import)."""

from ..checks import FormatNotAllowed, StagedUpload
from .base import FormatHandler
from .geojson import GeoJSONHandler
from .geopackage import GeoPackageHandler
from .kml import KMLHandler
from .shapefile import ShapefileHandler

HANDLERS: list[FormatHandler] = [ShapefileHandler(), GeoJSONHandler(), KMLHandler(), GeoPackageHandler()]


def handler_for(staged: StagedUpload) -> FormatHandler:
    """The handler that reads ``staged``; refuse a format no handler knows."""
    for handler in HANDLERS:
        if handler.can_handle(staged):
            return handler
    raise FormatNotAllowed(f"{staged.name}: {staged.format}")
