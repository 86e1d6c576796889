"""The models of investment promotion, one module per domain: enquiries, the leads pipeline, aftercare and
service-quality ratings."""

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

__all__ = ["AnswerTemplate", "Enquiry", "EnquiryAttachment", "EnquiryMessage", "EnquiryQuerySet",
           "EnquiryReminder", "EnquiryStatus", "EnquiryTopic", "ReminderKind", "new_token"]

from .aftercare import (  # noqa: E402
    ISSUE_TRANSITIONS,
    AftercareAccount,
    AftercareIssue,
    AftercareIssueQuerySet,
    AftercareMessage,
    IssueCategory,
    IssueStatus,
)

__all__ += ["AftercareAccount", "AftercareIssue", "AftercareIssueQuerySet", "AftercareMessage",
            "ISSUE_TRANSITIONS", "IssueCategory", "IssueStatus"]
