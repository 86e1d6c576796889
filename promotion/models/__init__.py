"""The models of investment promotion, one module per domain: enquiries, the leads pipeline, aftercare and
service-quality ratings."""

from .aftercare import (
    ISSUE_TRANSITIONS,
    AftercareAccount,
    AftercareIssue,
    AftercareIssueQuerySet,
    AftercareMessage,
    IssueCategory,
    IssueStatus,
)
from .enquiries import (
    AnswerTemplate,
    Enquiry,
    EnquiryAttachment,
    EnquiryMessage,
    EnquiryQuerySet,
    EnquiryReminder,
    EnquiryStatus,
    EnquiryTopic,
    ReminderKind,
    new_token,
)
from .leads import (
    FUNNEL,
    OPEN_STAGES,
    ActivityKind,
    Lead,
    LeadActivity,
    LeadQuerySet,
    LeadStage,
    LeadStageChange,
    LostReason,
)
from .quality import EnquiryRating

__all__ = ["AnswerTemplate", "Enquiry", "EnquiryAttachment", "EnquiryMessage", "EnquiryQuerySet", "EnquiryRating",
           "EnquiryReminder", "EnquiryStatus", "EnquiryTopic", "ReminderKind", "new_token",
           "FUNNEL", "OPEN_STAGES", "ActivityKind", "Lead", "LeadActivity", "LeadQuerySet", "LeadStage",
           "LeadStageChange", "LostReason",
           "AftercareAccount", "AftercareIssue", "AftercareIssueQuerySet", "AftercareMessage",
           "ISSUE_TRANSITIONS", "IssueCategory", "IssueStatus"]
