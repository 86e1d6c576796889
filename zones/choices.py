"""Choice lists of the zones app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")
    BORDER_GATE_ECONOMIC_ZONE = "border_gate_economic_zone", _("Border-gate economic zone")
    EXPORT_PROCESSING_ZONE = "export_processing_zone", _("Export processing zone")
    HIGH_TECH_PARK = "high_tech_park", _("High-tech park")
    INDUSTRIAL_CLUSTER = "industrial_cluster", _("Industrial cluster")


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
