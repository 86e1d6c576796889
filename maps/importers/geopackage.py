"""GeoPackage (SQLite): may hold several layers; the editor chooses one."""

import sqlite3

import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from ..checks import StagedUpload
from .base import CURVED, FormatHandler, ReadOptions

#: Declared geometry types that can hold no curve (GEOMETRY may): such layers are read through Arrow.
STRAIGHT = {"POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"}


class GeoPackageHandler(FormatHandler):
    """An OGC GeoPackage; curved geometries (CURVEPOLYGON…) are linearised by GDAL when read."""

    format = "gpkg"
    arrow_read = False  # for a layer declared curved; a layer of straight geometries goes through Arrow

    def validate(self, staged: StagedUpload, options: ReadOptions) -> dict:
        """The layer's info, with the geometry type the GeoPackage declares (``declared_type``): GDAL reports the
        linearised one, so a layer declared curved is said to be (its features are converted).

        The file is opened by GDAL's GeoPackage driver alone (``GPKG:`` in front of its path, for the read too),
        so listing its layers is the driver check: one open instead of a listing and an info read. A file that
        driver cannot open goes through the general check, which says why."""
        source = f"GPKG:{staged.path}"
        try:
            listed = pyogrio.list_layers(source)
        except (DataSourceError, DataLayerError, OSError):
            info = super().validate(staged, options)
        else:
            types = {str(name): str(geometry_type or "") for name, geometry_type in listed}
            layer = self.choose_layer(staged, options, list(types))
            info = {"layer": layer, "geometry_type": types[layer], "driver": "GPKG", "source": source}
        info["declared_type"] = declared = self.declared_type(staged, info["layer"])
        if any(word in declared.upper() for word in CURVED):
            info["geometry_type"] = declared
        return info

    def use_arrow(self, info: dict) -> bool:
        return info["declared_type"].upper().rstrip("ZM ") in STRAIGHT

    def declared_type(self, staged: StagedUpload, layer: str) -> str:
        """The geometry type the GeoPackage declares for ``layer`` (GDAL reports the linearised one)."""
        try:
            with sqlite3.connect(f"file:{staged.path}?mode=ro", uri=True) as connection:
                row = connection.execute("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?",
                                         (layer,)).fetchone()
        except sqlite3.Error:
            return ""
        return str(row[0]) if row else ""
