"""GeoJSON files (RFC 7946: WGS 84 unless a legacy ``crs`` member says otherwise)."""

from .base import FormatHandler


class GeoJSONHandler(FormatHandler):
    """A GeoJSON FeatureCollection."""

    format = "geojson"
    single_layer = True
    own_driver = "GeoJSON"
