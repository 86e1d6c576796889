"""API resources: zones (``/zones``) and their plots (``/plots``).

Only what the public site shows is served: live, public zone pages in the language asked (a zone not yet
translated, in the language it was written), their land figures (``ZoneQuerySet.with_land``), the zone index's
filters (``zones.services.filter_zones``), and plots of published zones without their notes. A list runs the
same number of queries whatever its number of rows."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import Enum

from django.db.models import F, FloatField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError, ValidationError
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from core.text import name_order
from core.translations import in_language
from search.backends.base import SearchUnavailable
from zones.choices import LandUse, PlotStatus, ZoneKind, ZoneStatus
from zones.forms import ZoneFilterForm
from zones.models import Plot, PriceBasis, Sector, ZoneDistance, ZoneFigure, ZonePage
from zones.services import filter_zones, zone_map_features, zone_names

from .. import keyset
from ..conditional import last_modified, latest
from ..problems import COMMON, NOT_FOUND, Problem
from ..schemas import zones as schemas

router = Router(tags=["zones"])
plots_router = Router(tags=["plots"])

#: Where the OGC API serves a zone and a plot (``api.ogc``).
OGC_ZONE_ITEM = "/ogc/collections/zones/items/{code}"
OGC_PLOT_ITEM = "/ogc/collections/plots/items/{id}"


def storable(text: str) -> bool:
    """Whether ``text`` could be a code: no database keeps a NUL character (PostgreSQL refuses one even in a
    query), so a code with one names nothing."""
    return "\x00" not in text


def _number(value) -> float | None:
    return None if value is None else float(value)


def published_in_any_language(model) -> Subquery:
    """The latest publication of the outer page in any of its languages: a shared figure published in one
    language is written into the others without publishing them (``core.translations.propagate_shared``)."""
    return Subquery(model.objects.filter(translation_key=OuterRef("translation_key")).order_by()
                    .values("translation_key").annotate(latest=Max("last_published_at")).values("latest"))


def public_zones() -> QuerySet:
    """Every live, public zone page, in any language."""
    return ZonePage.objects.live().public()


def zones_in_language() -> QuerySet:
    """The published zones as a reader of the active language sees them, with their land figures, communes and
    sectors (prefetched) and their latest publication (``published``)."""
    return (in_language(public_zones(), Locale.get_active()).select_related("locale").with_land()
            .annotate(published=published_in_any_language(ZonePage))
            .prefetch_related("communes", "target_sectors", "restricted_sectors"))


def _absolute(request, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value))


def zone_data(zone: ZonePage, feature: dict, request, today) -> dict:
    """The public fields of ``zone`` (annotated as ``zones_in_language`` does); ``feature`` is its map feature
    (``zones.services.zone_map_features``)."""
    bbox = None if zone.min_lon is None else [zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat]
    url = request.build_absolute_uri(zone.get_url(request))
    return {
        "id": zone.pk, "code": zone.code, "name": zone.title, "language": zone.locale.language_code,
        "kind": zone.kind, "kind_label": _label(ZoneKind, zone.kind),
        "status": zone.status, "status_label": _label(ZoneStatus, zone.status),
        "summary": zone.summary, "illustrative": zone.illustrative,
        "communes": [{"id": unit.pk, "code": unit.code, "name": unit.name}
                     for unit in zone.communes.all() if unit.is_valid_on(today)],
        "areas": {"total_ha": _number(zone.total_area_ha), "industrial_ha": _number(zone.industrial_land_ha),
                  "leasable_ha": _rounded(zone.leasable_ha, 4), "leased_ha": _rounded(zone.leased_ha, 4),
                  "available_ha": _rounded(zone.available_ha, 4), "occupancy_pct": _rounded(zone.occupancy_pct, 2)},
        "land_price": {"min_usd_m2": _number(zone.land_price_min_usd), "max_usd_m2": _number(zone.land_price_max_usd),
                       "basis": zone.price_basis, "basis_label": _label(PriceBasis, zone.price_basis)},
        "fees": {"management_usd_m2_year": _number(zone.management_fee_usd),
                 "infrastructure_usd_m2_year": _number(zone.infrastructure_fee_usd),
                 "lease_term_end": zone.lease_term_end},
        "infrastructure": {"power_mva": _number(zone.power_mva), "water_supply_m3_day": zone.water_supply_m3_day,
                           "wastewater_m3_day": zone.wastewater_m3_day,
                           "water_price_vnd_m3": _number(zone.water_price_vnd_m3),
                           "wastewater_price_vnd_m3": _number(zone.wastewater_price_vnd_m3),
                           "telecom": zone.telecom, "roads": zone.roads},
        "target_sectors": [{"code": sector.code, "name": sector.name} for sector in zone.target_sectors.all()],
        "restricted_sectors": [{"code": sector.code, "name": sector.name}
                               for sector in zone.restricted_sectors.all()],
        "url": url,
        "bbox": bbox, "centroid": feature.get("centroid"),
        "links": {
            "api": request.build_absolute_uri(reverse("api-v1:zone", args=[zone.code])),
            "html": url,
            "ogc": request.build_absolute_uri(OGC_ZONE_ITEM.format(code=zone.code)),
            "geojson": _absolute(request, _reverse("maps:zone_geojson", zone.pk)) if zone.geometry else None,
            "plots": request.build_absolute_uri(reverse("api-v1:plots") + f"?zone={zone.code}"),
        },
        "last_published_at": zone.published,
    }


def _rounded(value: float | None, places: int) -> float | None:
    """``value`` to ``places`` decimals (hectares to the square metre), None kept."""
    return None if value is None else round(value, places)


def zones_data(zones: list[ZonePage], request) -> list[dict]:
    """``zone_data`` of each of ``zones``: their centroids in one vectorised pass."""
    today = timezone.localdate()
    features = zone_map_features(zones, request)
    return [zone_data(zone, feature, request, today) for zone, feature in zip(zones, features, strict=True)]


#: The filters naming a thing by its id or code: one that names nothing matches no zone.
CODED = ("commune", "sector", "place")
#: What the form says of an id or code that names nothing (none has a NUL character).
NAMES_NOTHING = {"invalid_choice", "null_characters_not_allowed"}
#: The precision the form takes each figure at, and the rounding that keeps the filter's meaning: prices are
#: kept to the cent and road distances to 0.1 km, so that an upper bound rounds down exactly; a site size
#: rounds up.
STEPS = {"min_available_ha": (Decimal("0.01"), ROUND_CEILING), "max_price": (Decimal("0.01"), ROUND_FLOOR),
         "max_distance_km": (Decimal("0.1"), ROUND_FLOOR)}


def _form_value(name: str, value) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if name in STEPS:
        step, rounding = STEPS[name]
        return str(Decimal(str(value)).quantize(step, rounding=rounding))
    return str(value)


def _filter_form(data: dict) -> ZoneFilterForm:
    form = ZoneFilterForm(data)
    # Any VSIC code, not only those a zone targets: the search matches zones targeting a sector under it or
    # above it.
    form.fields["sector"].queryset = Sector.objects.all()
    return form


def _refuse(form: ZoneFilterForm) -> ValidationError:
    return ValidationError([{"loc": ("query", name) if name != "__all__" else ("query",), "msg": message}
                            for name, messages in form.errors.items() for message in messages])


def filtered_zones(zones: QuerySet, filters: schemas.ZoneFilters) -> QuerySet:
    """``zones`` narrowed by the zone index's filters, checked by its form (``zones.forms.ZoneFilterForm``).
    A commune, sector or place that names nothing leaves no zone (once the other filters are found valid)."""
    data = {name: _form_value(name, value) for name, value in filters.model_dump(exclude={"ordering"}).items()
            if value not in (None, "")}
    if not data:
        return zones
    form = _filter_form(data)
    if not form.is_valid():
        errors = form.errors.as_data()
        unknown = {name for name in CODED if {error.code for error in errors.get(name, ())} & NAMES_NOTHING}
        if not unknown:
            raise _refuse(form)
        # A distance to a place that names nothing is asked for with a place: it is not refused.
        rest = _filter_form({name: value for name, value in data.items() if name not in unknown
                             and not (name == "max_distance_km" and "place" in unknown)})
        if not rest.is_valid():
            raise _refuse(rest)
        return zones.none()
    try:
        return filter_zones(zones, form.cleaned_data)
    except SearchUnavailable as exc:
        raise HttpError(503, _("Filtering is unavailable at the moment: try again later.")) from exc


def _nulls_last(value, descending: bool) -> list:
    """A sort key part that puts a missing figure last in either direction."""
    present = value is not None
    return [int(present) if descending else int(not present), float(value) if present else 0.0]


#: The sort key of a zone for each ordering (the code last: it is unique).
ZONE_KEYS = {
    "name": lambda zone, descending: [name_order(zone.title).hex(), zone.code],
    "available_ha": lambda zone, descending: [*_nulls_last(zone.available_ha, descending), zone.code],
    "price": lambda zone, descending: [*_nulls_last(zone.land_price_min_usd, descending), zone.code],
}


@router.get("/", response={200: schemas.ZoneList, **COMMON, 503: Problem}, url_name="zones",
            summary="Published zones")
def list_zones(request, response: HttpResponse, filters: Query[schemas.ZoneFilters], paging: Query[keyset.PageParams]):
    """The live, public zones in the language asked, filtered as on the zone index; paged with cursors.

    A commune, sector or place that names nothing matches no zone (an empty list). `max_distance_km` needs
    `place`: without it, the answer is a 400 problem naming `query.max_distance_km`. 503: the filters' search
    service is down (a list without filters does not use it)."""
    zones = list(filtered_zones(zones_in_language(), filters))
    descending = filters.ordering.startswith("-")
    sort = ZONE_KEYS[filters.ordering.lstrip("-")]
    page = keyset.page_of_list(request, zones, lambda zone: sort(zone, descending), filters.ordering, descending,
                               paging)
    last_modified(response, latest(*(zone.published for zone in page["results"])))
    page["results"] = zones_data(page["results"], request)
    return page


def find_zone(code: str) -> ZonePage:
    """The published zone ``code`` in the active language (or the one it was written in); 404 otherwise."""
    zone = zones_in_language().filter(code=code).first() if storable(code) else None
    if zone is None:
        raise HttpError(404, _("No published zone has this code."))
    return zone


@router.get("/{code}", response={200: schemas.ZoneDetail, **NOT_FOUND}, url_name="zone", summary="One zone")
def get_zone(request, response: HttpResponse, code: str):
    """One published zone with its description, distances and the sources of its figures."""
    zone = find_zone(code)
    data = zones_data([zone], request)[0]
    distances = ZoneDistance.objects.filter(zone=zone).select_related("place").order_by("sort_order", "pk")
    data.update({
        "body_html": expand_db_html(zone.body) if zone.body else "",
        "developer": zone.developer, "operator": zone.operator, "website": zone.website,
        "decision_number": zone.decision_number, "decision_date": zone.decision_date,
        "distances": [{"place_code": item.place.code, "place_name": item.place.name, "place_kind": item.place.kind,
                       "road_km": float(item.road_km), "travel_minutes": item.travel_minutes} for item in distances],
        "figure_sources": [{"figure": figure, "figure_label": _label(ZoneFigure, figure), "source": source.text,
                            "url": source.url, "as_of": source.as_of, "checked_on": source.checked_on,
                            "stale": source.stale, "illustrative": source.illustrative}
                           for figure, source in zone.figure_source_map.items()],
    })
    last_modified(response, zone.published)
    return data


# Plots ------------------------------------------------------------------------------------------------------

#: Beyond any real area (m²) or price (USD/m²): where a missing one sorts, to come last.
_FAR = 1e18


def public_plots() -> QuerySet:
    """The plots of published zones (a plot belongs to every translation of its zone), without the columns the
    site never shows; annotated with their zone's code."""
    return (Plot.objects.filter(zone__translation_key__in=public_zones().values("translation_key"))
            .select_related("zone").only(*PLOT_COLUMNS).annotate(zone_code=F("zone__code")))


