"""Coordinate reference systems an editor may meet in the zone board's files: WGS 84 and VN-2000
(geographic, UTM and the provincial 3° TM zones). Reprojection always goes through EPSG codes so that
pyproj picks the published VN-2000 -> WGS 84 transformation (EPSG:6960) rather than a hand-written
``+towgs84`` string."""

from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from pyproj import CRS
from pyproj.exceptions import CRSError

WGS84_EPSG = 4326

#: EPSG code -> label shown to editors: the EPSG name, with the province where it is the one in use.
KNOWN_CRS: dict[int, str] = {
    4326: "WGS 84 (longitude/latitude)",
    4756: "VN-2000 (longitude/latitude)",
    3405: "VN-2000 / UTM zone 48N",
    3406: "VN-2000 / UTM zone 49N",
    9205: "VN-2000 / TM-3 103-00",
    9206: "VN-2000 / TM-3 104-00",
    9207: "VN-2000 / TM-3 104-30",
    9208: "VN-2000 / TM-3 104-45",
    9209: "VN-2000 / TM-3 105-30",
    9210: "VN-2000 / TM-3 105-45",
    9211: "VN-2000 / TM-3 106-00",
    9212: "VN-2000 / TM-3 106-15 (former Binh Phuoc province)",
    9213: "VN-2000 / TM-3 106-30",
    9214: "VN-2000 / TM-3 107-00",
    9215: "VN-2000 / TM-3 107-15",
    9216: "VN-2000 / TM-3 107-30",
    9217: "VN-2000 / TM-3 108-15",
    9218: "VN-2000 / TM-3 108-30",
    5896: "VN-2000 / TM-3 zone 481",
    5897: "VN-2000 / TM-3 zone 482",
    5898: "VN-2000 / TM-3 zone 491",
    5899: "VN-2000 / TM-3 107-45 (Dong Nai province)",
}

VN2000_CODES = frozenset(code for code in KNOWN_CRS if code != WGS84_EPSG)


def crs_choices() -> list[tuple[str, str]]:
    """Form choices: 'detect from the file' first, then every known CRS as ``EPSG:<code> — label``."""
    return [("", _("Detect from the file")), *[
        (str(code), f"EPSG:{code} — {label}") for code, label in KNOWN_CRS.items()
    ]]


@lru_cache(maxsize=64)
def crs_from_epsg(code: int) -> CRS:
    """The pyproj CRS of an EPSG code (cached: building a CRS reads the PROJ database)."""
    return CRS.from_epsg(code)


@lru_cache(maxsize=64)
def identify_epsg(crs: CRS | None) -> int | None:
    """The EPSG code of ``crs`` (as read from a file, often ESRI WKT), or None when it has none.

    Tries PROJ's identification first, then an equivalence test against the known list, so that a
    VN-2000 ``.prj`` written by ArcGIS is recognised as its EPSG code. Cached by the CRS's definition: PROJ's
    identification takes tens of milliseconds, and a zone board's files use a handful of systems.
    """
    if crs is None:
        return None
    code = crs.to_epsg(min_confidence=70)
    if code:
        return code
    for known in KNOWN_CRS:
        if crs.equals(crs_from_epsg(known), ignore_axis_order=True):
            return known
    return None


def label(code: int | None) -> str:
    """A human label for an EPSG code: ``EPSG:9212 (VN-2000 / Binh Phuoc TM-3 (106-15))``."""
    if code is None:
        return ""
    name = KNOWN_CRS.get(code)
    if name is None:
        try:
            name = crs_from_epsg(code).name
        except CRSError:
            name = ""
    return f"EPSG:{code} ({name})" if name else f"EPSG:{code}"


#: How far past ±180/±90 coordinates may stray by floating-point noise and still be degrees.
DEGREE_SLACK = 1e-6


def looks_projected(bounds: tuple[float, float, float, float]) -> bool:
    """True when bounds cannot be longitude/latitude degrees (they are metres, feet…); a world layer whose x
    reaches 180.00000000000006 is still in degrees."""
    min_x, min_y, max_x, max_y = bounds
    lon, lat = 180 + DEGREE_SLACK, 90 + DEGREE_SLACK
    return not (-lon <= min_x <= max_x <= lon and -lat <= min_y <= max_y <= lat)
