"""Attribute mapping helpers: find the file column that feeds a field, and map file values to codes.

Columns are found by the caller's candidate names unless the editor picked them; values are matched on a
normalised form (lower case, no diacritics) against a lookup the caller builds from its codes, labels and
synonyms (:func:`value_lookup`), then the editor's own ``value = code`` lines.
"""

import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from .base import DataRefused


def normalise(value) -> str:
    """Lower case, no diacritics (đ -> d), single spaces, ``_``/``-`` as spaces."""
    text = unicodedata.normalize("NFD", str(value).strip().lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def detect_columns(columns: list[str], chosen: Mapping[str, str], candidates: Mapping[str, Iterable[str]]
                   ) -> dict[str, str]:
    """Field -> column: the editor's ``chosen`` columns first, then the first column whose name is one of the
    field's ``candidates``. A chosen column the file lacks refuses the file."""
    by_norm = {normalise(column).replace(" ", "_"): column for column in columns}
    found = {}
    for field_name, names in candidates.items():
        column = chosen.get(field_name)
        if column:
            if column not in columns:
                raise DataRefused(_("The file has no column %(column)s (columns: %(list)s).") % {
                    "column": column, "list": ", ".join(columns)})
            found[field_name] = column
            continue
        for candidate in names:
            if candidate in by_norm:
                found[field_name] = by_norm[candidate]
                break
    return found


def value_lookup(choices: Iterable[tuple[str, str]], synonyms: Mapping[str, Iterable[str]],
                 editor_map: Mapping[str, str] | None) -> dict[str, str]:
    """Normalised file value -> code: each (code, label) of ``choices``, the ``synonyms`` of each code, then
    the editor's ``value -> code`` lines whose code is one of ``choices``."""
    lookup = {}
    codes = set()
    for code, label in choices:
        codes.add(str(code))
        lookup[normalise(code)] = str(code)
        lookup[normalise(label)] = str(code)
    for code, words in synonyms.items():
        lookup.update({normalise(word): str(code) for word in words})
    for raw, code in (editor_map or {}).items():
        if code in codes:
            lookup[normalise(raw)] = code
    return lookup


def map_values(values: pd.Series, lookup: Mapping[str, str], rows: np.ndarray, default: str, *,
               field_label: str, example_code: str) -> pd.Series:
    """Map a column to codes through ``lookup``; blanks take ``default``; unknown values refuse the file,
    naming rows (``field_label`` and ``example_code`` word the message)."""
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
            "field": field_label, "examples": examples, "value": bad.iloc[0], "code": example_code})
    return mapped.astype(str)
