"""From a staged GIS file to zones or plots ready to save: which column holds the name, the code, the land
use and the status (common English and Vietnamese names, or the editor's choice), file values mapped to our
codes (labels and Vietnamese synonyms), duplicate codes refused, plots checked against their zone."""

from collections.abc import Iterator

import geopandas as gpd
import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maps.checks import StagedUpload
from maps.importers import handler_for
from maps.importers.base import DataRefused, LayerRead
from maps.importers.mapping import detect_columns, map_values, value_lookup
from maps.importers.processing import (
    MAX_LISTED,
    CodeRegister,
    LayerPreparer,
    PreparedLayer,
    describe_rows,
    outside,
)

from ..choices import LandUse, PlotStatus
from ..models import ImportTarget, ZoneIndexPage, ZonePage
from .infrastructure import infrastructure_preparer
from .options import ImportOptions

FIELD_CANDIDATES = {
    "name": ["name", "ten", "ten_kcn", "tenkcn", "ten_khu", "zone_name", "title", "ten_lo"],
    "code": ["code", "ma", "ma_lo", "malo", "plot_code", "so_lo", "solo", "ky_hieu", "kyhieu", "ma_kcn", "id"],
    "land_use": ["land_use", "landuse", "loai_dat", "loaidat", "mdsd", "muc_dich", "use"],
    "status": ["status", "trang_thai", "trangthai", "tinh_trang", "tinhtrang"],
}

SYNONYMS = {
    "land_use": {
        LandUse.INDUSTRIAL: ["cn", "skc", "cong nghiep", "dat cong nghiep", "dat cn", "nha may", "factory"],
        LandUse.WAREHOUSE: ["kho", "kho bai", "kho tang", "logistics"],
        LandUse.SERVICES: ["dv", "tmd", "dich vu", "thuong mai dich vu", "dat dich vu", "service"],
        LandUse.GREEN: ["cx", "cay xanh", "dat cay xanh", "mat nuoc", "green space", "park"],
        LandUse.UTILITIES: ["htkt", "ha tang", "ha tang ky thuat", "dau moi ha tang", "utility"],
        LandUse.ROADS: ["gt", "giao thong", "duong", "dat giao thong", "road"],
    },
    "status": {
        PlotStatus.AVAILABLE: ["trong", "con trong", "chua cho thue", "chua thue", "san sang", "free", "vacant"],
        PlotStatus.RESERVED: ["dat coc", "da dat coc", "giu cho", "dang dam phan", "booked"],
        PlotStatus.LEASED: ["da thue", "da cho thue", "cho thue", "da ky hop dong", "occupied", "rented"],
    },
}
CHOICES = {"land_use": LandUse, "status": PlotStatus}
DEFAULTS = {"land_use": LandUse.INDUSTRIAL, "status": PlotStatus.AVAILABLE}
FIELD_LABELS = {"land_use": "land use", "status": "status"}


def layers_of(staged: StagedUpload) -> list[str]:
    """The layer names of a staged upload (for the layer choice on the form)."""
    return handler_for(staged).layers(staged)


def target_zone(options: ImportOptions) -> ZonePage | None:
    """The zone whose plots are imported (None when importing zones); refuses a missing zone."""
    if options.target != ImportTarget.PLOTS:
        return None
    zone = ZonePage.objects.filter(pk=options.zone_id).first() if options.zone_id else None
    if zone is None:
        raise DataRefused(_("Choose the zone the plots belong to."))
    return zone


def target_index(options: ImportOptions) -> ZoneIndexPage:
    """The zone index page new zones go under: the editor's choice, else the default language's first."""
    index = (ZoneIndexPage.objects.filter(pk=options.index_id).first() if options.index_id
             else ZoneIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
             or ZoneIndexPage.objects.first())
    if index is None:
        raise DataRefused(_("There is no zone index page to add zones to; create one first."))
    return index


def read_and_prepare(staged: StagedUpload, options: ImportOptions) -> PreparedLayer:
    """Read the staged file with its format handler, check and convert every feature and turn the mapped
    columns into zone, plot or infrastructure attributes: the whole layer at once (the preview shows it)."""
    layer = PreparedBatches(staged, options, batch_size=None)
    frames = [batch.frame for batch in layer]
    summary = layer.summary
    summary.frame = frames[0] if len(frames) == 1 else gpd.GeoDataFrame(pd.concat(frames, ignore_index=True))
    return summary