#: What a plot response reads (the notes and the boundary itself stay out).
PLOT_COLUMNS = ("id", "code", "land_use", "status", "price_override_usd", "area_m2", "min_lon", "min_lat",
                "max_lon", "max_lat", "zone__id", "zone__code", "zone__translation_key", "zone__land_price_min_usd")


def _sort_plots(plots: QuerySet, ordering: str) -> tuple[QuerySet, list[tuple[str, bool]]]:
    descending = ordering.startswith("-")
    name, missing = ordering.lstrip("-"), -1.0 if descending else _FAR
    if name == "code":
        return plots, [("zone_code", descending), ("code", descending), ("id", descending)]
    if name == "area":
        plots = plots.annotate(sort_area=Coalesce("area_m2", Value(missing), output_field=FloatField()))
        return plots, [("sort_area", descending), ("id", descending)]
    # The price a plot shows (``Plot.price_usd``): its own, else the low end of its zone's range.
    price = Coalesce("price_override_usd", "zone__land_price_min_usd")
    plots = plots.annotate(sort_price=Coalesce(Cast(price, FloatField()), Value(missing), output_field=FloatField()))
    return plots, [("sort_price", descending), ("id", descending)]


def plot_data(plot: Plot, names: dict, request) -> dict:
    """The public fields of ``plot`` (``names``: zone titles by code in the active language)."""
    bbox = None if plot.min_lon is None else [plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat]
    return {
        "id": plot.pk, "code": plot.code, "zone": plot.zone.code,
        "zone_name": names.get(plot.zone.code.lower(), plot.zone.code),
        "land_use": plot.land_use, "land_use_label": _label(LandUse, plot.land_use),
        "status": plot.status, "status_label": _label(PlotStatus, plot.status),
        "area_m2": None if plot.area_m2 is None else round(plot.area_m2, 1),
        "area_ha": _number(plot.area_ha), "price_usd_m2": _number(plot.price_usd(plot.zone)), "bbox": bbox,
        "links": {"api": request.build_absolute_uri(reverse("api-v1:plot", args=[plot.pk])),
                  "zone": request.build_absolute_uri(reverse("api-v1:zone", args=[plot.zone.code])),
                  "ogc": request.build_absolute_uri(OGC_PLOT_ITEM.format(id=plot.pk))},
    }


