"""The leads pipeline: an enquiry that became a potential project, its stage with the history of its moves, and
the calls, meetings and visits of the officer who owns it. Leads are the board's own records: never public."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.countries import country_name
from projects.models import validate_country


class LeadStage(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    QUALIFIED = "qualified", _("Qualified")
    SITE_VISIT = "site_visit", _("Site visit")
    COMMITTED = "committed", _("Committed")
    REGISTERED = "registered", _("Registered")
    OPERATING = "operating", _("Operating")
    LOST = "lost", _("Lost")


#: The stages a lead goes through in order, when it is not lost.
FUNNEL = (LeadStage.ENQUIRY, LeadStage.QUALIFIED, LeadStage.SITE_VISIT, LeadStage.COMMITTED, LeadStage.REGISTERED,
          LeadStage.OPERATING)
#: The stages of a lead the board is still working on.
OPEN_STAGES = (LeadStage.ENQUIRY, LeadStage.QUALIFIED, LeadStage.SITE_VISIT, LeadStage.COMMITTED)


class LostReason(models.TextChoices):
    OTHER_LOCATION = "other_location", _("Chose another province")
    OTHER_COUNTRY = "other_country", _("Chose another country")
    NO_LAND = "no_land", _("No suitable land")
    COSTS = "costs", _("Costs too high")
    INCENTIVES = "incentives", _("Incentives not enough")
    LICENSING = "licensing", _("Licensing too slow or uncertain")
    CANCELLED = "cancelled", _("Project cancelled or postponed")
    NO_RESPONSE = "no_response", _("Investor stopped answering")
    OTHER = "other", _("Other reason")


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    SITE_VISIT = "site_visit", _("Site visit")
    EMAIL = "email", _("E-mail")
    NOTE = "note", _("Note")


class LeadQuerySet(models.QuerySet):
    def open(self):
        """Leads the board is still working on (neither registered, operating nor lost)."""
        return self.filter(stage__in=OPEN_STAGES)

    def overdue(self, today):
        """Open leads whose next action was due before ``today``."""
        return self.open().filter(next_action_on__lt=today)


class Lead(models.Model):
    """A potential project: who might invest, what and where, how far it has come and what happens next.

    ``enquiry`` is the enquiry it came from (at most one lead per enquiry); ``project`` the registry's project
    once the investor declared or registered it (at most one lead per project)."""

    investor_name = models.CharField(_("investor"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country],
                               help_text=_("ISO 3166-1 alpha-2 code of the investor's country, e.g. KR."))
    sector = models.ForeignKey("zones.Sector", verbose_name=_("sector (VSIC)"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="leads")
    capital_usd = models.DecimalField(_("capital (USD)"), max_digits=18, decimal_places=2, default=Decimal("0"),
                                      validators=[MinValueValidator(Decimal("0"))])
    jobs = models.PositiveIntegerField(_("jobs"), default=0)
    land_ha = models.DecimalField(_("land needed (ha)"), max_digits=12, decimal_places=2, default=Decimal("0"),
                                  validators=[MinValueValidator(Decimal("0"))])
    zones_considered = models.ManyToManyField("zones.ZonePage", verbose_name=_("zones considered"), blank=True,
                                              related_name="leads")
    stage = models.CharField(_("stage"), max_length=16, choices=LeadStage.choices, default=LeadStage.ENQUIRY,
                             db_index=True)
    stage_since = models.DateTimeField(_("in this stage since"), default=timezone.now)
    lost_reason = models.CharField(_("reason lost"), max_length=20, choices=LostReason.choices, blank=True)
    lost_note = models.CharField(_("why it was lost"), max_length=255, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (%)"), default=10,
                                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    expected_registration_on = models.DateField(_("expected registration"), null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="owned_leads", verbose_name=_("owner"))
    next_action = models.CharField(_("next action"), max_length=255, blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True, db_index=True)
    enquiry = models.ForeignKey("promotion.Enquiry", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="leads", verbose_name=_("enquiry"))
    project = models.ForeignKey("projects.Project", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="leads", verbose_name=_("registry project"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(fields=["enquiry"], condition=Q(enquiry__isnull=False),
                                    name="promotion_one_lead_per_enquiry"),
            models.UniqueConstraint(fields=["project"], condition=Q(project__isnull=False),
                                    name="promotion_one_lead_per_project"),
            models.CheckConstraint(condition=Q(likelihood__lte=100), name="promotion_lead_likelihood_pct"),
        ]

    def __str__(self):
        return f"{self.investor_name} ({self.get_stage_display()})"

    @property
    def is_open(self) -> bool:
        """Whether the board is still working on the lead."""
        return self.stage in OPEN_STAGES

    def is_overdue(self, today) -> bool:
        """Whether the next action of this open lead was due before ``today``."""
        return self.is_open and self.next_action_on is not None and self.next_action_on < today

    def country_label(self, language: str = "en") -> str:
        """The country's name in ``language`` (empty when none is known)."""
        return country_name(self.country, language) if self.country else ""


class LeadStageChange(models.Model):
    """A row of a lead's stage history: every move, the first one (from nothing) when the lead is created."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="stage_history")
    from_stage = models.CharField(_("from"), max_length=16, choices=LeadStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=LeadStage.choices, db_index=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lead stage change")
        verbose_name_plural = _("lead stage changes")

    def __str__(self):
        return f"{self.lead_id}: {self.from_stage or '—'} → {self.to_stage} ({self.at:%Y-%m-%d})"


class LeadActivity(models.Model):
    """A call, meeting, site visit, e-mail or note about a lead."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices, default=ActivityKind.CALL)
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("lead activity")
        verbose_name_plural = _("lead activities")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.date:%Y-%m-%d}"
