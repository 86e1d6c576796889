"""Models of the licensing app: the procedure catalogue, the calendar's exceptions, applications."""

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

__all__ = [
    "Agency", "AgencyLevel", "ApplicabilityRule", "CalendarException", "CalendarExceptionKind", "LegalDocument",
    "OnlineLevel", "Procedure", "ProcedureDocument", "ProcedureFee", "ProcedurePrerequisite", "ProcedureStep",
    "RuleCondition", "StepMode", "TimeUnit",
]
