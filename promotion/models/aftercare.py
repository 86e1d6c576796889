"""Aftercare of operating projects: each project's named account officer, the issues the investor or the board
raise about it (land, permits, labour, utilities, customs...) and each issue's conversation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enquiries import ConversationMessage


class AftercareAccount(models.Model):
    """The board's named account officer of an operating project, and since when they hold the account."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="aftercare_account",
                                   verbose_name=_("project"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="aftercare_accounts", verbose_name=_("account officer"))
    since = models.DateField(_("account officer since"), default=timezone.localdate)

    class Meta:
        ordering = ["project__code"]
        verbose_name = _("aftercare account")
        verbose_name_plural = _("aftercare accounts")

    def __str__(self):
        return f"{self.project} · {self.officer}"


class IssueCategory(models.TextChoices):
    LAND = "land", pgettext_lazy("aftercare category", "Land")
    PERMITS = "permits", pgettext_lazy("aftercare category", "Permits")
    LABOUR = "labour", pgettext_lazy("aftercare category", "Labour")
    UTILITIES = "utilities", pgettext_lazy("aftercare category", "Utilities")
    CUSTOMS = "customs", pgettext_lazy("aftercare category", "Customs")
    TAX = "tax", pgettext_lazy("aftercare category", "Tax")
    INFRASTRUCTURE = "infrastructure", pgettext_lazy("aftercare category", "Infrastructure")
    OTHER = "other", pgettext_lazy("aftercare category", "Other")


class IssueStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("aftercare status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("aftercare status", "In progress")
    ESCALATED = "escalated", pgettext_lazy("aftercare status", "Escalated")
    RESOLVED = "resolved", pgettext_lazy("aftercare status", "Resolved")
    CLOSED = "closed", pgettext_lazy("aftercare status", "Closed")


#: The statuses an issue may move to from each status. Closed is final; a resolved issue reopens (in progress)
#: when the investor writes again or the board takes it up.
ISSUE_TRANSITIONS: dict[str, frozenset[str]] = {
    IssueStatus.OPEN: frozenset({IssueStatus.IN_PROGRESS, IssueStatus.ESCALATED, IssueStatus.RESOLVED,
                                 IssueStatus.CLOSED}),
    IssueStatus.IN_PROGRESS: frozenset({IssueStatus.ESCALATED, IssueStatus.RESOLVED, IssueStatus.CLOSED}),
    IssueStatus.ESCALATED: frozenset({IssueStatus.IN_PROGRESS, IssueStatus.RESOLVED, IssueStatus.CLOSED}),
    IssueStatus.RESOLVED: frozenset({IssueStatus.IN_PROGRESS, IssueStatus.CLOSED}),
    IssueStatus.CLOSED: frozenset(),
}

#: The statuses of an issue the board still has to act on.
UNRESOLVED = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS, IssueStatus.ESCALATED)


class AftercareIssueQuerySet(models.QuerySet):
    def unresolved(self):
        """Issues neither resolved nor closed."""
        return self.filter(status__in=UNRESOLVED)

    def overdue(self, today):
        """Unresolved issues whose due date is before ``today``."""
        return self.unresolved().filter(due_on__lt=today)


class AftercareIssue(models.Model):
    """A problem an operating project meets (land, permits, labour...), raised by the investor or the board,
    followed by an owner with a due date, possibly with another agency, escalated when it is late."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="aftercare_issues",
                                verbose_name=_("project"))
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=IssueCategory.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    raised_by_investor = models.BooleanField(_("raised by the investor"), default=False)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="raised_aftercare_issues", verbose_name=_("raised by"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="owned_aftercare_issues", verbose_name=_("owner"))
    agency = models.ForeignKey("licensing.Agency", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="aftercare_issues", verbose_name=_("agency involved"))
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.OPEN,
                              db_index=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalated_to = models.TextField(_("escalated to"), blank=True)
    escalation_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised"), default=timezone.now)

    objects = AftercareIssueQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at", "pk"]
        verbose_name = _("aftercare issue")
        verbose_name_plural = _("aftercare issues")

    def __str__(self):
        return self.reference or f"#{self.pk}"

    def can_move_to(self, status: str) -> bool:
        """Whether the issue may go from its status to ``status``."""
        return status in ISSUE_TRANSITIONS[self.status]

    @property
    def is_unresolved(self) -> bool:
        """Whether the board still has to act on the issue."""
        return self.status in UNRESOLVED

    def is_overdue(self, today) -> bool:
        """Whether the issue is unresolved after its due date on ``today``."""
        return self.is_unresolved and self.due_on < today


class AftercareMessage(ConversationMessage):
    """One message of an issue's conversation."""

    issue = models.ForeignKey(AftercareIssue, on_delete=models.CASCADE, related_name="messages")

    class Meta(ConversationMessage.Meta):
        verbose_name = _("aftercare message")
        verbose_name_plural = _("aftercare messages")

    def __str__(self):
        return f"{self.issue} · {self.created_at:%Y-%m-%d %H:%M}"
