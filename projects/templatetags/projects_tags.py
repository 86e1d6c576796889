"""Template filters for money figures on the dashboard."""


from django import template

from ..countries import country_name as _country_name
from ..dashboard import in_billions, in_millions
from ..statistics import format_number

register = template.Library()


@register.filter
def billions(value):
    """An amount in billions (one decimal)."""
    return in_billions(value)


@register.filter
def millions(value):
    """An amount in millions (one decimal)."""
    return in_millions(value)


@register.filter
def country_name(code, language="en"):
    return _country_name(code, language)


@register.filter
def figure(value, decimals=0):
    """A number grouped by thousands the way the active language writes it (28,929.5 / 28.929,5)."""
    if value is None or value == "":
        return ""
    return format_number(value, int(decimals))
