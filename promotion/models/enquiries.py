"""Investor enquiries: the topics the board answers with their service level, each enquiry and its messages."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.i18n import localized
from licensing.storage import private_storage


class EnquiryTopic(models.Model):
    """What an enquiry is about, and how many working days the board gives itself to answer it."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    response_days = models.PositiveSmallIntegerField(
        _("response time (working days)"), default=5,
        help_text=_("The board's service level: the first answer is due this many working days after receipt."))
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]), FieldPanel("response_days"),
              FieldPanel("active"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("enquiry topic")
        verbose_name_plural = _("enquiry topics")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The topic's name in the active language."""
        return localized(self, "name")


class EnquiryStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class EnquiryQuerySet(models.QuerySet):
    def open(self):
        """Enquiries still waiting for the board's first answer."""
        return self.filter(first_answered_at__isnull=True).exclude(status=EnquiryStatus.CLOSED)

    def overdue(self, today):
        """Open enquiries whose answer was due before ``today``."""
        return self.open().filter(due_on__lt=today)


def new_token() -> str:
    """A secret for the investor's private link (256 bits)."""
    return secrets.token_urlsafe(32)


class Enquiry(models.Model):
    """A question an investor put to the board, with what they were looking at and their project profile."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    topic = models.ForeignKey(EnquiryTopic, on_delete=models.PROTECT, related_name="enquiries",
                              verbose_name=_("topic"))
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    page_title = models.CharField(_("page title"), max_length=255, blank=True)
    zone_code = models.CharField(_("zone code"), max_length=64, blank=True)
    plot_code = models.CharField(_("plot code"), max_length=64, blank=True)
    profile = models.JSONField(_("project profile"), default=dict, blank=True)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, default="vi")
    message = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=16, choices=EnquiryStatus.choices,
                              default=EnquiryStatus.RECEIVED, db_index=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="assigned_enquiries", verbose_name=_("officer"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_on = models.DateField(_("answer due on"), db_index=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledgement e-mailed"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="enquiries", verbose_name=_("account"))

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "received_at"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")

    def __str__(self):
        return self.reference or f"#{self.pk}"

    def is_overdue(self, today) -> bool:
        """Whether the first answer is late on ``today``."""
        return (self.first_answered_at is None and self.status != EnquiryStatus.CLOSED
                and self.due_on < today)


class ConversationMessage(models.Model):
    """One message of a conversation between an investor and the board: from an officer (a public answer, or
    an internal note the investor never sees) or from the investor (``author`` empty, or their account)."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    from_board = models.BooleanField(_("from the board"), default=False)
    body = models.TextField(_("message"))
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class EnquiryMessage(ConversationMessage):
    """One message of an enquiry's conversation."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="messages")

    class Meta(ConversationMessage.Meta):
        verbose_name = _("enquiry message")
        verbose_name_plural = _("enquiry messages")

    def __str__(self):
        return f"{self.enquiry} · {self.created_at:%Y-%m-%d %H:%M}"


class EnquiryAttachment(models.Model):
    """A file the investor sent with the enquiry, in private storage, served only through checked views."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="enquiries/%Y/%m")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("enquiry attachment")
        verbose_name_plural = _("enquiry attachments")

    def __str__(self):
        return self.original_name


class AnswerTemplate(models.Model):
    """A common answer in both languages that an officer starts a reply from. ``{name}``, ``{organisation}``,
    ``{reference}``, ``{topic}``, ``{due}`` and ``{officer}`` are filled from the enquiry."""

    title = models.CharField(_("title"), max_length=120)
    topic = models.ForeignKey(EnquiryTopic, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="answer_templates", verbose_name=_("topic"),
                              help_text=_("Offered on enquiries of this topic only; empty for every topic."))
    body_en = models.TextField(_("answer (English)"))
    body_vi = models.TextField(_("answer (Vietnamese)"))
    active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("title"), FieldPanel("topic"), FieldPanel("body_en"), FieldPanel("body_vi"),
              FieldPanel("active")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self):
        return self.title


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder before the deadline")
    ESCALATION = "escalation", _("Escalation when overdue")


class EnquiryReminder(models.Model):
    """A reminder or escalation e-mailed about an enquiry: at most one of each kind per enquiry."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("enquiry reminder")
        verbose_name_plural = _("enquiry reminders")
        constraints = [models.UniqueConstraint(fields=["enquiry", "kind"], name="promotion_one_reminder_per_kind")]

    def __str__(self):
        return f"{self.enquiry} · {self.get_kind_display()}"
