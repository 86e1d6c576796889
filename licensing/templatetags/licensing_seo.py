"""A procedure page's description and schema.org data: ``{% load licensing_seo %}``."""

from django import template

from core.seo import absolute_url, json_ld

from ..seo import procedure_description, procedure_service

register = template.Library()


@register.simple_tag
def procedure_summary(procedure) -> str:
    """The procedure's description for search engines (``licensing.seo.procedure_description``)."""
    return procedure_description(procedure)


@register.simple_tag(takes_context=True)
def procedure_json_ld(context, procedure):
    """The procedure as a schema.org ``GovernmentService`` in JSON-LD, at the address of this request."""
    request = context.get("request")
    return json_ld(procedure_service(procedure, absolute_url(request, request.path if request else "")))
