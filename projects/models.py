"""Investors, projects with their ownership shares, capital history and status history, and import jobs.

Fields listed in a model's ``PRIVATE_FIELDS`` are confidential: they never reach public pages, exports,
endpoints or search indexes."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.imports import ImportLifecycle, ImportStatus
from zones.models.reference import LocalizedNameMixin

from .choices import CapitalChangeKind, Currency, InvestorKind, ProjectKind, ProjectStatus
from .countries import COUNTRIES, country_name

HOME_COUNTRY = "VN"
HUNDRED = Decimal("100")
MONEY = {"max_digits": 22, "decimal_places": 2}


def validate_country(value: str) -> None:
    """Reject anything that is not an ISO 3166-1 alpha-2 code."""
    if value not in COUNTRIES:
        raise ValidationError(_("%(code)s is not an ISO 3166-1 alpha-2 country code."), params={"code": value})


class Investor(LocalizedNameMixin, index.Indexed):
    """An enterprise or person investing in the province."""

    PRIVATE_FIELDS = ("contact_name", "contact_email", "contact_phone", "address", "private_notes")

    kind = models.CharField(_("kind"), max_length=24, choices=InvestorKind.choices,
                            default=InvestorKind.DOMESTIC_ENTERPRISE)
    country = models.CharField(_("country"), max_length=2, default=HOME_COUNTRY, validators=[validate_country],
                               db_index=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. VN, KR, JP."))
    registration_number = models.CharField(_("registration / tax number"), max_length=40, blank=True,
                                           db_index=True)
    contact_name = models.CharField(_("contact person (private)"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail (private)"), blank=True)
    contact_phone = models.CharField(_("contact telephone (private)"), max_length=40, blank=True)
    address = models.TextField(_("address (private)"), blank=True)
    private_notes = models.TextField(_("private notes"), blank=True)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, through="InvestorMembership", blank=True,
                                   related_name="investors", verbose_name=_("users"))

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country"), FieldPanel("registration_number")]),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone"),
                         FieldPanel("address"), FieldPanel("private_notes")],
                        heading=_("Private contacts (never published)")),
    ]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en"),
                     index.SearchField("registration_number"), index.FilterField("country"),
                     index.FilterField("kind")]

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ["name_vi"]

    def clean(self):
        super().clean()
        self.country = (self.country or "").upper()
        if self.kind == InvestorKind.DOMESTIC_ENTERPRISE and self.country != HOME_COUNTRY:
            raise ValidationError({"kind": _("A domestic enterprise is registered in Vietnam (VN).")})
        if self.kind == InvestorKind.FOREIGN_ENTERPRISE and self.country == HOME_COUNTRY:
            raise ValidationError({"kind": _("A foreign enterprise has a country other than Vietnam.")})

    @property
    def is_foreign(self) -> bool:
        return self.country != HOME_COUNTRY

    @property
    def country_name(self) -> str:
        return country_name(self.country, get_language() or "en")


class InvestorMembership(models.Model):
    """A user acting for an investor (the licensing app lists "my applications" through it)."""

    investor = models.ForeignKey(Investor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="investor_memberships")
    role = models.CharField(_("role"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("investor membership")
        constraints = [models.UniqueConstraint(fields=["investor", "user"], name="projects_membership_unique")]

    def __str__(self):
        return f"{self.user} → {self.investor}"


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """Projects of the investors ``user`` belongs to."""
        return self.filter(investors__users=user).distinct()

    def valid_on(self, on_date):
        """Projects registered by ``on_date`` and not terminated by then."""
        return self.filter(Q(registered_on__lte=on_date),
                           Q(terminated_on__isnull=True) | Q(terminated_on__gt=on_date))


class Project(ClusterableModel, LocalizedNameMixin, index.Indexed):
    """A licensed investment project. Capital figures are kept in the currency of registration and as VND and
    USD equivalents at a recorded exchange rate (VND per USD) and date."""

    PRIVATE_FIELDS = ("private_notes",)

    code = models.CharField(_("project code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.DOMESTIC,
                            db_index=True,
                            help_text=_("FDI when any investor is foreign (foreign share above 0%)."))
    foreign_share_pct = models.DecimalField(_("foreign share (%)"), max_digits=6, decimal_places=2,
                                            default=Decimal("0"), editable=False)
    lead_country = models.CharField(_("investor country"), max_length=2, default=HOME_COUNTRY, editable=False,
                                    db_index=True,
                                    help_text=_("Country of the largest foreign shareholder; VN when domestic."))
    investors = models.ManyToManyField(Investor, through="ProjectInvestor", related_name="projects",
                                       verbose_name=_("investors"))
    sector = models.ForeignKey("zones.Sector", verbose_name=_("sector (VSIC)"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="projects")
    policy_decision_number = models.CharField(_("policy approval number"), max_length=60, blank=True)
    certificate_number = models.CharField(_("investment registration certificate number"), max_length=60,
                                          blank=True)
    status = models.CharField(_("status"), max_length=24, choices=ProjectStatus.choices,
                              default=ProjectStatus.REGISTERED, db_index=True)
    registered_on = models.DateField(_("registered on"), db_index=True)
    policy_approved_on = models.DateField(_("policy approved on"), null=True, blank=True)
    certificate_date = models.DateField(_("certificate issued on"), null=True, blank=True)
    construction_started_on = models.DateField(_("construction started on"), null=True, blank=True)
    operating_since = models.DateField(_("operating since"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True,
                            validators=[MinValueValidator(-180), MaxValueValidator(180)])
    lat = models.FloatField(_("latitude"), null=True, blank=True,
                            validators=[MinValueValidator(-90), MaxValueValidator(90)])
    zone = models.ForeignKey("zones.ZonePage", verbose_name=_("zone"), null=True, blank=True, editable=False,
                             on_delete=models.SET_NULL, related_name="projects")
    commune = models.ForeignKey("zones.AdministrativeUnit", verbose_name=_("commune"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="projects")
    land_area_m2 = models.DecimalField(_("land area (m²)"), max_digits=14, decimal_places=2, null=True, blank=True)
    plots = models.ManyToManyField("zones.Plot", verbose_name=_("leased plots"), blank=True,
                                   related_name="projects")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    registered_capital = models.DecimalField(_("registered capital"), **MONEY, default=Decimal("0"))
    capital_vnd = models.DecimalField(_("registered capital (VND)"), **MONEY, default=Decimal("0"))
    capital_usd = models.DecimalField(_("registered capital (USD)"), **MONEY, default=Decimal("0"))
    exchange_rate = models.DecimalField(_("exchange rate (VND per USD)"), max_digits=12, decimal_places=2)
    exchange_rate_date = models.DateField(_("exchange rate date"))
    disbursed_vnd = models.DecimalField(_("disbursed capital (VND)"), **MONEY, default=Decimal("0"))
    disbursed_usd = models.DecimalField(_("disbursed capital (USD)"), **MONEY, default=Decimal("0"))
    planned_employees = models.PositiveIntegerField(_("planned employees"), default=0)
    private_notes = models.TextField(_("private notes"), blank=True)

    objects = ProjectQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("sector")]),
        InlinePanel("shares", label=_("Investors and ownership shares"), min_num=1),
        MultiFieldPanel([FieldRowPanel([FieldPanel("currency"), FieldPanel("registered_capital")]),
                         FieldRowPanel([FieldPanel("exchange_rate"), FieldPanel("exchange_rate_date")]),
                         FieldRowPanel([FieldPanel("disbursed_vnd"), FieldPanel("disbursed_usd")])],
                        heading=_("Capital")),
        InlinePanel("capital_changes", label=_("Capital changes")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("registered_on"),
                         FieldRowPanel([FieldPanel("policy_decision_number"), FieldPanel("policy_approved_on")]),
                         FieldRowPanel([FieldPanel("certificate_number"), FieldPanel("certificate_date")]),
                         FieldRowPanel([FieldPanel("construction_started_on"), FieldPanel("operating_since")]),
                         FieldRowPanel([FieldPanel("suspended_on"), FieldPanel("terminated_on")])],
                        heading=_("Status and dates")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("lon"), FieldPanel("lat")]), FieldPanel("commune"),
                         FieldPanel("land_area_m2"), FieldPanel("plots"), FieldPanel("planned_employees")],
                        heading=_("Location and land")),
        FieldPanel("private_notes"),
    ]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en"), index.SearchField("code"),
                     index.SearchField("certificate_number"), index.FilterField("kind"), index.FilterField("status"),
                     index.FilterField("registered_on"), index.FilterField("lead_country"),
                     index.FilterField("sector"), index.FilterField("currency"), index.FilterField("zone")]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-registered_on", "code"]

    def clean(self):
        super().clean()
        errors = {}
        if self.registered_capital is not None and self.registered_capital < 0:
            errors["registered_capital"] = _("Capital cannot be negative.")
        if (self.lon is None) != (self.lat is None):
            errors["lat"] = _("Give both longitude and latitude, or neither.")
        if self.terminated_on and self.registered_on and self.terminated_on < self.registered_on:
            errors["terminated_on"] = _("A project cannot end before it was registered.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_fdi(self) -> bool:
        return self.kind == ProjectKind.FDI

    def profile_initial(self) -> dict:
        """What the record says about the project as the licensing plan form's initial values (profile fields
        the record does not know are left out)."""
        values = {
            "foreign_ownership_pct": self.foreign_share_pct, "sector_code": self.sector.code if self.sector_id else "",
            "capital_usd": self.capital_usd or None, "employees": self.planned_employees or None,
            "land_area_m2": self.land_area_m2, "zone_id": self.zone_id,
            "zone_kind": self.zone.kind if self.zone_id else "", "commune_id": self.commune_id,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}

    def convert(self, amount: Decimal, currency: str) -> tuple[Decimal, Decimal]:
        """``amount`` in ``currency`` as (VND, USD) at the project's recorded rate."""
        return convert(amount, currency, self.exchange_rate)