class PreparedBatches:
    """The staged file read, checked and converted ``batch_size`` features at a time (None: all at once):
    iterating yields each batch's features as a :class:`PreparedLayer` (checked against the batches before it:
    duplicate codes), then :attr:`summary` holds the layer's counts, repairs and warnings. A problem anywhere
    raises :class:`DataRefused` while iterating, so a caller saving each batch in one transaction saves none.
    ``zone``: the plots' zone (:func:`target_zone`), when the caller has it already."""

    def __init__(self, staged: StagedUpload, options: ImportOptions, batch_size: int | None,
                 zone: ZonePage | None = None):
        self.staged, self.options, self.batch_size = staged, options, batch_size
        self.zone = zone
        self.summary: PreparedLayer | None = None

    def __iter__(self) -> Iterator[PreparedLayer]:
        staged, options, name = self.staged, self.options, self.staged.name
        preparer = register = attributes = None
        for read in handler_for(staged).read_batches(staged, options, self.batch_size):
            if preparer is None:
                preparer, attributes, what = self._start(read)
                register = CodeRegister(name, what)
            prepared = preparer.add(read)
            if len(prepared.frame):
                attributes(prepared, register)
                yield prepared
        if preparer is None:  # nothing read at all: the layer is empty
            raise DataRefused(_("%(name)s: the layer %(layer)s is empty (no features).") % {
                "name": name, "layer": options.layer or staged.path.stem})
        self.summary = preparer.finish()

    def _start(self, read: LayerRead):
        """The preparer, the per-batch attribute step and the feature's name, learnt from the first batch."""
        options, name = self.options, self.staged.name
        if options.target == ImportTarget.INFRASTRUCTURE:
            preparer, attributes = infrastructure_preparer(read, options, name)
            return preparer, attributes, _("infrastructure")
        columns = [column for column in read.frame.columns if column != read.frame.geometry.name]
        mapped = detect_columns(columns, options.columns, FIELD_CANDIDATES)
        plots = options.target == ImportTarget.PLOTS
        what = _("plot") if plots else _("zone")
        preparer = LayerPreparer(options, name, mapped, what=what)
        if not plots:
            return preparer, lambda prepared, register: _zone_attributes(prepared, name, register), what
        zone, first = self.zone or target_zone(options), [True]
        boundary = zone.shape

        def plot_attributes(prepared: PreparedLayer, register: CodeRegister) -> None:
            _plot_attributes(prepared, options, name, register, warn=first[0])
            _check_inside(prepared, zone, boundary, name, warn=first[0])
            first[0] = False

        return preparer, plot_attributes, what


def _text(frame: gpd.GeoDataFrame, field_name: str) -> np.ndarray:
    return frame[field_name].fillna("").astype(str).str.strip().to_numpy()


def _zone_attributes(prepared: PreparedLayer, name: str, register: CodeRegister) -> None:
    result = prepared.frame
    if "name" not in prepared.mapped_columns:
        raise DataRefused(_("%(name)s: choose the column that holds the zone names (columns: %(list)s).") % {
            "name": name, "list": ", ".join(prepared.columns)})
    names = _text(result, "name")
    if (names == "").any():
        raise DataRefused(_("%(name)s: rows %(rows)s have no zone name.") % {
            "name": name, "rows": describe_rows(result["row"].to_numpy()[names == ""])})
    result["name"] = names
    source = _text(result, "code") if "code" in prepared.mapped_columns else names
    result["code"] = [slugify(value)[:40] or slugify(n)[:40] for value, n in zip(source, names, strict=True)]
    register.add(result)


def _plot_attributes(prepared: PreparedLayer, options: ImportOptions, name: str, register: CodeRegister, *,
                     warn: bool = True) -> None:
    result = prepared.frame
    if "code" not in prepared.mapped_columns:
        raise DataRefused(_("%(name)s: choose the column that holds the plot codes (columns: %(list)s).") % {
            "name": name, "list": ", ".join(prepared.columns)})
    rows = result["row"].to_numpy()
    codes = result["code"].fillna("").astype(str).str.strip()  # whole-column text operations, no row loop
    blank = (codes == "").to_numpy()
    if blank.any():
        raise DataRefused(_("%(name)s: rows %(rows)s have no plot code.") % {
            "name": name, "rows": describe_rows(rows[blank])})
    result["code"] = result["name"] = codes.str.slice(0, 40).array
    register.add(result)
    for field_name, choices in CHOICES.items():
        default = DEFAULTS[field_name]
        if field_name in prepared.mapped_columns:
            lookup = value_lookup(choices.choices, SYNONYMS[field_name], options.value_map)
            result[field_name] = map_values(result[field_name].reset_index(drop=True), lookup, rows, str(default),
                                            field_label=FIELD_LABELS[field_name],
                                            example_code=choices.values[0]).array
        else:
            result[field_name] = str(default)
            if not warn:
                continue
            prepared.warnings.append(_("No %(field)s column: every plot gets %(default)s.") % {
                "field": field_name.replace("_", " "), "default": default.label})


def _check_inside(prepared: PreparedLayer, zone: ZonePage, boundary, name: str, *, warn: bool = True) -> None:
    """Refuse the layer when plots lie (mostly) outside the zone ``boundary`` (the zone's shape)."""
    if boundary is None:
        if warn:
            prepared.warnings.append(_("The zone %(zone)s has no boundary, so plots were not checked against "
                                       "it.") % {"zone": zone.title})
        return
    away = outside(prepared.frame, boundary)
    if away.any():
        raise DataRefused(_("%(name)s: plots %(codes)s lie outside the zone %(zone)s.") % {
            "name": name, "codes": ", ".join(prepared.frame["code"][away].iloc[:MAX_LISTED]), "zone": zone.title})
