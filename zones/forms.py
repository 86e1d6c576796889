"""Forms of the zones app: the zone index filters, the sector picker field, the investor's project profile
and the incentive finder.

The pages' services build these forms, so this module imports no module of ``zones.models``: the choices
come from the app registry when the form is built (``_model``)."""

from decimal import Decimal
from functools import partial

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.urls import NoReverseMatch, reverse
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.caching import ChangeFollower, ProcessCache
from core.profile import ProjectProfileForm
from core.text import name_order
from search.backends.base import SearchUnavailable

from . import sectors, units
from .choices import ZoneKind, ZoneStatus


def _model(name: str):
    """The zones model class ``name``, from the app registry."""
    return apps.get_model("zones", name)


class NameOrderIterator(ModelChoiceIterator):
    """A model field's choices sorted the Vietnamese way by their labels (see ``core.text.name_order``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from sorted((self.choice(obj) for obj in self.queryset), key=lambda choice: name_order(str(choice[1])))


class ZoneFilterForm(forms.Form):
    """The filters of the zone index (read from the query string; every field optional)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind"))] + ZoneKind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status"))] + ZoneStatus.choices)
    commune = forms.ModelChoiceField(label=_("Commune"), required=False, queryset=None, empty_label=_("Any commune"))
    sector = forms.ModelChoiceField(label=_("Target sector"), required=False, queryset=None, to_field_name="code",
                                    empty_label=_("Any sector"))
    min_available_ha = forms.DecimalField(label=_("A site of at least (ha)"), required=False, min_value=0,
                                          max_value=Decimal("10000000000"), max_digits=12, decimal_places=2,
                                          help_text=_("One available plot, or adjacent plots together."))
    max_price = forms.DecimalField(label=_("Land price up to (USD/m²)"), required=False, min_value=0,
                                   max_digits=10, decimal_places=2)
    place = forms.ModelChoiceField(label=_("Near"), required=False, queryset=None, to_field_name="code",
                                   empty_label=_("Any place"))
    max_distance_km = forms.DecimalField(label=_("Within (km by road)"), required=False, min_value=0,
                                         max_digits=7, decimal_places=1)

    def __init__(self, *args, unit: str = units.HA, **kwargs):
        super().__init__(*args, **kwargs)
        #: The unit the site size is entered in (``zones.units``); ``min_available_ha`` cleans to hectares.
        self.unit = units.valid(unit) or units.HA
        if self.unit != units.HA:
            self.fields["min_available_ha"].label = _("A site of at least (m²)")
        communes = _model("AdministrativeUnit").objects.valid_on().filter(level="commune")  # level's stored value
        self.fields["commune"].queryset = communes.filter(zones__isnull=False).distinct().order_by("name_vi")
        self.fields["commune"].iterator = NameOrderIterator
        self.fields["sector"].queryset = _model("Sector").objects.filter(target_of_zones__isnull=False).distinct()
        self.fields["place"].queryset = _model("NamedPlace").objects.all()
        # Offer only the kinds and statuses some zone has (an old link with another value still validates),
        # read when the form is rendered: a request that only filters (the GeoJSON endpoint) never asks.
        for name in ("kind", "status"):
            field = self.fields[name]
            field.widget.choices = CallableChoiceIterator(partial(_present, name, list(field.choices)))

    def clean(self):
        data = super().clean()
        if data.get("min_available_ha") is not None:
            data["min_available_ha"] = data["min_available_ha"] * units.FACTOR[self.unit] / units.FACTOR[units.HA]
        if data.get("max_distance_km") is not None and not data.get("place"):
            self.add_error("max_distance_km", _("A distance needs a place to measure it to: choose one under "
                                                "“%(near)s”.") % {"near": self.fields["place"].label})
        return data


def _present(field: str, choices: list) -> list:
    """``choices`` narrowed to the values of ``field`` some live zone has (the empty choice kept)."""
    values = set(_model("ZonePage").objects.live().values_list(field, flat=True).distinct())
    return [choice for choice in choices if not choice[0] or choice[0] in values]


class SectorPickerWidget(forms.TextInput):
    """A text field that a small script turns into an accessible combobox suggesting sectors as one types
    (``zones/static/zones/js/sector_picker.js``); without the script it stays a plain text field."""

    template_name = "zones/widgets/sector_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            context["suggest_url"] = reverse("zones:sector_suggest")
        except NoReverseMatch:
            context["suggest_url"] = ""
        return context


class SectorField(forms.CharField):
    """A sector typed as words ("electronics", "điện tử") or as a VSIC code ("2610", "C2610"); cleans to the
    code of the one sector meant. Words with one clear best match resolve to it; several equally good matches
    are offered to choose from (``choices``); no match is an error that names the field. ``sector`` is the
    sector found by the last ``clean``."""

    widget = SectorPickerWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", sectors.MAX_QUERY_LENGTH)
        kwargs.setdefault("template_name", "zones/includes/sector_field.html")  # Field.__init__ sets it
        super().__init__(**kwargs)
        self.sector = None
        self.choices: tuple = ()

    def clean(self, value):
        text = super().clean(value)
        self.sector, self.choices = None, ()
        if not text:
            return ""
        try:
            found = sectors.resolve(text)
        except SearchUnavailable as exc:
            raise ValidationError(_("Sectors cannot be looked up by words at the moment: enter the VSIC code "
                                    "(for example 2610)."), code="search_unavailable") from exc
        if found.sector is not None:
            self.sector = found.sector
            return found.sector.code
        if found.choices:
            self.choices = found.choices
            raise ValidationError(_("“%(text)s” matches several sectors: choose one below."),
                                  code="ambiguous", params={"text": text})
        if sectors.looks_like_code(text):
            if not sectors.any_sector():
                return sectors.normalise_sector_code(text)  # nothing to check the code against
            raise ValidationError(_("No sector has the VSIC code “%(text)s”. Check the code, or describe the "
                                    "activity in words (for example “electronics”)."),
                                  code="unknown_code", params={"text": text})
        raise ValidationError(_("No sector matches “%(text)s”. Try other words (for example “electronics” or "
                                "“garment”) or a VSIC code."), code="no_match", params={"text": text})


