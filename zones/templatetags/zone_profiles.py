"""The project profile panel: ``{% load zone_profiles %}{% profile_panel %}`` on any page with a request."""

from django import template

from .. import profiles

register = template.Library()


@register.inclusion_tag("zones/includes/profile_panel.html", takes_context=True)
def profile_panel(context) -> dict:
    """The visitor's project in a line, with links to change and share it (or to describe it)."""
    request = context.get("request")
    return profiles.panel(request) if request is not None and hasattr(request, "session") else {}
