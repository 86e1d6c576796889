"""Choice lists of the zones app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.profile import ZoneKind  # the profile's vocabulary: a zone is of one of the kinds a project can name

__all__ = ["LandUse", "PlotStatus", "ZoneKind", "ZoneStatus"]


class ZoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    OPERATING = "operating", _("Operating")
    EXPANDING = "expanding", _("Expanding")


class LandUse(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    WAREHOUSE = "warehouse", _("Warehouse")
    SERVICES = "services", _("Services")
    GREEN = "green", _("Green space")
    UTILITIES = "utilities", _("Utilities")
    ROADS = "roads", _("Roads")


class PlotStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    RESERVED = "reserved", _("Reserved")
    LEASED = "leased", _("Leased")
