"""Licensing: agencies, procedures, the investor's pathway, applications and their workflow."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "licensing"
    label = "licensing"
    verbose_name = _("Licensing")

    def ready(self):
        from . import comparison, page_cache, search_documents, signals  # noqa: F401 - receivers; this app's search documents

        comparison.register()
        page_cache.connect()
