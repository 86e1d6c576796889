"""Infrastructure features for tests."""

from shapely.geometry.base import BaseGeometry

from zones.models import InfrastructureFeature


def infrastructure(code: str, layer: str, geometry: BaseGeometry, name_en: str = "", **fields) -> InfrastructureFeature:
    """A saved infrastructure feature of ``layer`` at ``geometry`` (WGS 84)."""
    feature = InfrastructureFeature(code=code, layer=layer, name_vi=fields.pop("name_vi", f"{code} (vi)"),
                                    name_en=name_en or code, **fields)
    feature.set_geometry(geometry, "EPSG:4326")
    feature.save()
    return feature
