"""Models of the zones app, one module per responsibility."""

from .costs import (
    ContributionKind,
    CorporateIncomeTaxRate,
    ElectricityBandHours,
    ElectricityTariff,
    EmployerContribution,
    ExchangeRate,
    MinimumWage,
    TimeBand,
    VoltageLevel,
    WageRegion,
)
from .figures import FigureSettings, SourcedFigure, ZoneFigure, ZoneFigureSource
from .gis_imports import ImportRecord, ImportStatus, ImportTarget
from .incentives import EligibilityCondition, EligibilityRule, IncentiveIndexPage, IncentivePolicyPage
from .infrastructure import InfrastructureFeature
from .plots import LEASABLE_LAND_USES, Plot
from .profiles import SavedProfile
from .reference import AdministrativeUnit, AdministrativeUnitLevel, NamedPlace, NamedPlaceKind, Sector, SectorLevel
from .shortlists import SavedShortlist
from .zones import PriceBasis, ZoneBrochure, ZoneDistance, ZoneGalleryImage, ZoneIndexPage, ZonePage

__all__ = [
    "ContributionKind", "CorporateIncomeTaxRate", "ElectricityBandHours", "ElectricityTariff", "EmployerContribution",
    "ExchangeRate", "FigureSettings", "MinimumWage", "SourcedFigure", "TimeBand", "VoltageLevel", "WageRegion",
    "ZoneFigure", "ZoneFigureSource",
    "LEASABLE_LAND_USES", "AdministrativeUnit", "AdministrativeUnitLevel", "EligibilityCondition", "EligibilityRule",
    "ImportRecord", "ImportStatus", "ImportTarget", "InfrastructureFeature",
    "IncentiveIndexPage", "IncentivePolicyPage", "NamedPlace", "NamedPlaceKind", "Plot", "PriceBasis", "SavedProfile",
    "SavedShortlist",
    "Sector", "SectorLevel", "ZoneBrochure", "ZoneDistance", "ZoneGalleryImage", "ZoneIndexPage", "ZonePage",
]
