"""Zones and plots as GIS downloads: their public fields only (no notes, no price overrides), in every format
of ``maps.exporters``."""

from django.http import HttpResponse

from maps.exporters import features_frame

#: Public columns (≤ 10 characters, for the DBF of a Shapefile).
ZONE_COLUMNS = ("code", "name", "kind", "status", "area_ha", "src_crs")
PLOT_COLUMNS = ("code", "zone", "land_use", "status", "area_ha", "src_crs")


def _area_ha(obj) -> float | None:
    return None if obj.area_m2 is None else round(obj.area_m2 / 10_000, 4)


def zones_frame(zones):
    """The public fields of ``zones`` (ZonePage objects) as a WGS 84 GeoDataFrame."""
    zones = list(zones)
    records = [{"code": zone.code, "name": zone.title, "kind": zone.kind, "status": zone.status,
                "area_ha": _area_ha(zone), "src_crs": zone.source_crs} for zone in zones]
    return features_frame(records, [zone.geometry for zone in zones], ZONE_COLUMNS)


def plots_frame(zone, plots):
    """The public fields of a zone's plots as a WGS 84 GeoDataFrame."""
    plots = list(plots)
    records = [{"code": plot.code, "zone": zone.code, "land_use": plot.land_use, "status": plot.status,
                "area_ha": _area_ha(plot), "src_crs": plot.source_crs} for plot in plots]
    return features_frame(records, [plot.geometry for plot in plots], PLOT_COLUMNS)


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """``content`` as an attachment."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
