"""The coordinate reference systems OGC API - Features serves (Part 2, CRS by reference): WGS 84 as CRS84 (the
storage CRS: longitude, latitude) and EPSG:4326 (latitude, longitude), and VN-2000 in the former Binh Phuoc
province's TM-3 zone (EPSG:9212) and UTM zone 48N (EPSG:3405).

Coordinates are written in the axis order of the CRS asked for, as Part 2 requires; the reprojection of a page
is one vectorised call (``maps.geometry.reproject``) over all its geometries."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS

from maps.geometry import reproject

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{code}"


@dataclass(frozen=True)
class ServedCrs:
    """A CRS the service offers: its URI, the pyproj definition and whether its first axis is northing."""

    uri: str
    definition: str

    @property
    def crs(self) -> CRS:
        return _pyproj_crs(self.definition)

    @property
    def north_first(self) -> bool:
        """True when the CRS lists latitude / northing first (EPSG:4326): coordinates are swapped."""
        return self.crs.axis_info[0].direction.lower() == "north"

    @property
    def is_storage(self) -> bool:
        return self.uri == CRS84

    @property
    def label(self) -> str:
        return self.crs.name


@lru_cache(maxsize=8)
def _pyproj_crs(definition: str) -> CRS:
    return CRS(definition)


SERVED = (
    ServedCrs(CRS84, "OGC:CRS84"),
    ServedCrs(EPSG_URI.format(code=4326), "EPSG:4326"),
    ServedCrs(EPSG_URI.format(code=9212), "EPSG:9212"),
    ServedCrs(EPSG_URI.format(code=3405), "EPSG:3405"),
)
STORAGE = SERVED[0]
URIS = [served.uri for served in SERVED]

#: Other spellings a client may send, lower-cased: ``EPSG:9212``, ``[EPSG:9212]`` (safe CURIE), ``OGC:CRS84``.
_ALIASES = {"crs84": CRS84, "ogc:crs84": CRS84, "[ogc:crs84]": CRS84,
            "http://www.opengis.net/def/crs/ogc/1.3/crs84": CRS84}
for _served in SERVED[1:]:
    _code = _served.definition.split(":")[1]
    _ALIASES.update({f"epsg:{_code}": _served.uri, f"[epsg:{_code}]": _served.uri, _served.uri.lower(): _served.uri,
                     f"https://www.opengis.net/def/crs/epsg/0/{_code}": _served.uri})


def find(value: str) -> ServedCrs | None:
    """The served CRS that ``value`` names (a URI or ``EPSG:<code>``), or None."""
    uri = _ALIASES.get(value.strip().lower())
    return next((served for served in SERVED if served.uri == uri), None)


def header(served: ServedCrs) -> str:
    """The ``Content-Crs`` header value: the URI in angle brackets."""
    return f"<{served.uri}>"


def to_storage_bbox(bbox: tuple[float, float, float, float], served: ServedCrs) -> tuple[float, float, float, float]:
    """``bbox`` (in ``served``'s axis order) as (west, south, east, north) degrees of CRS84, densified along its
    edges so that a projected box is wholly covered."""
    if served.north_first:
        bbox = (bbox[1], bbox[0], bbox[3], bbox[2])
    if served.is_storage or served.crs.is_geographic:
        return bbox
    from pyproj import Transformer

    transformer = Transformer.from_crs(served.crs, STORAGE.crs, always_xy=True)
    return transformer.transform_bounds(*bbox, densify_pts=21)


def reprojected_geojson(texts: list[str | None], served: ServedCrs) -> list[str | None]:
    """GeoJSON geometry texts (CRS84) as GeoJSON texts in ``served``, in its axis order: one vectorised parse,
    one transform of every coordinate of the page and one write. None stays None."""
    present = [i for i, text in enumerate(texts) if text]
    out: list[str | None] = [None] * len(texts)
    if not present:
        return out
    geoms = shapely.from_geojson(np.array([texts[i] for i in present], dtype=object))
    if not served.crs.is_geographic:
        geoms = reproject(geoms, STORAGE.crs, served.crs)
    if served.north_first:
        geoms = shapely.transform(geoms, lambda coords: coords[:, ::-1])
    for i, text in zip(present, shapely.to_geojson(geoms), strict=True):
        out[i] = text
    return out
