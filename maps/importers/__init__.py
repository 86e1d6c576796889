"""GIS file importers: one handler per format (see README.md), the shared processing pipeline and the
services that preview and save an import."""

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
