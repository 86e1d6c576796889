from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site layer: home page, site-wide settings, health and the demo loader."""

    name = "portal"
    verbose_name = _("Portal")
