"""Template filters of the licensing app."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def absolute(value):
    """The absolute value of a number (days late are shown as a positive count)."""
    return abs(value) if value is not None else value


@register.simple_tag
def dossier_deadline(application):
    """Where ``application`` stands against its due date, for pages whose view does not pass it."""
    from ..services import deadline

    return deadline(application)


@register.filter
def amount(value):
    """A money amount without decimals, thousands grouped as the language writes them (50,000 / 50.000)."""
    if value is None:
        return ""
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if (get_language() or "en").startswith("vi") else text
