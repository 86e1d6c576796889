"""The GIS import of infrastructure: points, lines and polygons become ``InfrastructureFeature`` rows of one
layer chosen for the whole file, or of the layer a column names (English or Vietnamese words, or the
editor's value mapping). A feature is matched across imports by its layer and code (the code column, else
its name), so importing a file again updates it."""

import json

import numpy as np
import shapely
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maps.importers.base import DataRefused, LayerRead
from maps.importers.mapping import detect_columns, map_values, value_lookup
from maps.importers.processing import ANY_SIMPLE, CodeRegister, LayerPreparer, PreparedLayer, describe_rows

from ..infrastructure import InfrastructureLayer, InfrastructureStatus, invalidate
from ..models import InfrastructureFeature
from .options import ImportOptions

CANDIDATES = {
    "name": ["name", "name_vi", "ten", "ten_vi", "ten_cong_trinh", "title"],
    "name_en": ["name_en", "ten_en", "ten_tieng_anh"],
    "code": ["code", "ma", "ma_ct", "ky_hieu", "kyhieu"],
    "layer": ["layer", "kind", "type", "loai", "lop", "loai_ht", "loai_cong_trinh"],
    "status": ["status", "trang_thai", "trangthai", "tinh_trang", "hien_trang"],
    "details": ["details", "details_vi", "capacity", "cong_suat", "congsuat", "ghi_chu", "mo_ta", "quy_mo"],
    "details_en": ["details_en", "capacity_en", "mo_ta_en"],
}
SYNONYMS = {
    "layer": {
        InfrastructureLayer.SUBSTATION: ["tram bien ap", "tba", "tram", "substation", "power substation"],
        InfrastructureLayer.POWER_LINE: ["duong day", "dz", "duong day dien", "luoi dien", "power line",
                                         "transmission line"],
        InfrastructureLayer.WATER_PLANT: ["nha may nuoc", "nmn", "cap nuoc", "nha may cap nuoc", "water",
                                          "water supply", "water treatment plant"],
        InfrastructureLayer.WASTEWATER_PLANT: ["xu ly nuoc thai", "xlnt", "tram xu ly nuoc thai",
                                               "nha may xu ly nuoc thai", "wastewater", "wwtp", "sewage"],
        InfrastructureLayer.ROAD: ["duong", "duong bo", "quoc lo", "ql", "cao toc", "road", "highway",
                                   "expressway"],
        InfrastructureLayer.RAIL: ["duong sat", "rail", "railway", "railroad"],
        InfrastructureLayer.PORT: ["cang", "cang bien", "cang song", "seaport", "harbour", "harbor"],
        InfrastructureLayer.AIRPORT: ["san bay", "cang hang khong"],
        InfrastructureLayer.BORDER_GATE: ["cua khau", "border crossing"],
    },
    "status": {
        InfrastructureStatus.EXISTING: ["hien huu", "hien co", "dang hoat dong", "da xay dung", "operating",
                                        "in service", "built"],
        InfrastructureStatus.PLANNED: ["quy hoach", "du kien", "dang xay dung", "chuan bi dau tu", "proposed",
                                       "under construction"],
    },
}


def _text(frame, field_name: str) -> np.ndarray:
    return frame[field_name].fillna("").astype(str).str.strip().to_numpy()


def _mapped(frame, field_name: str, label: str, choices, options: ImportOptions, default: str, name: str
            ) -> np.ndarray:
    """The column ``field_name`` mapped to ``choices`` codes (blanks: ``default``); an unknown value refuses
    the file ``name``, naming the value, its row and the field."""
    lookup = value_lookup(choices.choices, SYNONYMS[field_name], options.value_map)
    try:
        return map_values(frame[field_name].reset_index(drop=True), lookup, frame["row"].to_numpy(), default,
                          field_label=label, example_code=choices.values[-1]).to_numpy()
    except DataRefused as exc:
        raise DataRefused(f"{name}: {exc.message}") from exc


