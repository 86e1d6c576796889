"""The visitor's area unit in templates (see ``zones.units``): ``{% load zone_units %}``, then
``{% area plot.area_m2 %}`` ("7.49 ha" or "74,900 m²"), ``{% area_unit %}`` ("ha" or "m²") and
``{% unit_switch %}`` (the links choosing the unit)."""

from django import template

from .. import figures, units

register = template.Library()


def _unit(context) -> str:
    return context.get("unit") or units.unit_of(context.get("request"))


@register.simple_tag(takes_context=True)
def area(context, m2=None, ha=None) -> str:
    """The area ``m2`` (or ``ha=`` hectares) in the visitor's unit, formatted for the active language; "not
    yet given" when there is none."""
    if m2 is None and ha is not None:
        m2 = units.to_m2(ha, units.HA)
    return units.format_area(m2, _unit(context)) if figures.given(m2) else figures.not_given_text()


@register.simple_tag(takes_context=True)
def area_unit(context) -> str:
    """The symbol of the visitor's unit."""
    return units.symbol(_unit(context))


@register.inclusion_tag("zones/includes/unit_switch.html", takes_context=True)
def unit_switch(context) -> dict:
    """The links choosing hectares or square metres for every area on the site."""
    request = context.get("request")
    return {"links": units.switch(request) if request is not None else []}


@register.simple_tag(takes_context=True)
def area_number(context, m2) -> str:
    """The area ``m2`` as a number in the visitor's unit (for a column headed with the unit)."""
    return units.number(m2, _unit(context)) if m2 is not None else ""
