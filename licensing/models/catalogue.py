"""The procedure catalogue: agencies, legal documents, procedure versions and their applicability rules.

Every statutory time, fee and agency is data with an effective date: a law change is a new ``Procedure``
version (same national code, a later ``effective_from``); applications keep the version they were filed
under."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from core.i18n import localized, other_languages_panel
from core.models import RULE_PANELS, AbstractRule, AbstractRuleCondition


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("Central (ministry)")
    PROVINCE = "province", _("Province")
    ZONE_BOARD = "zone_board", _("Economic zone management board")
    DISTRICT = "district", _("District (until 30 June 2025)")
    COMMUNE = "commune", _("Commune")


class TimeUnit(models.TextChoices):
    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("calendar days")


class OnlineLevel(models.TextChoices):
    NONE = "none", _("At the counter only")
    PARTIAL = "partial", _("Partly online")
    FULL = "full", _("Fully online")


class StepMode(models.TextChoices):
    SEQUENTIAL = "sequential", _("After the previous step")
    PARALLEL = "parallel", _("In parallel with its group")
    ALTERNATIVE = "alternative", _("Alternative to the others of its group")


class Currency(models.TextChoices):
    VND = "VND", "VND"
    USD = "USD", "USD"


class Agency(models.Model):
    """A public body that receives and resolves dossiers."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    one_stop_centre_vi = models.CharField(_("one-stop centre (Vietnamese)"), max_length=255, blank=True,
                                          help_text=_("Where dossiers for this agency are lodged."))
    one_stop_centre_en = models.CharField(_("one-stop centre (English)"), max_length=255, blank=True)
    one_stop_centre_ko = models.CharField(_("one-stop centre (Korean)"), max_length=255, blank=True)
    one_stop_centre_ja = models.CharField(_("one-stop centre (Japanese)"), max_length=255, blank=True)
    one_stop_centre_zh_hans = models.CharField(_("one-stop centre (Simplified Chinese)"), max_length=255, blank=True)
    one_stop_centre_zh_hant = models.CharField(_("one-stop centre (Traditional Chinese)"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours_vi = models.CharField(_("opening hours (Vietnamese)"), max_length=255, blank=True)
    opening_hours_en = models.CharField(_("opening hours (English)"), max_length=255, blank=True)
    opening_hours_ko = models.CharField(_("opening hours (Korean)"), max_length=255, blank=True)
    opening_hours_ja = models.CharField(_("opening hours (Japanese)"), max_length=255, blank=True)
    opening_hours_zh_hans = models.CharField(_("opening hours (Simplified Chinese)"), max_length=255, blank=True)
    opening_hours_zh_hant = models.CharField(_("opening hours (Traditional Chinese)"), max_length=255, blank=True)

    panels = [
        FieldPanel("code"), FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]), FieldPanel("level"),
        FieldRowPanel([FieldPanel("one_stop_centre_vi"), FieldPanel("one_stop_centre_en")]),
        MultiFieldPanel([FieldPanel("address"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                         FieldPanel("website"),
                         FieldRowPanel([FieldPanel("opening_hours_vi"), FieldPanel("opening_hours_en")])],
                        heading=_("Contacts")),
        other_languages_panel("name", "one_stop_centre", "opening_hours"),
    ]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def one_stop_centre(self) -> str:
        """Where dossiers are lodged, in the active language."""
        return localized(self, "one_stop_centre")

    @property
    def opening_hours(self) -> str:
        """When the counter is open, in the active language."""
        return localized(self, "opening_hours")


class LegalDocument(models.Model):
    """A law, decree or circular a procedure rests on."""

    number = models.CharField(_("number"), max_length=60, unique=True, help_text=_("For example 61/2020/QH14."))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ko = models.CharField(_("title (Korean)"), max_length=255, blank=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=255, blank=True)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=255, blank=True)
    title_zh_hant = models.CharField(_("title (Traditional Chinese)"), max_length=255, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("number"), FieldRowPanel([FieldPanel("title_vi"), FieldPanel("title_en")]),
              other_languages_panel("title"),
              FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]), FieldPanel("url")]

    class Meta:
        ordering = ["-effective_from", "number"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    def clean(self):
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date is before the start date.")})


def prerequisite_cycle(procedure_code: str, required_codes, *, exclude_pk=None,
                       replacing_procedure_pk=None) -> list[str] | None:
    """The cycle that the edges ``procedure_code -> required code`` would close, by procedure code, or None.

    ``exclude_pk`` leaves out one stored edge (the one being edited); ``replacing_procedure_pk`` leaves out
    every stored edge of that procedure (an admin form replaces them all)."""
    from ..graph import find_cycle

    stored = ProcedurePrerequisite.objects.exclude(pk=exclude_pk)
    if replacing_procedure_pk is not None:
        stored = stored.exclude(procedure_id=replacing_procedure_pk)
    edges = set(stored.values_list("procedure__code", "requires__code"))
    edges.update((procedure_code, code) for code in required_codes)
    cycle = find_cycle(edges)
    if cycle and procedure_code in cycle:
        ring = cycle[:-1]
        start = ring.index(procedure_code)
        ring = ring[start:] + ring[:start]
        return [*ring, procedure_code]
    return None


def cycle_error(cycle: list[str]) -> ValidationError:
    return ValidationError(_("This prerequisite would create a cycle: %(cycle)s.") % {"cycle": " → ".join(cycle)})


class ProcedureAdminForm(WagtailAdminModelForm):
    """The procedure editor: refuses prerequisites that would close a cycle, naming it."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("prerequisites")
        code = cleaned.get("code")
        if formset is None or not code or not formset.is_valid():
            return cleaned
        required = [form.cleaned_data["requires"].code for form in formset.forms
                    if form.cleaned_data.get("requires") and not form.cleaned_data.get("DELETE")]
        cycle = prerequisite_cycle(code, required, replacing_procedure_pk=self.instance.pk)
        if cycle:
            raise cycle_error(cycle)
        return cleaned


class ProcedureQuerySet(models.QuerySet):
    def in_force(self, on: date):
        """The versions in force on ``on``."""
        return self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on)


class Procedure(ClusterableModel):
    """One version of an administrative procedure, from ``effective_from`` to ``effective_to``."""

    code = models.CharField(_("national procedure code"), max_length=40, db_index=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="procedures",
                               verbose_name=_("agency"))
    legal_basis = ParentalManyToManyField(LegalDocument, blank=True, related_name="procedures",
                                          verbose_name=_("legal basis"))
    time_limit = models.PositiveIntegerField(_("statutory time"))
    time_unit = models.CharField(_("time unit"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.WORKING)
    online_level = models.CharField(_("online level"), max_length=10, choices=OnlineLevel.choices,
                                    default=OnlineLevel.PARTIAL)
    portal_url = models.URLField(_("link to the national public service portal"), blank=True)
    result_vi = models.CharField(_("result (Vietnamese)"), max_length=255, blank=True)
    result_en = models.CharField(_("result (English)"), max_length=255, blank=True)
    result_ko = models.CharField(_("result (Korean)"), max_length=255, blank=True)
    result_ja = models.CharField(_("result (Japanese)"), max_length=255, blank=True)
    result_zh_hans = models.CharField(_("result (Simplified Chinese)"), max_length=255, blank=True)
    result_zh_hant = models.CharField(_("result (Traditional Chinese)"), max_length=255, blank=True)
    applies_to_all = models.BooleanField(
        _("applies to every project"), default=False,
        help_text=_("Tick when no applicability rule is needed: every project goes through this procedure."))
    reason_all_vi = models.CharField(_("why it applies to all (Vietnamese)"), max_length=255, blank=True)
    reason_all_en = models.CharField(_("why it applies to all (English)"), max_length=255, blank=True)
    reason_all_ko = models.CharField(_("why it applies to all (Korean)"), max_length=255, blank=True)
    reason_all_ja = models.CharField(_("why it applies to all (Japanese)"), max_length=255, blank=True)
    reason_all_zh_hans = models.CharField(_("why it applies to all (Simplified Chinese)"), max_length=255, blank=True)
    reason_all_zh_hant = models.CharField(_("why it applies to all (Traditional Chinese)"), max_length=255, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    objects = ProcedureQuerySet.as_manager()
    base_form_class = ProcedureAdminForm

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("agency")]),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("time_limit"), FieldPanel("time_unit"), FieldPanel("online_level")]),
        FieldRowPanel([FieldPanel("result_vi"), FieldPanel("result_en")]),
        other_languages_panel("name", "result"),
        FieldPanel("portal_url"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")], heading=_("Version in force")),
        MultiFieldPanel([FieldPanel("applies_to_all"), FieldPanel("reason_all_vi"), FieldPanel("reason_all_en")],
                        heading=_("Applicability")),
        other_languages_panel("reason_all"),
        InlinePanel("prerequisites", label=_("Prerequisites")),
        InlinePanel("fees", label=_("Fees")),
        InlinePanel("documents", label=_("Required documents")),
        InlinePanel("steps", label=_("Steps")),
    ]

    class Meta:
        ordering = ["code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="procedure_version_unique")]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def result(self) -> str:
        return localized(self, "result")

    @property
    def reason_all(self) -> str:
        return localized(self, "reason_all") or str(_("Required for every project."))

    def is_in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or self.effective_to >= on)

    def clean(self):
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date is before the start date.")})
        if self.online_level == OnlineLevel.FULL and not self.portal_url:
            raise ValidationError({"portal_url": _("A fully online procedure needs the link to its online service.")})
        if self.code and self.effective_from:
            end = self.effective_to or date.max
            overlapping = Procedure.objects.filter(code=self.code, effective_from__lte=end).filter(
                Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("Another version of procedure %(code)s is in force over these dates: "
                                        "close it (effective to) before adding a new version.")
                                      % {"code": self.code})


class ProcedurePrerequisite(models.Model):
    """``procedure`` can only be filed once ``requires`` is resolved. The graph is checked for cycles."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="prerequisites")
    requires = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="required_by",
                                 verbose_name=_("requires"))

    panels = [FieldPanel("requires")]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["procedure", "requires"], name="prerequisite_unique")]
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")

    def __str__(self):
        return f"{self.procedure.code} → {self.requires.code}"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        procedure = getattr(self, "procedure", None)  # not attached yet inside an admin formset
        if self.requires_id is None or procedure is None or not procedure.code:
            return
        cycle = prerequisite_cycle(procedure.code, [self.requires.code], exclude_pk=self.pk)
        if cycle:
            raise cycle_error(cycle)


