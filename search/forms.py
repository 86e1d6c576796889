"""The search form: validates request parameters and turns them into a ``SearchQuery``."""

from functools import lru_cache

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.text import MAX_QUERY_LENGTH

from .backends.base import FACET_FIELDS, MAX_PAGE_SIZE, SearchQuery
from .registry import places

#: The fields beside the text and the sort: a place to measure from and its radius; the ranges (folded away).
NEAR_FIELDS = ("place", "radius_km")
RANGE_FIELDS = ("min_land", "max_land", "min_price", "max_price", "min_capital", "max_capital")

SORT_CHOICES = [("relevance", _("Relevance")), ("distance", _("Distance")),
                ("available_land", _("Most available land"))]


class SearchForm(forms.Form):
    """Text, facet values (repeatable parameters), ranges, geography (a named place or a point, a radius,
    map bounds), sort and page."""

    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    min_land = forms.DecimalField(label=_("Available land from (ha)"), required=False, min_value=0)
    max_land = forms.DecimalField(label=_("Available land up to (ha)"), required=False, min_value=0)
    min_price = forms.DecimalField(label=_("Land price from (USD/m²)"), required=False, min_value=0)
    max_price = forms.DecimalField(label=_("Land price up to (USD/m²)"), required=False, min_value=0)
    min_capital = forms.DecimalField(label=_("Capital from (USD)"), required=False, min_value=0)
    max_capital = forms.DecimalField(label=_("Capital up to (USD)"), required=False, min_value=0)
    place = forms.ChoiceField(label=_("Near"), required=False,
                              help_text=_("Measure distances (straight line) from this place."))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    radius_km = forms.FloatField(label=_("Within (km)"), required=False, min_value=0.1, max_value=500)
    bbox = forms.CharField(label=_("Map bounds"), required=False, max_length=120,
                           help_text=_("west,south,east,north in degrees"))
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.places = {place.code: place for place in places()}
        self.fields["place"].choices = [("", _("Any place")),
                                        *((code, place.name) for code, place in self.places.items())]
        self.facet_values = {}
        for name in FACET_FIELDS:
            values = data.getlist(name) if data is not None and hasattr(data, "getlist") else []
            self.facet_values[name] = tuple(v[:120] for v in values if v)[:20]

    def near_fields(self) -> SafeString:
        """The place and radius fields as HTML."""
        return self._fields_html(NEAR_FIELDS)

    def range_fields(self) -> SafeString:
        """The range fields as HTML."""
        return self._fields_html(RANGE_FIELDS)

    def _fields_html(self, names: tuple[str, ...]) -> SafeString:
        """``names`` as field groups; when the visitor filled in none of them (most searches), the HTML of the
        empty fields, rendered once per process for each language and set of places."""
        if any(self.data.get(name) not in (None, "") for name in names):
            return mark_safe("".join(self[name].as_field_group() for name in names))  # noqa: S308 - form HTML
        return _empty_fields_html(names, get_language(), tuple(self.places.values()))

    def clean_bbox(self):
        raw = self.cleaned_data.get("bbox")
        if not raw:
            return None
        try:
            west, south, east, north = (float(part) for part in raw.split(","))
        except ValueError:
            raise forms.ValidationError(_("Give the map bounds as west,south,east,north.")) from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise forms.ValidationError(_("The map bounds are out of range."))
        return west, south, east, north

    def clean(self):
        data = super().clean()
        if data.get("place"):
            place = self.places[data["place"]]
            data["lon"], data["lat"] = place.lon, place.lat
        has_point = data.get("lon") is not None and data.get("lat") is not None
        if data.get("radius_km") is not None and not has_point:
            raise forms.ValidationError(_("A radius needs a place to measure from (or a longitude and latitude)."))
        if data.get("sort") == "distance" and not has_point:
            data["sort"] = "relevance"
        return data

    def to_query(self, locale: str | None) -> SearchQuery:
        """The ``SearchQuery`` of the valid form."""
        data = self.cleaned_data
        has_point = data.get("lon") is not None and data.get("lat") is not None
        ranges = {}
        for field, low, high in (("available_land_ha", "min_land", "max_land"),
                                 ("land_price_usd", "min_price", "max_price"),
                                 ("capital_usd", "min_capital", "max_capital")):
            if data.get(low) is not None or data.get(high) is not None:
                ranges[field] = (data.get(low), data.get(high))
        return SearchQuery(
            text=data.get("q") or "", locale=locale,
            filters={name: values for name, values in self.facet_values.items() if values},
            ranges=ranges, near=(data["lon"], data["lat"]) if has_point else None,
            radius_km=data.get("radius_km") if has_point else None, bbox=data.get("bbox"),
            sort=data.get("sort") or "relevance", page=data.get("page") or 1, page_size=data.get("page_size") or 20,
        )


@lru_cache(maxsize=64)
def _empty_fields_html(names: tuple[str, ...], _language: str, _places: tuple) -> SafeString:
    form = SearchForm()
    return mark_safe("".join(form[name].as_field_group() for name in names))  # noqa: S308 - form HTML
