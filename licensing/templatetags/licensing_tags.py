"""Template filters of the licensing app."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def amount(value):
    """A money amount without decimals, thousands grouped as the language writes them (50,000 / 50.000)."""
    if value is None:
        return ""
    return number_format(int(round(value)), 0, use_l10n=True, force_grouping=True)


@register.simple_tag
def question_text(field: str) -> str:
    """A profile question in words (``core.profile.QUESTION_TEXT``), in the active language."""
    from core.profile import QUESTION_TEXT

    return str(QUESTION_TEXT.get(field, field))


@register.simple_tag
def online_level(value: str) -> str:
    """The label of an online level (``models.OnlineLevel``), in the active language."""
    from ..models import OnlineLevel

    return str(OnlineLevel(value).label) if value in OnlineLevel.values else value


@register.filter
def figures_for(figures: dict, key):
    """``figures[key]`` in a template (None when absent): the practice figures of one procedure."""
    return (figures or {}).get(key)
