from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site layer: home page, site-wide settings, health and the demo loader."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import search_documents  # noqa: F401 - registers the home pages' search documents
