"""Template filters of the licensing app."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def amount(value):
    """A money amount without decimals, thousands grouped as the language writes them (50,000 / 50.000)."""
    if value is None:
        return ""
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if (get_language() or "en").startswith("vi") else text
