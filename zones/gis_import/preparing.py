"""From a staged GIS file to zones or plots ready to save: which column holds the name, the code, the land
use and the status (common English and Vietnamese names, or the editor's choice), file values mapped to our
codes (labels and Vietnamese synonyms), duplicate codes refused, plots checked against their zone."""

import geopandas as gpd
import numpy as np
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maps.checks import StagedUpload
from maps.importers import handler_for
from maps.importers.base import DataRefused
from maps.importers.mapping import detect_columns, map_values, value_lookup
from maps.importers.processing import (
    MAX_LISTED,
    PreparedLayer,
    describe_rows,
    outside,
    prepare_layer,
    refuse_duplicate_codes,
)

from ..choices import LandUse, PlotStatus
from ..models import ImportTarget, ZoneIndexPage, ZonePage
from .infrastructure import prepare_infrastructure
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
    columns into zone, plot or infrastructure attributes."""
    read = handler_for(staged).read(staged, options)
    if options.target == ImportTarget.INFRASTRUCTURE:
        return prepare_infrastructure(read, options, staged.name)
    columns = [column for column in read.frame.columns if column != read.frame.geometry.name]
    mapped = detect_columns(columns, options.columns, FIELD_CANDIDATES)
    plots = options.target == ImportTarget.PLOTS
    prepared = prepare_layer(read, options, staged.name, mapped, what=_("plot") if plots else _("zone"))
    if plots:
        _plot_attributes(prepared, options, staged.name)
        _check_inside(prepared, target_zone(options), staged.name)
    else:
        _zone_attributes(prepared, staged.name)
    return prepared


def _text(frame: gpd.GeoDataFrame, field_name: str) -> np.ndarray:
    return frame[field_name].fillna("").astype(str).str.strip().to_numpy()


def _zone_attributes(prepared: PreparedLayer, name: str) -> None:
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
    refuse_duplicate_codes(result, name, _("zone"))


def _plot_attributes(prepared: PreparedLayer, options: ImportOptions, name: str) -> None:
    result = prepared.frame
    if "code" not in prepared.mapped_columns:
        raise DataRefused(_("%(name)s: choose the column that holds the plot codes (columns: %(list)s).") % {
            "name": name, "list": ", ".join(prepared.columns)})
    rows = result["row"].to_numpy()
    codes = _text(result, "code")
    if (codes == "").any():
        raise DataRefused(_("%(name)s: rows %(rows)s have no plot code.") % {
            "name": name, "rows": describe_rows(rows[codes == ""])})
    result["code"] = [code[:40] for code in codes]
    result["name"] = result["code"]
    refuse_duplicate_codes(result, name, _("plot"))
    for field_name, choices in CHOICES.items():
        default = DEFAULTS[field_name]
        if field_name in prepared.mapped_columns:
            lookup = value_lookup(choices.choices, SYNONYMS[field_name], options.value_map)
            result[field_name] = map_values(result[field_name].reset_index(drop=True), lookup, rows, str(default),
                                            field_label=FIELD_LABELS[field_name],
                                            example_code=choices.values[0]).to_numpy()
        else:
            result[field_name] = str(default)
            prepared.warnings.append(_("No %(field)s column: every plot gets %(default)s.") % {
                "field": field_name.replace("_", " "), "default": default.label})


def _check_inside(prepared: PreparedLayer, zone: ZonePage, name: str) -> None:
    """Refuse the layer when plots lie (mostly) outside the zone boundary."""
    boundary = zone.shape
    if boundary is None:
        prepared.warnings.append(_("The zone %(zone)s has no boundary, so plots were not checked against it.") % {
            "zone": zone.title})
        return
    away = outside(prepared.frame, boundary)
    if away.any():
        raise DataRefused(_("%(name)s: plots %(codes)s lie outside the zone %(zone)s.") % {
            "name": name, "codes": ", ".join(prepared.frame["code"][away].iloc[:MAX_LISTED]), "zone": zone.title})
