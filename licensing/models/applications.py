"""Applications (dossiers), their history, attachments, notifications, saved pathways and webhook events."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .catalogue import Agency, Procedure


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    IN_PROCESS = "in_process", _("In process")
    SENT_BACK = "sent_back", _("Sent back for more documents")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Resolved: approved")
    REFUSED = "refused", _("Resolved: refused")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


RESOLVED = (ApplicationStatus.APPROVED, ApplicationStatus.REFUSED)
CLOSED = (*RESOLVED, ApplicationStatus.RETURNED, ApplicationStatus.WITHDRAWN)
OPEN = tuple(status for status in ApplicationStatus.values if status not in CLOSED)
# The moves that tell an investor "no" or "not yet": an officer makes them only with written reasons.
NEEDS_REASONS = (ApplicationStatus.REFUSED, ApplicationStatus.SENT_BACK, ApplicationStatus.RETURNED)


def new_tracking_token() -> str:
    return secrets.token_urlsafe(24)


def new_dossier_code(on: date | None = None) -> str:
    """A dossier code like ``DOS-260105-7F3A9C`` dated by ``on``, the day the dossier was lodged (today when
    it is not known, as for the field's default); it identifies, the tracking token authorises."""
    return f"DOS-{on or timezone.localdate():%y%m%d}-{secrets.token_hex(3).upper()}"


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Applications of the investors ``user`` belongs to."""
        return self.filter(project__investors__users=user).distinct()

    def for_agency(self, agency_id):
        return self.filter(agency_id=agency_id)

    def open(self):
        return self.filter(status__in=OPEN)

    def finished(self):
        """Resolved, returned or withdrawn."""
        return self.filter(status__in=CLOSED)

    def with_finished_on(self):
        """Fill each row's ``finished_on`` in the same query: the effective date of the move that finished it."""
        closing = ApplicationHistory.objects.filter(application=models.OuterRef("pk"),
                                                    to_status=models.OuterRef("status"))
        return self.annotate(finished_on=models.Case(
            models.When(status__in=CLOSED, then=Coalesce(
                "resolved_on", models.Subquery(closing.order_by("-on", "-pk").values("on")[:1]))),
            default=None, output_field=models.DateField()))

    def overdue(self, today):
        """Open, not paused, past their due date."""
        return self.open().filter(due_date__lt=today).exclude(status=ApplicationStatus.SENT_BACK)


class Application(models.Model):
    """A dossier filed for one procedure version of one project. Status changes only through
    ``licensing.workflow.transition``."""

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="applications",
                                verbose_name=_("project"))
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="applications",
                                  verbose_name=_("procedure (version)"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applications", editable=False,
                               verbose_name=_("agency"))
    dossier_code = models.CharField(_("dossier code"), max_length=40, unique=True, default=new_dossier_code)
    tracking_token = models.CharField(_("tracking token"), max_length=64, unique=True, default=new_tracking_token,
                                      editable=False)
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.SUBMITTED, editable=False, db_index=True)
    submitted_on = models.DateField(_("submitted on"))
    received_on = models.DateField(_("received on"), null=True, blank=True, editable=False)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True, editable=False,
                                      help_text=_("The number on the receipt the counter hands the investor."))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="assigned_applications", editable=False,
                                    verbose_name=_("assigned officer"))
    due_date = models.DateField(_("due date"), null=True, blank=True, editable=False, db_index=True)
    paused_since = models.DateField(_("clock paused since"), null=True, blank=True, editable=False)
    paused_working_days = models.PositiveIntegerField(_("working days paused"), default=0, editable=False)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True, editable=False)
    days_taken = models.PositiveIntegerField(
        _("time taken"), null=True, blank=True, editable=False,
        help_text=_("From receipt to decision on the statutory clock, in the procedure's unit, less the working "
                    "days the dossier was sent back to the investor."))
    result_number = models.CharField(_("decision or certificate number"), max_length=80, blank=True)
    result_file = models.FileField(_("result file"), storage=private_storage, upload_to="results/%Y/%m",
                                   blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["agency", "status", "due_date"], name="application_queue_idx")]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return f"{self.dossier_code} ({self.procedure.code})"

    def save(self, *args, **kwargs):
        if self.procedure_id and not self.agency_id:
            self.agency_id = self.procedure.agency_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED

    @property
    def is_finished(self) -> bool:
        """Resolved, returned or withdrawn: no further move is possible."""
        return self.status in CLOSED

    @cached_property
    def finished_on(self) -> date | None:
        """The effective date of the move that finished the dossier; None while it is open.

        ``Application.objects.with_finished_on()`` fills it for a whole list in one query."""
        if not self.is_finished:
            return None
        if self.resolved_on:
            return self.resolved_on
        return (self.history.filter(to_status=self.status).order_by("-on", "-pk")
                .values_list("on", flat=True).first())

    def clock_days(self, working_calendar) -> int | None:
        """How long the decision took on the statutory clock, in the procedure's unit (working or calendar
        days): from receipt to decision, less the working days the dossier was sent back to the investor.
        ``None`` until it is decided."""
        if self.received_on is None or self.resolved_on is None:
            return None
        if self.procedure.time_unit == "calendar":
            elapsed = (self.resolved_on - self.received_on).days
        else:
            elapsed = working_calendar.working_days_between(self.received_on, self.resolved_on)
        return max(elapsed - self.paused_working_days, 0)

    def is_late(self, today=None) -> bool:
        """Resolved after the due date, or still open past it."""
        if self.due_date is None:
            return False
        if self.is_resolved:
            return self.resolved_on > self.due_date
        if not self.is_open or self.status == ApplicationStatus.SENT_BACK:
            return False
        return (today or timezone.localdate()) > self.due_date


class ApplicationHistory(models.Model):
    """One status change: who, when, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    at = models.DateTimeField(default=timezone.now)
    on = models.DateField(_("effective date"))
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=20, default="portal")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"

    @property
    def gives_reasons(self) -> bool:
        """The note of this change is the officer's reasons for it (a refusal, send-back or return)."""
        return self.to_status in NEEDS_REASONS


class ApplicationAttachment(models.Model):
    """A file of the dossier, in private storage."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="attachments/%Y/%m")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Notification(models.Model):
    """A message to a user about an application, shown on the site and sent by e-mail once.

    ``key`` makes each notification idempotent: a redelivered task finds it and sends nothing twice."""

    key = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20)
    message_en = models.TextField()
    message_vi = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.key

    @property
    def message(self) -> str:
        from core.i18n import localized

        return localized(self, "message")


class SavedPathway(models.Model):
    """A pathway an investor saved to a project: the profile and the procedures at the time."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="saved_pathways")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    start = models.DateField()
    completion = models.DateField()
    working_days = models.PositiveIntegerField()
    profile = models.JSONField()
    procedures = models.ManyToManyField(Procedure, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved pathway")
        verbose_name_plural = _("saved pathways")

    def __str__(self):
        return f"{self.project} {self.created_at:%Y-%m-%d}"


class WebhookEvent(models.Model):
    """An event received from the one-stop system; its id makes replays harmless."""

    event_id = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField()
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return self.event_id
