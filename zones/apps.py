from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    label = "zones"
    verbose_name = _("Zones")

    def ready(self):
        from . import search_documents, spatial  # noqa: F401 - search_documents registers this app's documents

        spatial.connect()
