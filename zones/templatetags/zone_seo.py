"""The zone page's schema.org data: ``{% load zone_seo %}{% zone_json_ld %}``."""

from django import template

from core.seo import absolute_url, json_ld, social_image, social_image_url

from ..seo import zone_place

register = template.Library()


@register.simple_tag(takes_context=True)
def zone_json_ld(context):
    """The zone page's ``Place`` as JSON-LD (the zone is ``page``; its valid communes ``communes``)."""
    request = context.get("request")
    zone = context["page"]
    image = social_image(zone)
    return json_ld(zone_place(zone, absolute_url(request, zone.get_url(request) or ""), context.get("communes", ()),
                              social_image_url(request, image) if image is not None else ""))
