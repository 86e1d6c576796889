"""The format-handler contract (after GeoNode's upload handlers) and the options a file is read with.

A handler says whether it ``can_handle`` a staged upload, ``validate``s it (the driver GDAL would use is
on the allow-list, the layer exists…) and ``read``s it into a GeoDataFrame in the file's own CRS. Handlers
never see user-supplied paths: they open ``StagedUpload.path`` from the private staging folder.
"""

import copy
from dataclasses import dataclass, field

import geopandas as gpd
import pyogrio
from django.utils.translation import gettext as _
from pyogrio.errors import DataLayerError, DataSourceError

from ..checks import FORMAT_LABELS, FormatNotAllowed, GISImportError, StagedUpload

# No network access for GDAL, whatever a file contains.
pyogrio.set_gdal_config_options({
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".invalid-no-network",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
})


class DataRefused(GISImportError):
    """The file opened but its content cannot be imported (CRS, geometry types, attributes…)."""

    code = "data_refused"


class CRSRequired(DataRefused):
    """The file declares no CRS; the editor must choose one."""

    code = "crs_required"


class LayerRequired(DataRefused):
    """The file holds several layers; the editor must choose one."""

    code = "layer_required"


@dataclass
class ReadOptions:
    """How to read a file: the coordinate system (EPSG code) overriding the file's, the text encoding and the
    layer. Callers extend it with their own choices (see ``to_json``/``from_json``)."""

    crs_epsg: int | None = None
    encoding: str = ""
    layer: str = ""

    def to_json(self) -> dict:
        """The options as JSON-ready data (every dataclass field)."""
        return {name: copy.deepcopy(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict):
        """Options from ``to_json`` data; unknown keys are ignored."""
        return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})


@dataclass
class LayerRead:
    """A layer as read from the file, still in its own CRS, with what the handler noticed."""

    frame: gpd.GeoDataFrame
    layer: str
    geometry_type: str = ""
    warnings: list[str] = field(default_factory=list)


class FormatHandler:
    """One file format. Subclasses set ``format`` and may override the hooks; defaults fit GDAL vectors."""

    format: str = ""
    #: The format holds exactly one layer (GDAL names it), so it is learnt from the driver check's own open.
    single_layer: bool = False
    #: Read through GDAL's Arrow stream (faster); False where GDAL must linearise curved geometries.
    arrow_read: bool = True
    #: The GDAL driver that may be named in front of the path (``GeoJSON:``) so that no other driver opens
    #: the file: the layer is then read in one pass, without a first open to check the driver.
    own_driver: str = ""

    def can_handle(self, staged: StagedUpload) -> bool:
        """True when this handler reads ``staged`` (decided by the content-typed staging, not the name)."""
        return staged.format == self.format

    def layers(self, staged: StagedUpload) -> list[str]:
        """The layer names in the file."""
        try:
            return [str(name) for name, _geometry_type in pyogrio.list_layers(staged.path)]
        except (DataSourceError, DataLayerError, OSError) as exc:
            raise DataRefused(_("%(name)s cannot be read as %(format)s: %(error)s") % {
                "name": staged.name, "format": FORMAT_LABELS[staged.format], "error": exc}) from exc

    def choose_layer(self, staged: StagedUpload, options: ReadOptions, names: list[str] | None = None) -> str:
        """The layer to read: the editor's choice, or the only one (``names``: the layers, if already known)."""
        if names is None:
            names = self.layers(staged)
        if options.layer:
            if options.layer not in names:
                raise LayerRequired(_("%(name)s has no layer %(layer)s; its layers are: %(list)s.") % {
                    "name": staged.name, "layer": options.layer, "list": ", ".join(names)})
            return options.layer
        if not names:
            raise DataRefused(_("%(name)s contains no layer.") % {"name": staged.name})
        if len(names) > 1:
            raise LayerRequired(_("%(name)s contains %(count)d layers (%(list)s); choose one.") % {
                "name": staged.name, "count": len(names), "list": ", ".join(names)})
        return names[0]

    def validate(self, staged: StagedUpload, options: ReadOptions) -> dict:
        """Check the driver GDAL picks is allowed for this format and return the layer's info.

        Opening a GeoJSON file parses all of it, so a single-layer format is opened once here, not once more
        to list its layers.
        """
        layer = None if self.single_layer else self.choose_layer(staged, options)
        try:
            info = pyogrio.read_info(staged.path, layer=layer, encoding=self.read_encoding(staged, options))
        except (DataSourceError, DataLayerError, OSError) as exc:
            raise DataRefused(_("%(name)s cannot be read as %(format)s: %(error)s") % {
                "name": staged.name, "format": FORMAT_LABELS[staged.format], "error": exc}) from exc
        if self.single_layer:
            layer = self.choose_layer(staged, options, [str(info["layer_name"])])
        if info["driver"] not in staged.allowed_drivers:
            raise FormatNotAllowed(_("%(name)s would be opened by the GDAL driver %(driver)s, which is not "
                                     "allowed.") % {"name": staged.name, "driver": info["driver"]})
        info["layer"] = layer
        return info

    def read_encoding(self, staged: StagedUpload, options: ReadOptions) -> str | None:
        """The encoding passed to GDAL (None: let the driver decide)."""
        return None

    def read(self, staged: StagedUpload, options: ReadOptions) -> LayerRead:
        """Read the chosen layer into a GeoDataFrame (CRS as declared by the file)."""
        result = self.read_with_own_driver(staged, options)
        if result is None:
            info = self.validate(staged, options)
            frame = self.read_frame(staged, info["layer"], self.read_encoding(staged, options))
            result = LayerRead(frame=frame, layer=info["layer"], geometry_type=info.get("geometry_type") or "")
        if any(word in result.geometry_type for word in ("Curve", "Surface", "Circular", "Compound")):
            result.warnings.append(_("Curved geometries (%(type)s) were converted to straight segments.") % {
                "type": result.geometry_type})
        return result

    def read_with_own_driver(self, staged: StagedUpload, options: ReadOptions) -> LayerRead | None:
        """The layer as read by ``own_driver`` alone, or None when that driver cannot read it as expected
        (another format in disguise, another layer name…): ``validate`` then says why."""
        if not self.own_driver or self.own_driver not in staged.allowed_drivers:
            return None
        layer = options.layer or staged.path.stem  # GDAL names it after the file unless the file names it
        try:
            frame = pyogrio.read_dataframe(f"{self.own_driver}:{staged.path}", layer=layer,
                                           encoding=self.read_encoding(staged, options), on_invalid="ignore",
                                           use_arrow=self.arrow_read)
        except (DataSourceError, DataLayerError, OSError, ValueError):
            return None
        return LayerRead(frame=frame, layer=layer)

    def read_frame(self, staged: StagedUpload, layer: str, encoding: str | None) -> gpd.GeoDataFrame:
        try:
            return pyogrio.read_dataframe(staged.path, layer=layer, encoding=encoding, on_invalid="ignore",
                                          use_arrow=self.arrow_read)
        except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
            raise DataRefused(_("%(name)s cannot be read: %(error)s") % {"name": staged.name,
                                                                          "error": exc}) from exc
