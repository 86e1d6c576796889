"""The project profile: what an investor tells us about a project before it exists as a record.

One profile feeds the incentive finder and the zone pages (``zones.services``) and the licensing plan
(``licensing.pathway``); ``core.rules`` evaluates rules on it. Its vocabulary (kinds of zone, environmental
groups) is defined here, so that no app below the ones using it has to be imported."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
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


@dataclass(frozen=True)
class ProjectProfile:
    """A project as an investor describes it. Zero or empty means "not stated".

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


class ProjectProfileForm(forms.Form):
    """The profile as a form; ``profile()`` returns the ``ProjectProfile`` of a valid form."""

    foreign_ownership_pct = forms.DecimalField(label=_("Foreign ownership (%)"), min_value=0, max_value=100,
                                               decimal_places=2, required=False, initial=0)
    sector_code = forms.RegexField(label=_("Sector (VSIC code)"), regex=r"^[A-Ua-u]?\d{0,5}$", required=False,
                                   max_length=6, help_text=_("For example 2610 (electronic components)."))
    capital_usd = forms.DecimalField(label=_("Investment capital (USD)"), min_value=0, max_digits=16,
                                     decimal_places=2, required=False)
    employees = forms.IntegerField(label=_("Planned employees"), min_value=0, required=False)
    land_area_m2 = forms.DecimalField(label=_("Land area (m²)"), min_value=0, max_digits=14, decimal_places=2,
                                      required=False)
    zone_id = forms.IntegerField(label=_("Zone"), required=False, widget=forms.HiddenInput)
    zone_kind = forms.ChoiceField(label=_("Location"), required=False,
                                  choices=[("", _("Outside any zone"))] + list(ZoneKind.choices))
    commune_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    difficult_area = forms.BooleanField(label=_("In an area with difficult socio-economic conditions"),
                                        required=False)
    high_tech = forms.BooleanField(label=_("High-tech project"), required=False)
    environmental_group = forms.ChoiceField(label=_("Environmental group"), required=False,
                                            choices=[("", _("Not known"))] + list(EnvironmentalGroup.choices))
    needs_construction = forms.BooleanField(label=_("Needs construction"), required=False, initial=True)

    def profile(self) -> ProjectProfile:
        """The profile of a valid form."""
        data = self.cleaned_data
        return ProjectProfile(
            foreign_ownership_pct=data.get("foreign_ownership_pct") or Decimal("0"),
            sector_code=(data.get("sector_code") or "").upper(),
            capital_usd=data.get("capital_usd") or Decimal("0"),
            employees=data.get("employees") or 0,
            land_area_m2=data.get("land_area_m2") or Decimal("0"),
            zone_id=data.get("zone_id"),
            zone_kind=data.get("zone_kind") or "",
            commune_id=data.get("commune_id"),
            difficult_area=bool(data.get("difficult_area")),
            high_tech=bool(data.get("high_tech")),
            environmental_group=data.get("environmental_group") or "",
            needs_construction=bool(data.get("needs_construction")),
        )
