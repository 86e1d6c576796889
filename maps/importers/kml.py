"""KML and KMZ (a zip with one .kml), already parsed with defusedxml by maps.checks before GDAL sees it."""

from django.utils.translation import gettext as _

from ..checks import StagedUpload
from .base import FormatHandler, LayerRead, ReadOptions


class KMLHandler(FormatHandler):
    """A KML document or a KMZ archive: one layer (KML folder) is read, always in WGS 84."""

    format = "kml"

    def can_handle(self, staged: StagedUpload) -> bool:
        return staged.format in {"kml", "kmz"}

    def adapt(self, result: LayerRead, staged: StagedUpload, options: ReadOptions) -> LayerRead:
        frame = result.frame
        if "Name" in frame.columns and "name" not in frame.columns:
            frame = frame.rename(columns={"Name": "name"})
        if frame.crs is None:
            frame = frame.set_crs(4326)
        result.frame = frame
        if options.crs_epsg and options.crs_epsg != 4326:
            result.warnings.append(_("KML is always in WGS 84 (EPSG:4326); the chosen coordinate system was "
                                     "ignored."))
            options.crs_epsg = None
        return result
