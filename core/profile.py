"""The project profile: what an investor tells us about a project before it exists as a record.

One profile feeds the incentive finder and the zone pages (``zones.services``) and the licensing plan
(``licensing.pathway``); ``core.rules`` evaluates rules on it. Its vocabulary (kinds of zone, environmental
groups) is defined here, so that no app below the ones using it has to be imported."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Law on Investment 2020, Art. 23: above this foreign share an enterprise follows the foreign investor's
# procedures (an investment registration certificate among them).
FOREIGN_CONTROL_THRESHOLD = Decimal("50")


class ZoneKind(models.TextChoices):
    """Kinds of zone a project can be located in."""

    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")
    BORDER_GATE_ECONOMIC_ZONE = "border_gate_economic_zone", _("Border-gate economic zone")
    EXPORT_PROCESSING_ZONE = "export_processing_zone", _("Export processing zone")
    HIGH_TECH_PARK = "high_tech_park", _("High-tech park")
    INDUSTRIAL_CLUSTER = "industrial_cluster", _("Industrial cluster")


class EnvironmentalGroup(models.TextChoices):
    """Environmental groups of a project (Law on Environmental Protection 2020, Decree 08/2022/NĐ-CP)."""

    I = "I", _("Group I")  # noqa: E741
    II = "II", _("Group II")
    III = "III", _("Group III")
    IV = "IV", _("Group IV")


#: The questions of the profile form and the rule fields (``core.rules.FIELDS``) each one answers: leaving a
#: question unanswered leaves its rule fields unknown.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "foreign_ownership_pct": ("foreign_ownership_pct", "is_foreign_controlled", "has_foreign_capital"),
    "sector_code": ("sector_code",),
    "capital_usd": ("capital_usd",),
    "employees": ("employees",),
    "land_area_m2": ("land_area_m2",),
    "zone_kind": ("inside_zone", "zone_kind", "zone_code"),
    "difficult_area": ("difficult_area",),
    "high_tech": ("high_tech",),
    "environmental_group": ("environmental_group",),
    "needs_construction": ("needs_construction",),
}
#: Each question in words, as the plan asks it when its answer decides whether a procedure applies.
QUESTION_TEXT = {
    "foreign_ownership_pct": _("What share of the capital is foreign-owned?"),
    "sector_code": _("What is the project's sector (VSIC code)?"),
    "capital_usd": _("How much capital will the project invest?"),
    "employees": _("How many people will the project employ?"),
    "land_area_m2": _("How much land does the project need?"),
    "zone_kind": _("Will the project be in an industrial park or another zone, or outside any zone?"),
    "difficult_area": _("Is the site in a commune with difficult socio-economic conditions?"),
    "high_tech": _("Is it a high-tech project?"),
    "environmental_group": _("Which environmental group is the project in (I to IV)?"),
    "needs_construction": _("Will the project build anything?"),
}
#: The question (a profile form field) that answers each rule field.
QUESTION_OF = {rule_field: question for question, fields in QUESTIONS.items() for rule_field in fields}
#: The value of ``zone_kind`` in the form that says "outside any zone" (the profile keeps an empty kind).
OUTSIDE = "outside"


@dataclass(frozen=True)
class ProjectProfile:
    """A project as an investor describes it. Zero or empty is the value of a field the investor did not
    state; ``unknown`` names the rule fields (``core.rules.FIELDS``) whose question was left unanswered, so
    that the rule engine can tell "no" from "not known" (an empty ``unknown`` means everything is known).

    ``zone_code`` and a ``zone_kind`` or ``difficult_area`` derived from the zone or commune are filled in
    by the app that knows the zones (``zones.services.resolve_location``)."""

    foreign_ownership_pct: Decimal = Decimal("0")
    sector_code: str = ""
    capital_usd: Decimal = Decimal("0")
    employees: int = 0
    land_area_m2: Decimal = Decimal("0")
    zone_id: int | None = None
    zone_kind: str = ""
    zone_code: str = ""
    commune_id: int | None = None
    difficult_area: bool = False
    high_tech: bool = False
    environmental_group: str = ""
    needs_construction: bool = True
    unknown: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_foreign_controlled(self) -> bool:
        """Whether the project follows the foreign investor's procedures (more than 50% foreign-owned)."""
        return self.foreign_ownership_pct > FOREIGN_CONTROL_THRESHOLD

    @property
    def has_foreign_capital(self) -> bool:
        """Whether any of the capital is foreign."""
        return self.foreign_ownership_pct > 0

    @property
    def inside_zone(self) -> bool:
        """Whether the project is located in a zone (a named one or a kind of zone)."""
        return bool(self.zone_id or self.zone_kind or self.zone_code)


