"""Zipped ESRI Shapefiles, including legacy DBF encodings (cp1258, TCVN3-era files without ``.cpg``).

GDAL's own recoding does not know every Windows code page, so the DBF is read byte-for-byte as
ISO-8859-1 and decoded in pandas with the chosen (or detected) Python codec.
"""

import codecs
from collections.abc import Iterator

import geopandas as gpd
import pandas as pd
from django.utils.translation import gettext as _

from ..checks import StagedUpload
from .base import DataRefused, FormatHandler, LayerRead, ReadOptions

DEFAULT_LEGACY_ENCODING = "cp1258"
CPG_ALIASES = {"1258": "cp1258", "ansi 1258": "cp1258", "65001": "utf-8", "utf8": "utf-8", "1252": "cp1252",
               "ansi 1252": "cp1252", "88591": "latin-1", "iso88591": "latin-1", "874": "cp874"}


def codec_name(label: str) -> str | None:
    """A Python codec for an encoding label (``CP1258``, ``UTF-8``, ``1258``…), or None if unknown."""
    cleaned = label.strip().lower()
    cleaned = CPG_ALIASES.get(cleaned.replace("-", "").replace("_", ""), CPG_ALIASES.get(cleaned, cleaned))
    try:
        return codecs.lookup(cleaned).name
    except LookupError:
        return None


class ShapefileHandler(FormatHandler):
    """A zipped Shapefile (.shp, .shx, .dbf, optional .prj and .cpg)."""

    format = "shapefile"
    single_layer = True

    def detect_encoding(self, staged: StagedUpload, options: ReadOptions) -> tuple[str, str | None]:
        """The Python codec for the DBF text and a note saying how it was chosen (None: nothing to say)."""
        if options.encoding:
            codec = codec_name(options.encoding)
            if codec is None:
                raise DataRefused(_("Unknown text encoding %(encoding)s.") % {"encoding": options.encoding})
            return codec, None
        cpg = staged.path.with_suffix(".cpg")
        if not cpg.exists():
            cpg = next((p for p in staged.path.parent.iterdir() if p.suffix.lower() == ".cpg"), cpg)
        if cpg.exists():
            codec = codec_name(cpg.read_text("ascii", errors="replace"))
            if codec:
                return codec, None
        dbf = next((p for p in staged.path.parent.iterdir() if p.suffix.lower() == ".dbf"), None)
        raw = dbf.read_bytes() if dbf else b""
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return DEFAULT_LEGACY_ENCODING, _(
                "The file does not say how its text is encoded (no .cpg); it was read as %(encoding)s. "
                "Choose another encoding if names look wrong.") % {"encoding": DEFAULT_LEGACY_ENCODING}
        return "utf-8", None

    def read_encoding(self, staged: StagedUpload, options: ReadOptions) -> str | None:
        codec, _note = self.detect_encoding(staged, options)
        return "UTF-8" if codec == "utf-8" else "ISO-8859-1"

    def read_batches(self, staged: StagedUpload, options: ReadOptions, batch_size: int | None = None
                     ) -> Iterator[LayerRead]:
        codec, note = self.detect_encoding(staged, options)
        for result in super().read_batches(staged, options, batch_size):
            if note and result.first_row == 1:
                result.warnings.append(note)
            if codec != "utf-8":
                result.frame = _decode_text(result.frame, codec)
            yield result


def _decode_text(frame: gpd.GeoDataFrame, codec: str) -> gpd.GeoDataFrame:
    """Re-decode text read as ISO-8859-1 bytes with ``codec`` (column names too), NFC-normalised."""
    geometry = frame.geometry.name

    def fix(text: str) -> str:
        return codecs.decode(text.encode("latin-1"), codec, errors="replace")

    renamed = {column: fix(column) for column in frame.columns if column != geometry}
    for column in frame.columns:
        if column != geometry and (frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])):
            values = frame[column]
            mask = values.map(lambda value: isinstance(value, str))
            if mask.any():
                frame.loc[mask, column] = (values[mask].str.encode("latin-1")
                                           .str.decode(codec, errors="replace").str.normalize("NFC"))
    return frame.rename(columns=renamed)
