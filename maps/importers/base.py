"""The format-handler contract (after GeoNode's upload handlers) and the options a file is read with.

A handler says whether it ``can_handle`` a staged upload, ``validate``s it (the driver GDAL would use is
on the allow-list, the layer exists…) and ``read``s it into a GeoDataFrame in the file's own CRS. Handlers
never see user-supplied paths: they open ``StagedUpload.path`` from the private staging folder.
"""

import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import geopandas as gpd
import pyogrio
import pyogrio.raw
import shapely
from django.utils.translation import gettext as _
from pyogrio.errors import DataLayerError, DataSourceError

from ..checks import FORMAT_LABELS, FormatNotAllowed, GISImportError, StagedUpload

# No network access for GDAL, whatever a file contains.
pyogrio.set_gdal_config_options({
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".invalid-no-network",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
})


#: Words of the geometry types GDAL draws as straight segments when it reads them (CURVEPOLYGON, MultiSurface…).
CURVED = ("CURVE", "SURFACE", "CIRCULAR", "COMPOUND")


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
    #: The row in the file of the frame's first feature (1-based): a layer read in batches numbers on.
    first_row: int = 1


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
        """Check the driver GDAL picks is allowed for this format and return the layer's info (``layer``: its
        name; ``source``: what GDAL reads it from).

        Opening a GeoJSON file parses all of it, so a single-layer format is opened once here, not once more
        to list its layers; nor is a file whose layer the editor chose (its layers are listed only to refuse a
        layer it lacks).
        """
        layer = None if self.single_layer else options.layer or self.choose_layer(staged, options)
        try:
            info = pyogrio.read_info(staged.path, layer=layer, encoding=self.read_encoding(staged, options))
        except (DataSourceError, DataLayerError, OSError) as exc:
            if layer and layer == options.layer:
                self.choose_layer(staged, options)  # refuses a layer the file lacks, naming those it has
            raise DataRefused(_("%(name)s cannot be read as %(format)s: %(error)s") % {
                "name": staged.name, "format": FORMAT_LABELS[staged.format], "error": exc}) from exc
        if self.single_layer:
            layer = self.choose_layer(staged, options, [str(info["layer_name"])])
        elif info["layer_name"] != layer:  # GDAL also finds a layer named in another case: not the editor's
            layer = self.choose_layer(staged, options)
        if info["driver"] not in staged.allowed_drivers:
            raise FormatNotAllowed(_("%(name)s would be opened by the GDAL driver %(driver)s, which is not "
                                     "allowed.") % {"name": staged.name, "driver": info["driver"]})
        info["layer"], info["source"] = layer, staged.path
        return info

    def read_encoding(self, staged: StagedUpload, options: ReadOptions) -> str | None:
        """The encoding passed to GDAL (None: let the driver decide)."""
        return None

    def read(self, staged: StagedUpload, options: ReadOptions) -> LayerRead:
        """Read the chosen layer into one GeoDataFrame (CRS as declared by the file)."""
        return next(iter(self.read_batches(staged, options)))

    def read_batches(self, staged: StagedUpload, options: ReadOptions, batch_size: int | None = None
                     ) -> Iterator[LayerRead]:
        """The chosen layer, ``batch_size`` features at a time (None: the whole layer as one batch, even when
        empty); only the first batch carries the handler's warnings, and ``first_row`` numbers each batch's rows
        in the file. Memory stays bounded by one batch: GDAL streams the features, through Arrow where the
        format allows it, else by ``skip_features``/``max_features``."""
        encoding = self.read_encoding(staged, options)
        frames = None
        layer, geometry_type = options.layer or staged.path.stem, ""
        if self.own_driver and self.own_driver in staged.allowed_drivers:
            frames = self._own_driver_frames(staged, layer, encoding, batch_size)
        if frames is None:
            info = self.validate(staged, options)
            layer, geometry_type = info["layer"], info.get("geometry_type") or ""
            frames = self._frames(staged, info["source"], layer, encoding, batch_size, arrow=self.use_arrow(info),
                                  refuse=True)
        first_row = 1
        for frame in frames:
            result = LayerRead(frame=frame, layer=layer, geometry_type=geometry_type, first_row=first_row)
            if first_row == 1 and any(word in geometry_type.upper() for word in CURVED):
                result.warnings.append(_("Curved geometries (%(type)s) were converted to straight segments.") % {
                    "type": geometry_type})
            result = self.adapt(result, staged, options)
            if first_row != 1:
                result.warnings = []
            first_row += len(result.frame)
            yield result

    def use_arrow(self, info: dict) -> bool:
        """Whether the layer of ``info`` (from :meth:`validate`) is read through GDAL's Arrow stream (``arrow_read``
        unless the handler knows more)."""
        return self.arrow_read

    def adapt(self, result: LayerRead, staged: StagedUpload, options: ReadOptions) -> LayerRead:
        """What the format needs done to each batch read (text decoding, column names, CRS) and its warnings."""
        return result

    def _own_driver_frames(self, staged: StagedUpload, layer: str, encoding: str | None, batch_size: int | None):
        """The frames as read by ``own_driver`` alone, or None when that driver cannot read the file as expected
        (another format in disguise, another layer name…): ``validate`` then says why."""
        frames = self._frames(staged, f"{self.own_driver}:{staged.path}", layer, encoding, batch_size,
                              arrow=self.arrow_read, refuse=False)
        try:
            first = next(frames)
        except StopIteration:
            return iter(())
        except (DataSourceError, DataLayerError, OSError, ValueError):
            return None
        return self._refusing(staged, itertools.chain([first], frames))

    def _refusing(self, staged: StagedUpload, frames: Iterator[gpd.GeoDataFrame]) -> Iterator[gpd.GeoDataFrame]:
        try:
            yield from frames
        except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
            raise DataRefused(_("%(name)s cannot be read: %(error)s") % {"name": staged.name,
                                                                          "error": exc}) from exc

    def _frames(self, staged: StagedUpload, source, layer: str, encoding: str | None, batch_size: int | None, *,
                arrow: bool, refuse: bool) -> Iterator[gpd.GeoDataFrame]:
        try:
            if batch_size is None:
                yield pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                             use_arrow=arrow)
            elif arrow:
                yield from _arrow_frames(source, layer, encoding, batch_size)
            else:
                skip = 0
                while True:
                    frame = pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                                   skip_features=skip, max_features=batch_size)
                    if len(frame):
                        yield frame
                    if len(frame) < batch_size:
                        return
                    skip += batch_size
        except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
            if not refuse:
                raise
            raise DataRefused(_("%(name)s cannot be read: %(error)s") % {"name": staged.name,
                                                                          "error": exc}) from exc


def _arrow_frames(source, layer: str, encoding: str | None, batch_size: int) -> Iterator[gpd.GeoDataFrame]:
    """GeoDataFrames of ``batch_size`` features from GDAL's Arrow stream (text as read, geometry from WKB)."""
    with pyogrio.raw.open_arrow(source, layer=layer, encoding=encoding, batch_size=batch_size,
                                use_pyarrow=True) as (meta, reader):
        geometry_name = meta["geometry_name"] or "wkb_geometry"
        for batch in reader:
            frame = batch.to_pandas()
            wkb = frame.pop(geometry_name).to_numpy() if geometry_name in frame.columns else None
            geometry = shapely.from_wkb(wkb, on_invalid="ignore") if wkb is not None else [None] * len(frame)
            yield gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, index=frame.index), crs=meta["crs"])


