"""Template filters of the licensing app."""

from django import template

register = template.Library()


@register.filter
def absolute(value):
    """The absolute value of a number (days late are shown as a positive count)."""
    return abs(value) if value is not None else value
