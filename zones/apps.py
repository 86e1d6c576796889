from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    label = "zones"
    verbose_name = _("Zones")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from . import (  # noqa: F401 - registrations
            comparison,
            comparison_costs,
            forms,
            infrastructure,
            listing,
            page_cache,
            page_parts,
            profiles,
            search_documents,
            shortlist,
            spatial,
        )
        from .plot_geojson import invalidate  # noqa: F401 - connects its receivers

        spatial.connect()
        page_cache.connect()
        listing.connect()
        page_parts.connect()
        forms.follow_blank_forms.connect("zones.blank_forms")
        search_documents.follow_places.connect("zones.search_places")
        for signal in (post_save, post_delete):
            signal.connect(infrastructure.invalidate, sender="zones.InfrastructureFeature",
                           dispatch_uid=f"zones.infrastructure.invalidate.{id(signal)}")
        from .models import ZonePage
        from .services import invalidate_zone_incentives
        invalidate_zone_incentives.connect("zones.zone_incentives", m2m=(ZonePage.communes.through,))
        user_logged_in.connect(profiles.copy_to_account, dispatch_uid="zones.profiles.copy_to_account")
        user_logged_in.connect(shortlist.merge_into_account, dispatch_uid="zones.shortlist.merge_into_account")
