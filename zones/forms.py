"""Forms of the zones app: the zone index filters and the incentive finder.

The pages' services build these forms, so this module imports no module of ``zones.models``: the choices
come from the app registry when the form is built (``_model``)."""

from functools import partial

from django import forms
from django.apps import apps
from django.forms.models import ModelChoiceIterator
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.profile import ProjectProfileForm
from core.text import name_order

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
    min_available_ha = forms.DecimalField(label=_("Available land at least (ha)"), required=False, min_value=0,
                                          max_digits=10, decimal_places=2)
    max_price = forms.DecimalField(label=_("Land price up to (USD/m²)"), required=False, min_value=0,
                                   max_digits=10, decimal_places=2)
    place = forms.ModelChoiceField(label=_("Near"), required=False, queryset=None, to_field_name="code",
                                   empty_label=_("Any place"))
    max_distance_km = forms.DecimalField(label=_("Within (km by road)"), required=False, min_value=0,
                                         max_digits=7, decimal_places=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        if data.get("max_distance_km") is not None and not data.get("place"):
            self.add_error("max_distance_km", _("A distance needs a place to measure it to: choose one under "
                                                "“%(near)s”.") % {"near": self.fields["place"].label})
        return data


def _present(field: str, choices: list) -> list:
    """``choices`` narrowed to the values of ``field`` some live zone has (the empty choice kept)."""
    values = set(_model("ZonePage").objects.live().values_list(field, flat=True).distinct())
    return [choice for choice in choices if not choice[0] or choice[0] in values]


class IncentiveFinderForm(ProjectProfileForm):
    """The project profile with the zone chosen from a list of published zones."""

    zone_id = forms.TypedChoiceField(label=_("Zone"), required=False, coerce=int, empty_value=None)

    field_order = ["zone_id", "zone_kind", "sector_code", "capital_usd", "employees", "foreign_ownership_pct",
                   "difficult_area", "high_tech"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = _model("ZonePage").objects.live().public().filter(locale=Locale.get_active())
        titles = zones.values_list("pk", "title")
        self.fields["zone_id"].choices = [("", _("No particular zone"))] + sorted(
            titles, key=lambda choice: name_order(choice[1]))
        for name in ("land_area_m2", "environmental_group", "needs_construction", "commune_id"):
            self.fields.pop(name, None)
