"""Attribute mapping: which file column feeds which field, and how file values map to our choices.

Columns are detected by common English and Vietnamese names unless the editor picks them; values are
matched on a normalised form (lower case, no diacritics) against our codes, labels and Vietnamese
synonyms, then the editor's own ``value = code`` lines.
"""

import unicodedata

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from zones.choices import LandUse, PlotStatus

from .base import DataRefused

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
FIELD_LABELS = {"name": "name", "code": "code", "land_use": "land use", "status": "status"}


def normalise(value) -> str:
    """Lower case, no diacritics (đ -> d), single spaces, ``_``/``-`` as spaces."""
    text = unicodedata.normalize("NFD", str(value).strip().lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def detect_columns(columns: list[str], chosen: dict) -> dict[str, str]:
    """Field -> column: the editor's choices first, then the first column whose name is a known alias."""
    by_norm = {normalise(column).replace(" ", "_"): column for column in columns}
    found = {}
    for field_name, candidates in FIELD_CANDIDATES.items():
        column = chosen.get(field_name)
        if column:
            if column not in columns:
                raise DataRefused(_("The file has no column %(column)s (columns: %(list)s).") % {
                    "column": column, "list": ", ".join(columns)})
            found[field_name] = column
            continue
        for candidate in candidates:
            if candidate in by_norm:
                found[field_name] = by_norm[candidate]
                break
    return found


def value_lookup(field_name: str, editor_map: dict) -> dict[str, str]:
    """Normalised file value -> choice code for ``field_name``."""
    choices = CHOICES[field_name]
    lookup = {}
    for code, label in choices.choices:
        lookup[normalise(code)] = code
        lookup[normalise(label)] = code
    for code, words in SYNONYMS[field_name].items():
        lookup.update({normalise(word): str(code) for word in words})
    valid = set(choices.values)
    for raw, code in (editor_map or {}).items():
        if code in valid:
            lookup[normalise(raw)] = code
    return lookup


def map_values(values: pd.Series, field_name: str, editor_map: dict, rows: np.ndarray, default: str) -> pd.Series:
    """Map a column to choice codes; blanks take ``default``; unknown values refuse the file, naming rows."""
    lookup = value_lookup(field_name, editor_map)
    text = values.fillna("").astype(str)
    positions, distinct = pd.factorize(text)  # each distinct value is normalised and looked up once
    choices = [default if key == "" else lookup.get(key) for key in map(normalise, distinct)]
    mapped = pd.Series(np.array(choices, dtype=object)[positions], index=values.index)
    unknown = mapped.isna()
    if unknown.any():
        bad = text[unknown]
        examples = ", ".join(f"{value!r} (row {row})" for value, row in
                             zip(bad.iloc[:5], rows[unknown.to_numpy()][:5], strict=True))
        raise DataRefused(_("Unknown %(field)s values: %(examples)s. Map them in 'Value mapping', e.g. "
                            "\"%(value)s = %(code)s\".") % {
            "field": FIELD_LABELS[field_name], "examples": examples, "value": bad.iloc[0],
            "code": CHOICES[field_name].values[0]})
    return mapped.astype(str)