def infrastructure_preparer(read: LayerRead, options: ImportOptions, name: str):
    """For the file ``name`` (its first batch ``read``): the :class:`LayerPreparer` of its features and the step
    that turns each prepared batch into infrastructure features: ``layer``, ``status``, names and details per
    row, and a ``code`` unique in the file (checked by the ``CodeRegister`` it is given). Refuses the file
    naming the rows (and the field) that cannot be imported."""
    columns = [column for column in read.frame.columns if column != read.frame.geometry.name]
    mapped = detect_columns(columns, options.columns, CANDIDATES)
    if options.infrastructure_layer:
        mapped.pop("layer", None)
        if options.infrastructure_layer not in InfrastructureLayer.values:
            raise DataRefused(_("Choose one of the infrastructure layers."))
    elif "layer" not in mapped:
        raise DataRefused(_("%(name)s: choose the layer of the whole file, or the column that says each feature's "
                            "layer (columns: %(list)s).") % {"name": name, "list": ", ".join(columns)})
    if "name" not in mapped:
        raise DataRefused(_("%(name)s: choose the column that holds the names (columns: %(list)s).") % {
            "name": name, "list": ", ".join(columns)})
    preparer = LayerPreparer(options, name, mapped, what=_("infrastructure feature"), geometry_types=ANY_SIMPLE)

    def attributes(prepared: PreparedLayer, register: CodeRegister) -> None:
        _infrastructure_attributes(prepared.frame, mapped, options, name)
        register.add(prepared.frame)

    return preparer, attributes


def _infrastructure_attributes(frame, mapped: dict, options: ImportOptions, name: str) -> None:
    rows = frame["row"].to_numpy()
    names = _text(frame, "name")
    if (names == "").any():
        raise DataRefused(_("%(name)s: rows %(rows)s have no name (column %(column)s).") % {
            "name": name, "rows": describe_rows(rows[names == ""]), "column": mapped["name"]})
    frame["name"] = names
    for field_name in ("name_en", "details", "details_en"):
        frame[field_name] = _text(frame, field_name) if field_name in mapped else ""
    if options.infrastructure_layer:
        frame["layer"] = options.infrastructure_layer
    else:
        layers = _mapped(frame, "layer", _("layer"), InfrastructureLayer, options, "", name)
        if (layers == "").any():
            raise DataRefused(_("%(name)s: rows %(rows)s have no layer (column %(column)s).") % {
                "name": name, "rows": describe_rows(rows[layers == ""]), "column": mapped["layer"]})
        frame["layer"] = layers
    if "status" in mapped:
        frame["status"] = _mapped(frame, "status", _("status"), InfrastructureStatus, options,
                                  InfrastructureStatus.EXISTING.value, name)
    else:
        frame["status"] = InfrastructureStatus.EXISTING.value
    source = _text(frame, "code") if "code" in mapped else names
    frame["code"] = [slugify(f"{layer}-{value or title}")[:80]
                     for layer, value, title in zip(frame["layer"], source, names, strict=True)]


def existing_features(prepared: PreparedLayer) -> dict[str, InfrastructureFeature]:
    """The features saving ``prepared`` would update, by code."""
    return {feature.code: feature for feature in
            InfrastructureFeature.objects.filter(code__in=list(prepared.frame["code"]))}


def save_infrastructure(prepared: PreparedLayer, progress) -> tuple[int, int]:
    """Create or update the features of ``prepared`` by code (one transaction: the caller's); returns
    (created, updated)."""
    frame = prepared.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    geojson = shapely.to_geojson(geoms).tolist()
    bounds = shapely.bounds(geoms)
    polygonal = np.isin(shapely.get_type_id(geoms), (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    existing = existing_features(prepared)
    new, changed = [], []
    columns = ("code", "layer", "status", "name", "name_en", "details", "details_en")
    for index, values in enumerate(zip(*(frame[column] for column in columns), strict=True)):
        code, layer, status, name_vi, name_en, details_vi, details_en = values
        feature = existing.get(code) or InfrastructureFeature(code=code)
        feature.layer, feature.status, feature.name_vi = layer, status, name_vi[:255]
        feature.name_en, feature.details_vi, feature.details_en = name_en[:255], details_vi[:255], details_en[:255]
        feature.geometry = json.loads(geojson[index])
        feature.min_lon, feature.min_lat, feature.max_lon, feature.max_lat = bounds[index].tolist()
        feature.area_m2 = float(frame["area_m2"].iloc[index]) if polygonal[index] else None
        feature.source_crs, feature.illustrative = prepared.source_crs, False
        (changed if feature.pk else new).append(feature)
    InfrastructureFeature.objects.bulk_create(new, batch_size=500)
    progress(0.5)
    InfrastructureFeature.objects.bulk_update(changed, ["layer", "status", "name_vi", "name_en", "details_vi",
                                                        "details_en", "geometry", "min_lon", "min_lat", "max_lon",
                                                        "max_lat", "area_m2", "source_crs"], batch_size=500)
    invalidate()  # bulk writes send no post_save: the zone maps' infrastructure is rebuilt after the commit
    progress(1)
    return len(new), len(changed)
