from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "zones"
    label = "zones"
    verbose_name = _("Zones")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_unpublished, post_page_move

        from . import (  # noqa: F401 - registrations
            comparison,
            comparison_costs,
            infrastructure,
            listing,
            page_cache,
            profiles,
            search_documents,
            shortlist,
            spatial,
        )
        from .plot_geojson import invalidate  # noqa: F401 - connects its receivers

        spatial.connect()
        page_cache.connect()
        listing.connect()
        for signal in (post_save, post_delete):
            signal.connect(infrastructure.invalidate, sender="zones.InfrastructureFeature",
                           dispatch_uid=f"zones.infrastructure.invalidate.{id(signal)}")
        from .models import ZonePage
        from .services import invalidate_zone_incentives
        for signal in (post_save, post_delete, page_unpublished, post_page_move):
            signal.connect(invalidate_zone_incentives, dispatch_uid=f"zones.zone_incentives.{id(signal)}")
        m2m_changed.connect(invalidate_zone_incentives, sender=ZonePage.communes.through,
                            dispatch_uid="zones.zone_incentives.communes")
        user_logged_in.connect(profiles.copy_to_account, dispatch_uid="zones.profiles.copy_to_account")
        user_logged_in.connect(shortlist.merge_into_account, dispatch_uid="zones.shortlist.merge_into_account")
