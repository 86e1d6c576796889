"""Models of the licensing app: the procedure catalogue, the calendar's exceptions, applications."""

from .accounts import OfficerProfile
from .applications import (
    CLOSED,
    NEEDS_REASONS,
    OPEN,
    RESOLVED,
    Application,
    ApplicationAttachment,
    ApplicationHistory,
    ApplicationStatus,
    Notification,
    SavedPathway,
    WebhookEvent,
    new_dossier_code,
)
from .calendar import CalendarException, CalendarExceptionKind
from .catalogue import (
    Agency,
    AgencyLevel,
    ApplicabilityRule,
    LegalDocument,
    OnlineLevel,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    ProcedureStep,
    RuleCondition,
    StepMode,
    TimeUnit,
)
from .environment import CriterionTest, EnvironmentalCriterion, PollutingActivity
from .queue import ApplicationAssignment, SavedQueueFilter
from .ratings import DossierRating

__all__ = [
    "CLOSED", "NEEDS_REASONS", "OPEN", "RESOLVED", "Application", "ApplicationAttachment", "ApplicationHistory",
    "ApplicationStatus", "Notification", "OfficerProfile", "SavedPathway", "WebhookEvent", "new_dossier_code",
    "Agency", "AgencyLevel", "ApplicabilityRule", "CalendarException", "CalendarExceptionKind", "LegalDocument",
    "OnlineLevel", "Procedure", "ProcedureDocument", "ProcedureFee", "ProcedurePrerequisite", "ProcedureStep",
    "RuleCondition", "StepMode", "TimeUnit", "CriterionTest", "EnvironmentalCriterion", "PollutingActivity",
    "DossierRating", "ApplicationAssignment", "SavedQueueFilter",
]