#: The site needs of the profile (``zones.siting``): the questions the site finder asks.
SITE_FIELDS = ("land_area_m2", "land_unit", "power_mva", "water_m3_day", "place", "max_road_km", "land_budget_usd")


class InvestorProfileForm(ProjectProfileForm):
    """The investor's project profile, asked once and used by every tool (``zones.profiles`` keeps it): the
    shared profile form with the sector given in words or as a code, and the site needs (land in ha or m²,
    power, water, a road distance to a named place, a land budget). A ``sector_choice`` in the data (a button
    among several matches) stands for the sector typed. The cleaned ``land_area_m2`` is in m² whatever the
    unit it was entered in."""

    sector_code = SectorField(label=_("Sector"), required=False,
                              help_text=_("Describe the activity in words or give its VSIC code, for example "
                                          "“electronics” or 2610."))
    land_area_m2 = forms.DecimalField(label=_("Land needed"), min_value=0, max_value=Decimal("1000000000"),
                                      max_digits=14, decimal_places=2, required=False,
                                      help_text=_("In the unit chosen next to it."))
    land_unit = forms.ChoiceField(label=_("Land unit"), required=False,
                                  choices=[("m2", _("square metres (m²)")), ("ha", _("hectares (ha)"))])
    power_mva = forms.DecimalField(label=_("Power needed (MVA)"), required=False, min_value=0,
                                   max_value=Decimal("10000"), max_digits=7, decimal_places=2)
    water_m3_day = forms.DecimalField(label=_("Water needed (m³/day)"), required=False, min_value=0,
                                      max_value=Decimal("1000000"), max_digits=9, decimal_places=1)
    place = forms.ModelChoiceField(label=_("Near a place"), required=False, queryset=None, to_field_name="code",
                                   empty_label=_("No particular place"),
                                   help_text=_("A port, airport, border gate or city the site should be close to."))
    max_road_km = forms.DecimalField(label=_("At most (km by road)"), required=False, min_value=0,
                                     max_value=Decimal("2000"), max_digits=6, decimal_places=1)
    land_budget_usd = forms.DecimalField(label=_("Land budget (USD)"), required=False, min_value=0,
                                         max_value=Decimal("100000000000"), max_digits=14, decimal_places=2,
                                         help_text=_("What you can pay in land rent for the site."))

    field_order = ["sector_code", "foreign_ownership_pct", "capital_usd", "land_area_m2", "land_unit", "employees",
                   "zone_id", "zone_kind"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and sectors.looks_like_code(data.get("sector_choice") or ""):
            data = data.copy()
            data["sector_code"] = data["sector_choice"]
        super().__init__(data, *args, **kwargs)
        self.fields["place"].queryset = _model("NamedPlace").objects.all()

    def render(self, template_name=None, context=None, renderer=None):
        """The form as HTML; a blank form (unbound, nothing filled in, rendered as usual) is rendered once per
        process for each form class and language, and again when a page or a named place changes."""
        if self.is_bound or self.initial or self.prefix or self.auto_id != "id_%s" or \
                (template_name, context, renderer) != (None, None, None):
            return super().render(template_name, context, renderer)
        return _blank_forms.get(type(self), get_language())

    __str__ = __html__ = render

    def clean(self):
        data = super().clean()
        land = data.get("land_area_m2")
        if land is not None:
            data["land_area_m2"] = land * units.FACTOR[data.get("land_unit") or units.M2]
        if data.get("max_road_km") is not None and not data.get("place"):
            self.add_error("max_road_km", _("A distance needs a place to measure it to: choose one under "
                                            "“%(near)s”.") % {"near": self.fields["place"].label})
        return data

    @property
    def sector(self):
        """The sector the valid form resolved, or None."""
        return self.fields["sector_code"].sector

    @property
    def sector_choices(self) -> tuple:
        """The sectors to choose from when the words typed matched several equally well."""
        return self.fields["sector_code"].choices

    def raw_values(self) -> dict[str, str]:
        """The values of a valid form to keep, as the strings a request would send (the sector as its code):
        binding the form to them again gives the same profile."""
        values = {}
        for name in self.fields:
            raw = self.data.get(name)
            if name == "sector_code":
                raw = self.cleaned_data.get("sector_code")
            if raw not in (None, ""):
                values[name] = str(raw)
        return values


class IncentiveFinderForm(InvestorProfileForm):
    """The project profile with the zone chosen from a list of published zones."""

    zone_id = forms.TypedChoiceField(label=_("Zone"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = _model("ZonePage").objects.live().public().filter(locale=Locale.get_active())
        titles = zones.values_list("pk", "title")
        self.fields["zone_id"].choices = [("", _("No particular zone"))] + sorted(
            titles, key=lambda choice: name_order(choice[1]))


_blank_forms = ProcessCache("zones.blank-profile-forms",
                            lambda form_class, _language: super(InvestorProfileForm, form_class()).render(),
                            max_entries=32)
#: The choices of a blank form: the named places, and the published zones (pages) of the incentive finder.
follow_blank_forms = ChangeFollower(_blank_forms, models=frozenset({"zones.NamedPlace"}))
