"""Template tags for the per-language columns: ``{% load core_i18n %}``."""

from django import template
from django.utils.html import conditional_escape, format_html

from core.i18n import language, language_tag, localized_language

register = template.Library()


@register.simple_tag
def localized_text(obj, field: str):
    """``obj.<field>`` in the active language, escaped; wrapped in ``<span lang="…">`` when it fell back to
    another language (English, then Vietnamese), so that browsers and screen readers read it as such:
    ``{% localized_text sector "name" %}``."""
    text, suffix = localized_language(obj, field)
    if not text or suffix == language():
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language_tag(suffix), text)