class ProcedureFee(models.Model):
    """A fee or charge; the amount is a Decimal in an explicit currency."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.VND)
    note_vi = models.CharField(_("note (Vietnamese)"), max_length=255, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=255, blank=True)
    note_ko = models.CharField(_("note (Korean)"), max_length=255, blank=True)
    note_ja = models.CharField(_("note (Japanese)"), max_length=255, blank=True)
    note_zh_hans = models.CharField(_("note (Simplified Chinese)"), max_length=255, blank=True)
    note_zh_hant = models.CharField(_("note (Traditional Chinese)"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("amount"), FieldPanel("currency")]),
              FieldRowPanel([FieldPanel("note_vi"), FieldPanel("note_en")]), other_languages_panel("note")]

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self):
        return f"{self.amount} {self.currency}"

    @property
    def note(self) -> str:
        return localized(self, "note")


class ProcedureDocument(models.Model):
    """A document the dossier must contain."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    original = models.BooleanField(_("original required"), default=False)

    panels = [FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]), other_languages_panel("name"),
              FieldRowPanel([FieldPanel("copies"), FieldPanel("original"), FieldPanel("sort_order")])]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class ProcedureStep(models.Model):
    """A step of the procedure; steps of one group are parallel or alternatives when marked so."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ko = models.CharField(_("name (Korean)"), max_length=255, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=255, blank=True)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=255, blank=True)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    mode = models.CharField(_("mode"), max_length=12, choices=StepMode.choices, default=StepMode.SEQUENTIAL)
    group = models.CharField(_("group"), max_length=20, blank=True)

    panels = [FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]), other_languages_panel("name"),
              FieldRowPanel([FieldPanel("days"), FieldPanel("mode"), FieldPanel("group"), FieldPanel("sort_order")])]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class ApplicabilityRule(ClusterableModel, AbstractRule):
    """Why and when a procedure applies to a project profile: a rule of the shared engine (``core.rules``).

    A procedure applies when it is marked "applies to every project" or when any of its active rules applies."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="rules",
                                  verbose_name=_("procedure"))
    active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("procedure"), FieldPanel("active"), *RULE_PANELS]

    class Meta:
        ordering = ["procedure__code", "pk"]
        verbose_name = _("applicability rule")
        verbose_name_plural = _("applicability rules")

    def __str__(self):
        return f"{self.procedure.code}: {self.reason}"


class RuleCondition(AbstractRuleCondition):
    """A condition of an applicability rule, e.g. foreign ownership greater than 50."""

    rule = ParentalKey(ApplicabilityRule, on_delete=models.CASCADE, related_name="conditions")

    class Meta(AbstractRuleCondition.Meta):
        pass
