"""Figures that may never have been given (see ``zones.figures.given``): ``{% load zone_figures %}``, then
``{% if value|given %}`` and ``{% not_given %}`` ("not yet given", marked up), so that a missing figure never
reads as 0."""

from django import template
from django.utils.html import format_html

from .. import figures

register = template.Library()


@register.filter
def given(value) -> bool:
    """Whether ``value`` was given (0 was; None and "" were not)."""
    return figures.given(value)


@register.simple_tag
def not_given() -> str:
    """The words for a figure never given."""
    return format_html('<span class="not-given">{}</span>', figures.not_given_text())