def _plots_published(plots: list[Plot]):
    """The latest publication of the zones of ``plots`` in any language (one query)."""
    keys = {plot.zone.translation_key for plot in plots}
    if not keys:
        return None
    return ZonePage.objects.filter(translation_key__in=keys).aggregate(latest=Max("last_published_at"))["latest"]


@plots_router.get("/", response={200: schemas.PlotList, **COMMON}, url_name="plots", summary="Plots of published zones")
def list_plots(request, response: HttpResponse, filters: Query[schemas.PlotFilters], paging: Query[keyset.PageParams]):
    """The plots of the published zones, as the zone pages show them; paged with cursors. Last-Modified is the
    latest publication of their zones."""
    plots = public_plots()
    if filters.zone:
        plots = plots.filter(zone__code=filters.zone) if storable(filters.zone) else plots.none()
    if filters.status:
        plots = plots.filter(status=filters.status)
    if filters.land_use:
        plots = plots.filter(land_use=filters.land_use)
    if filters.min_area_m2 is not None:
        plots = plots.filter(area_m2__gte=filters.min_area_m2)
    if filters.max_area_m2 is not None:
        plots = plots.filter(area_m2__lte=filters.max_area_m2)
    plots, fields = _sort_plots(plots, filters.ordering)
    page = keyset.page_of_queryset(request, plots, fields, filters.ordering, paging)
    last_modified(response, _plots_published(page["results"]))
    names = zone_names() if page["results"] else {}
    page["results"] = [plot_data(plot, names, request) for plot in page["results"]]
    return page


@plots_router.get("/{plot_id}", response={200: schemas.Plot, **NOT_FOUND}, url_name="plot", summary="One plot")
def get_plot(request, response: HttpResponse, plot_id: int):
    """One plot of a published zone."""
    plot = public_plots().filter(pk=plot_id).first()
    if plot is None:
        raise HttpError(404, _("No plot of a published zone has this id."))
    last_modified(response, _plots_published([plot]))
    return plot_data(plot, zone_names(), request)
