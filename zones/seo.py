"""The schema.org description of a zone page for search engines."""

from core.seo import page_description

from .models import AdministrativeUnitLevel


def zone_place(zone, url: str, communes=(), image_url: str = "") -> dict:
    """The zone as a schema.org ``Place``: name, description, address (its communes and province), the
    centroid of its boundary as ``geo``, its page's absolute ``url`` and an image when it has one."""
    data = {"@context": "https://schema.org", "@type": "Place", "name": zone.title, "url": url}
    description = page_description(zone)
    if description:
        data["description"] = description
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    units = [*communes, *(unit.parent for unit in communes if unit.parent_id)]
    locality = next((unit for unit in units if unit.level != AdministrativeUnitLevel.PROVINCE), None)
    region = next((unit for unit in units if unit.level == AdministrativeUnitLevel.PROVINCE), None)
    if locality is not None:
        address["addressLocality"] = locality.name
    if region is not None:
        address["addressRegion"] = region.name
    data["address"] = address
    shape = zone.shape
    if shape is not None:
        centre = shape.centroid
        data["geo"] = {"@type": "GeoCoordinates", "latitude": round(centre.y, 6), "longitude": round(centre.x, 6)}
    if image_url:
        data["image"] = image_url
    return data
