"""The zone index's tags, their HTML kept per process with the zone index's data (``zones.listing``):
``{% zone_filter_form form %}``, the filter form as ``{{ form }}`` renders it, an unbound one rendered once for
each language and unit (its choices are the communes, sectors and places some zone has, the kinds and statuses
of the live zones); ``{% zone_rows zones %}``, the items of the zone list, while no visitor's project is judged
in them."""

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import listing, units

register = template.Library()

#: Part of the key: raise it when the form's templates change the markup made from the same input.
VERSION = 2


@register.simple_tag
def zone_filter_form(form) -> str:
    """``form`` rendered (``str(form)``); an unbound form's HTML kept per process (see the module)."""
    if form.is_bound:
        return str(form)
    key = ("form", VERSION, type(form).__qualname__, get_language(), getattr(form, "unit", ""), str(form.auto_id),
           form.prefix or "", timezone.localdate())
    return mark_safe(listing.rendered(key, lambda: str(form)))  # noqa: S308 - the form's own rendering, escaped


@register.simple_tag(takes_context=True)
def zone_rows(context, zones) -> str:
    """The zone list's items (``zones/includes/zone_rows.html``); rendered once per process for each index,
    language, unit, site, day and set of zones, and every time when they carry a visitor's ``fit``."""
    request, page = context.get("request"), context.get("page")
    unit = context.get("unit") or units.unit_of(request)
    row_context = {"zones": zones, "page": page, "request": request, "unit": unit}

    def render() -> str:
        return get_template("zones/includes/zone_rows.html").render(row_context, request)

    if request is None or page is None or page.pk is None or any(hasattr(zone, "fit") for zone in zones):
        return mark_safe(render())  # noqa: S308 - rendered, so escaped
    key = ("rows", page.pk, get_language(), unit, listing.site_key(request), timezone.localdate(),
           tuple(zone.pk for zone in zones))
    return mark_safe(listing.rendered(key, render))  # noqa: S308 - rendered, so escaped
