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
from .quality import EnquiryRating

__all__ = ["AnswerTemplate", "Enquiry", "EnquiryAttachment", "EnquiryMessage", "EnquiryQuerySet", "EnquiryRating",
           "EnquiryReminder", "EnquiryStatus", "EnquiryTopic", "ReminderKind", "new_token"]
