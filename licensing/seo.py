"""What a procedure's page tells search engines: its description and its schema.org ``GovernmentService``."""

from django.utils.translation import gettext

from core.i18n import localized
from core.seo import summarise
from zones.models import AdministrativeUnit, AdministrativeUnitLevel

from .models import AgencyLevel


def procedure_description(procedure) -> str:
    """One sentence on the procedure in the active language: its agency, statutory time and result."""
    text = gettext("%(name)s: filed with %(agency)s; statutory time %(time)s %(unit)s.") % {
        "name": localized(procedure, "name"), "agency": localized(procedure.agency, "name"),
        "time": procedure.time_limit, "unit": procedure.get_time_unit_display()}
    result = localized(procedure, "result")
    if result:
        text += " " + gettext("Result: %(result)s.") % {"result": result}
    return summarise(text)


def _area_served(agency) -> dict:
    if agency.level != AgencyLevel.CENTRAL:
        province = AdministrativeUnit.objects.valid_on().filter(level=AdministrativeUnitLevel.PROVINCE).first()
        if province is not None:
            return {"@type": "AdministrativeArea", "name": province.name}
    return {"@type": "Country", "name": "Viet Nam"}


def procedure_service(procedure, url: str) -> dict:
    """The procedure as a schema.org ``GovernmentService`` provided by its agency, at ``url`` (absolute)."""
    agency = procedure.agency
    provider = {"@type": "GovernmentOrganization", "name": localized(agency, "name")}
    if agency.website:
        provider["url"] = agency.website
    if agency.phone:
        provider["telephone"] = agency.phone
    if agency.email:
        provider["email"] = agency.email
    if agency.address:
        provider["address"] = agency.address
    data = {
        "@context": "https://schema.org", "@type": "GovernmentService",
        "name": localized(procedure, "name"), "description": procedure_description(procedure),
        "serviceType": gettext("Administrative procedure"), "identifier": procedure.code,
        "provider": provider, "areaServed": _area_served(agency), "url": url,
    }
    if procedure.portal_url:
        data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": procedure.portal_url}
    return data
