"""GeoPackage (SQLite): may hold several layers; the editor chooses one."""

import sqlite3

from django.utils.translation import gettext as _

from ..checks import StagedUpload
from .base import FormatHandler, LayerRead, ReadOptions

CURVED = ("CURVE", "SURFACE", "CIRCULAR", "COMPOUND")
#: Declared geometry types that can hold no curve (GEOMETRY may): such layers are read through Arrow.
STRAIGHT = {"POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"}


class GeoPackageHandler(FormatHandler):
    """An OGC GeoPackage; curved geometries (CURVEPOLYGON…) are linearised by GDAL when read."""

    format = "gpkg"
    arrow_read = False  # for a layer declared curved; a layer of straight geometries goes through Arrow

    def use_arrow(self, staged: StagedUpload, layer: str) -> bool:
        return self.declared_type(staged, layer).upper().rstrip("ZM ") in STRAIGHT

    def declared_type(self, staged: StagedUpload, layer: str) -> str:
        """The geometry type the GeoPackage declares for ``layer`` (GDAL reports the linearised one)."""
        try:
            with sqlite3.connect(f"file:{staged.path}?mode=ro", uri=True) as connection:
                row = connection.execute("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?",
                                         (layer,)).fetchone()
        except sqlite3.Error:
            return ""
        return str(row[0]) if row else ""

    def adapt(self, result: LayerRead, staged: StagedUpload, options: ReadOptions) -> LayerRead:
        if result.first_row != 1:
            return result
        declared = self.declared_type(staged, result.layer)
        if any(word in declared.upper() for word in CURVED):
            result.warnings.append(_("Curved geometries (%(type)s) were converted to straight segments.") % {
                "type": declared})
        return result