def convert(amount: Decimal, currency: str, rate: Decimal) -> tuple[Decimal, Decimal]:
    """``amount`` in ``currency`` as (VND, USD) at ``rate`` VND per USD, rounded to 2 decimals."""
    cents = Decimal("0.01")
    if currency == Currency.USD:
        return (amount * rate).quantize(cents), amount.quantize(cents)
    return amount.quantize(cents), (amount / rate).quantize(cents)


class ProjectInvestor(Orderable):
    """An investor's ownership share in a project. A project's shares total 100%."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="shares")
    investor = models.ForeignKey(Investor, verbose_name=_("investor"), on_delete=models.PROTECT,
                                 related_name="shares")
    share_pct = models.DecimalField(_("share (%)"), max_digits=6, decimal_places=2,
                                    validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(HUNDRED)])

    panels = [FieldRowPanel([FieldPanel("investor"), FieldPanel("share_pct")])]

    class Meta(Orderable.Meta):
        verbose_name = _("ownership share")
        verbose_name_plural = _("ownership shares")
        constraints = [models.UniqueConstraint(fields=["project", "investor"], name="projects_share_unique")]

    def __str__(self):
        return f"{self.investor} {self.share_pct}%"


class CapitalChange(Orderable):
    """One dated event in a project's capital: its first registration, an increase or decrease, or a
    contribution / share purchase by foreign investors. Amounts are positive; ``kind`` gives the sign."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="capital_changes")
    kind = models.CharField(_("kind"), max_length=16, choices=CapitalChangeKind.choices, db_index=True)
    date = models.DateField(_("date"), db_index=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    amount_vnd = models.DecimalField(_("amount (VND)"), **MONEY, default=Decimal("0"))
    amount_usd = models.DecimalField(_("amount (USD)"), **MONEY, default=Decimal("0"))
    exchange_rate = models.DecimalField(_("exchange rate (VND per USD)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
              FieldRowPanel([FieldPanel("currency"), FieldPanel("amount"), FieldPanel("exchange_rate")]),
              FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("capital change")
        verbose_name_plural = _("capital changes")
        indexes = [models.Index(fields=["date", "kind"], name="projects_cc_date_kind")]
        constraints = [models.UniqueConstraint(
            fields=["project"], condition=Q(kind=CapitalChangeKind.NEW), name="projects_cc_one_new_registration",
            violation_error_message=_("This project already has its new registration; record an increase or a "
                                      "decrease, or correct the new registration itself."))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} {self.currency} ({self.date})"

    def save(self, *args, **kwargs):
        """Keep the VND and USD equivalents in step with the amount and rate."""
        if self.amount is not None and self.exchange_rate:
            self.amount_vnd, self.amount_usd = convert(self.amount, self.currency, self.exchange_rate)
        super().save(*args, **kwargs)


class ProjectStatusChange(models.Model):
    """A row of a project's status history."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(_("from"), max_length=24, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=24, choices=ProjectStatus.choices)
    date = models.DateField(_("date"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.project}: {self.from_status} → {self.to_status} ({self.date})"


class ImportJob(ImportLifecycle):
    """A spreadsheet upload going through mapping, validation (its preview) and import; ``report`` holds the
    outcome. Its lifecycle is ``core.imports``'s: staged (mapping; ``started_at`` set while it is validated),
    previewed (the report), running, done / failed / cancelled."""

    file = models.FileField(_("file"), upload_to="projects/imports/")
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    encoding = models.CharField(_("encoding"), max_length=32, blank=True)
    headers = models.JSONField(_("columns"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(_("report"), default=dict)
    only_valid = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("project import")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def validation_pending(self) -> bool:
        """The rows are being validated (by a task) and the report is not ready yet."""
        return self.status == ImportStatus.STAGED and self.started_at is not None

    @property
    def progress_pct(self) -> int:
        return int(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0

    @classmethod
    def with_staged_files(cls) -> Q:
        return ~Q(file="")

    def discard_staged_files(self) -> None:
        """Delete the uploaded spreadsheet from storage and forget it."""
        if self.file:
            self.file.delete(save=False)
        type(self).objects.filter(pk=self.pk).update(file="")
