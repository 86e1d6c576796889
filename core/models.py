"""Abstract models of the rule engine: a rule with its reason in both languages and its conditions.

Apps make them concrete (``zones.EligibilityRule`` for incentives, ``licensing.ApplicabilityRule`` for
procedures); the admin edits both with ``RULE_PANELS`` and ``CONDITION_PANELS``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from .i18n import OTHER_LANGUAGES, localized, other_languages_panel
from .rules import FIELD_CHOICES, OPERATOR_CHOICES, Rule, compile_condition, compile_rule

CONDITION_PANELS = [FieldRowPanel([FieldPanel("group"), FieldPanel("negate"), FieldPanel("field"),
                                   FieldPanel("operator"), FieldPanel("value")])]
RULE_PANELS = [
    FieldRowPanel([FieldPanel("reason_vi"), FieldPanel("reason_en")]),
    other_languages_panel("reason"),
    InlinePanel("conditions", label=_("Conditions"),
                help_text=_("Conditions with the same group number must all hold; the rule applies when any "
                            "group holds, and always when it has no condition. Tick “not” for the opposite.")),
]


class AbstractRule(models.Model):
    """A rule: why it exists, in every site language, and its conditions (a ``conditions`` child relation)."""

    reason_vi = models.CharField(_("why it applies (Vietnamese)"), max_length=255)
    reason_en = models.CharField(_("why it applies (English)"), max_length=255)
    reason_ko = models.CharField(_("why it applies (Korean)"), max_length=255, blank=True)
    reason_ja = models.CharField(_("why it applies (Japanese)"), max_length=255, blank=True)
    reason_zh_hans = models.CharField(_("why it applies (Simplified Chinese)"), max_length=255, blank=True)
    reason_zh_hant = models.CharField(_("why it applies (Traditional Chinese)"), max_length=255, blank=True)

    panels = RULE_PANELS

    class Meta:
        abstract = True

    def __str__(self):
        return self.reason

    @property
    def reason(self) -> str:
        """Why the rule applies, in the active language."""
        return localized(self, "reason")

    def compiled(self) -> Rule:
        """The rule ready to evaluate (its conditions read through ``conditions.all()``, prefetch-friendly)."""
        return compile_rule(self.pk, self.reason_en, self.reason_vi,
                            [(c.group, c.field, c.operator, c.value, c.negate) for c in self.conditions.all()],
                            **{f"reason_{suffix}": getattr(self, f"reason_{suffix}") for suffix in OTHER_LANGUAGES})


class AbstractRuleCondition(models.Model):
    """One comparison of a profile field with a value, e.g. foreign ownership greater than 50, or its opposite."""

    group = models.PositiveSmallIntegerField(_("group"), default=1,
                                             help_text=_("Same group: all must hold. Different groups: any."))
    negate = models.BooleanField(_("not"), default=False, help_text=_("The opposite of the condition holds."))
    field = models.CharField(_("profile field"), max_length=40, choices=FIELD_CHOICES)
    operator = models.CharField(_("operator"), max_length=12, choices=OPERATOR_CHOICES)
    value = models.CharField(_("value"), max_length=400, blank=True,
                             help_text=_("Comma-separated for 'one of' and sector prefixes; true/false for yes-no "
                                         "fields."))

    panels = CONDITION_PANELS

    class Meta:
        abstract = True
        ordering = ["group", "pk"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self):
        return f"{'not ' if self.negate else ''}{self.field} {self.operator} {self.value}"

    def clean(self):
        try:
            compile_condition(self.field, self.operator, self.value, self.negate)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class AbstractRating(models.Model):
    """An investor's rating of a public service (Decision 766/QĐ-TTg): 1 (not satisfied) to 5 (fully), with a
    comment kept from the public figures; changed by its author, never doubled."""

    score = models.PositiveSmallIntegerField(_("score (1-5)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                              name="%(app_label)s_%(class)s_score_1_5")]