YES_WORDS = frozenset({"yes", "true", "on", "1", "có"})
NO_WORDS = frozenset({"no", "false", "off", "0", "không"})


class TriStateSelect(forms.RadioSelect):
    """Not sure / Yes / No as radio buttons; reads the old checkbox's ``on`` as yes."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("Not sure")), ("yes", _("Yes")), ("no", _("No"))])

    def format_value(self, value):
        if value is True or str(value).lower() in YES_WORDS:
            return ["yes"]
        if value is False or str(value).lower() in NO_WORDS:
            return ["no"]
        return [""]


class TriStateField(forms.Field):
    """A yes/no question that may be left unanswered: True, False or None (not sure)."""

    widget = TriStateSelect

    def to_python(self, value):
        if value in (True, False):
            return value
        text = str(value if value is not None else "").strip().lower()
        if text in YES_WORDS:
            return True
        if text in NO_WORDS:
            return False
        if text in ("", "none", "unknown"):
            return None
        raise ValidationError(_("Choose yes, no or not sure."), code="invalid")

    def validate(self, value):
        """Any of the three answers is valid."""


#: A VSIC code as typed: a section letter, digits, or a letter followed by digits ("C", "26", "C2610").
SECTOR_CODE_PATTERN = r"^[A-Ua-u]?\d{0,5}$"


class ProjectProfileForm(forms.Form):
    """The profile as a form; ``profile()`` returns the ``ProjectProfile`` of a valid form."""

    foreign_ownership_pct = forms.DecimalField(label=_("Foreign ownership (%)"), min_value=0, max_value=100,
                                               decimal_places=2, required=False,
                                               help_text=_("0 for a Vietnamese-owned project."))
    sector_code = forms.RegexField(label=_("Sector (VSIC code)"), regex=SECTOR_CODE_PATTERN, required=False,
                                   max_length=6, help_text=_("For example 2610 (electronic components)."))
    capital_usd = forms.DecimalField(label=_("Investment capital (USD)"), min_value=0, max_digits=16,
                                     decimal_places=2, required=False)
    employees = forms.IntegerField(label=_("Planned employees"), min_value=0, required=False)
    land_area_m2 = forms.DecimalField(label=_("Land area (m²)"), min_value=0, max_digits=14, decimal_places=2,
                                      required=False)
    zone_id = forms.IntegerField(label=_("Zone"), required=False, widget=forms.HiddenInput)
    zone_kind = forms.ChoiceField(label=_("Location"), required=False,
                                  choices=[("", _("Not sure yet")), (OUTSIDE, _("Outside any zone"))]
                                  + list(ZoneKind.choices))
    commune_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    difficult_area = TriStateField(label=_("In an area with difficult socio-economic conditions"),
                                   required=False)
    high_tech = TriStateField(label=_("High-tech project"), required=False)
    environmental_group = forms.ChoiceField(label=_("Environmental group"), required=False,
                                            choices=[("", _("Not known"))] + list(EnvironmentalGroup.choices))
    needs_construction = TriStateField(label=_("Needs construction"), required=False)

    def unanswered(self) -> frozenset[str]:
        """The rule fields whose question a valid form leaves unanswered (an empty field, "not sure"); a
        question the form does not ask counts as unanswered too."""
        data = self.cleaned_data
        unknown: set[str] = set()
        for question, rule_fields in QUESTIONS.items():
            value = data.get(question)
            if question == "zone_kind":
                answered = bool(value or data.get("zone_id"))
            elif question == "difficult_area":
                answered = value is not None or bool(data.get("zone_id") or data.get("commune_id"))
            else:
                answered = value not in (None, "")
            if not answered:
                unknown.update(rule_fields)
        return frozenset(unknown)

    def profile(self) -> ProjectProfile:
        """The profile of a valid form, with the rule fields of its unanswered questions in ``unknown``."""
        data = self.cleaned_data
        zone_kind = data.get("zone_kind") or ""
        return ProjectProfile(
            foreign_ownership_pct=data.get("foreign_ownership_pct") or Decimal("0"),
            sector_code=(data.get("sector_code") or "").upper(),
            capital_usd=data.get("capital_usd") or Decimal("0"),
            employees=data.get("employees") or 0,
            land_area_m2=data.get("land_area_m2") or Decimal("0"),
            zone_id=data.get("zone_id"),
            zone_kind="" if zone_kind == OUTSIDE else zone_kind,
            commune_id=data.get("commune_id"),
            difficult_area=bool(data.get("difficult_area")),
            high_tech=bool(data.get("high_tech")),
            environmental_group=data.get("environmental_group") or "",
            needs_construction=bool(data.get("needs_construction")),
            unknown=self.unanswered(),
        )
