from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    label = "zones"
    verbose_name = _("Zones")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import (  # noqa: F401 - registrations
            comparison,
            comparison_costs,
            page_cache,
            profiles,
            search_documents,
            shortlist,
            spatial,
        )
        from .plot_geojson import invalidate  # noqa: F401 - connects its receivers

        spatial.connect()
        page_cache.connect()
        user_logged_in.connect(profiles.copy_to_account, dispatch_uid="zones.profiles.copy_to_account")
        user_logged_in.connect(shortlist.merge_into_account, dispatch_uid="zones.shortlist.merge_into_account")
