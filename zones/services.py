"""Zone services: which incentives apply to a project and why, zone filters, land statistics, and the
plain data the zone pages and maps render. Pages and views only call these functions.

The pages call these services, so this module imports no module of ``zones.models``: it works on the pages
and querysets it is given and finds the other model classes by name in the app registry (``_model``), as
the models' own string references do. That keeps zones.models -> zones.services -> zones.forms a one-way
chain."""

import copy
import datetime
import logging
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import reduce
from urllib.parse import quote_plus

import shapely
from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page

from core.caching import ChangeFollower, ProcessCache, Unkeyed
from core.profile import ProjectProfile
from core.rules import LOCATION_FIELDS, normalise_sector_code, profile_values, split_values
from core.translations import in_language

from . import plot_geojson, profiles, siting, units
from .choices import PlotStatus, ZoneKind, ZoneStatus
from .infrastructure import infrastructure_for
from .page_parts import zone_parts
from .plot_table import DEFAULT_SORT, plot_rows, plot_table
from .sectors import sector_labels
from .zone_search import matching_zone_ids

logger = logging.getLogger(__name__)


def _model(name: str):
    """The zones model class ``name``, from the app registry."""
    return apps.get_model("zones", name)


@dataclass
class IncentiveMatch:
    """A policy that applies, the rule that matched and why; ``conditions`` are the project conditions
    still to meet (for a zone, where the project itself is not known)."""

    policy: object
    rule: object
    reasons: list[str]
    conditions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Location:
    """A profile's location resolved from its zone and commune: the profile with its zone kind, zone code and
    difficult-area status filled in, and the words that go with them in reasons."""

    profile: ProjectProfile
    #: Zone titles by code, to name the zones of a rule in its reasons.
    zone_names: Mapping[str, str]
    #: Why the project is in a difficult area (the communes, or "as stated in the profile").
    difficult_reasons: tuple[str, ...] = ()
    #: Sector names by code ("26 · Manufacture of computer, electronic and optical products"), to name the
    #: sectors of a rule in its conditions.
    sector_names: Mapping[str, str] = field(default_factory=dict)

    def explain(self) -> dict:
        """The keyword arguments of ``core.rules.Rule.evaluate`` that name zones, sectors and difficult
        communes."""
        notes = {"difficult_area": ", ".join(self.difficult_reasons)} if self.difficult_reasons else {}
        return {"value_labels": {"zone_code": self.zone_names, "sector_code": self.sector_names}, "notes": notes}


def rule_sector_labels() -> dict[str, str]:
    """The names of the sectors the eligibility rules name, by code (two queries)."""
    raw = _model("EligibilityCondition").objects.filter(field="sector_code").values_list("value", flat=True)
    codes = {normalise_sector_code(part) for value in raw for part in split_values(value)}
    return sector_labels(codes)


def _policies(on_date: datetime.date, locale) -> QuerySet:
    policy_model, rule_model = _model("IncentivePolicyPage"), _model("EligibilityRule")
    qs = policy_model.objects.live().public().filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=on_date),
        Q(effective_to__isnull=True) | Q(effective_to__gte=on_date),
    )
    if locale is not None:
        qs = qs.filter(locale=locale)
    rules = rule_model.objects.order_by("sort_order", "pk").prefetch_related("conditions")
    return qs.prefetch_related(Prefetch("rules", queryset=rules)).order_by("title")


def _difficult_communes(units: Iterable, on_date: datetime.date) -> list[str]:
    return [unit.name for unit in units if unit.difficult_conditions and unit.is_valid_on(on_date)]


def resolve_location(profile: ProjectProfile, on_date: datetime.date | None = None) -> Location:
    """The profile with its location resolved: zone kind and code, difficult-area status and why."""
    on_date = on_date or timezone.localdate()
    zone = None
    if profile.zone_id:
        zone = _model("ZonePage").objects.filter(pk=profile.zone_id).prefetch_related("communes").first()
    difficult: list[str] = []
    if profile.difficult_area:
        difficult.append(gettext("as stated in the profile"))
    if profile.commune_id:
        commune = _model("AdministrativeUnit").objects.filter(pk=profile.commune_id).first()
        if commune is not None:
            difficult += _difficult_communes([commune], on_date)
    if zone is not None:
        difficult += _difficult_communes(zone.communes.all(), on_date)
    resolved = replace(profile, zone_kind=profile.zone_kind or (zone.kind if zone else ""),
                       zone_code=zone.code if zone else profile.zone_code, difficult_area=bool(difficult))
    return Location(resolved, zone_names(), tuple(dict.fromkeys(difficult)), rule_sector_labels())


def applicable_incentives(profile: ProjectProfile, on_date: datetime.date | None = None,
                          locale: Locale | None = None) -> list[IncentiveMatch]:
    """The policies in force on ``on_date`` (today) that apply to ``profile``, each with the first rule
    that matched and the reasons. Policies are read in ``locale`` (the active one by default)."""
    on_date = on_date or timezone.localdate()
    location = resolve_location(profile, on_date)
    values, words = profile_values(location.profile), location.explain()
    matches = []
    for policy in _policies(on_date, locale or Locale.get_active()):
        for rule in policy.rules.all():
            result = rule.compiled().evaluate(values, **words)
            if result.applies:
                matches.append(IncentiveMatch(policy, rule, result.reasons))
                break
    return matches


def zone_location(zone, on_date: datetime.date | None = None, labels: tuple | None = None) -> Location:
    """The location of a project in ``zone`` (its project details unknown); ``labels``: (``zone_names()``,
    ``rule_sector_labels()``) when the caller has them."""
    difficult = _difficult_communes(zone.communes.all(), on_date or timezone.localdate())
    profile = ProjectProfile(zone_id=zone.pk, zone_kind=zone.kind, zone_code=zone.code,
                             difficult_area=bool(difficult))
    names, sectors = labels or (zone_names(), rule_sector_labels())
    return Location(profile, names, tuple(difficult), sectors)


def zone_names() -> dict[str, str]:
    """The titles of the live zones by code, in the active language where translated. One query."""
    language = Locale.get_active().pk
    names: dict[str, str] = {}
    for code, title, locale in _model("ZonePage").objects.live().values_list("code", "title", "locale_id"):
        if code.lower() not in names or locale == language:
            names[code.lower()] = title
    return names


def incentives_for_zone(zone, on_date: datetime.date | None = None, shared: tuple | None = None
                        ) -> list[IncentiveMatch]:
    """Policies whose location conditions a project in ``zone`` meets; project conditions (sector,
    capital, employees, high-tech) are returned as ``conditions`` still to meet. ``shared``: what every zone
    of the same locale reads (``_incentives_shared``), when the caller has it."""
    on_date = on_date or timezone.localdate()
    policies, *labels = shared or _incentives_shared_build(on_date, None, zone.locale_id)
    location = zone_location(zone, on_date, tuple(labels))
    values, words = profile_values(location.profile), location.explain()
    matches = []
    for policy in policies:
        for rule in policy.rules.all():
            found = rule.compiled().evaluate_known(values, LOCATION_FIELDS, **words)
            if found is not None:
                reasons, conditions = found
                matches.append(IncentiveMatch(policy, rule, reasons or [gettext("applies wherever the project is")],
                                              conditions))
                break
    return matches


def _incentives_shared_build(on_date, _language, locale_id) -> tuple:
    return list(_policies(on_date, locale_id)), zone_names(), rule_sector_labels()


def _zone_incentives_build(_pk, _kind, _code, on_date, language, ref) -> list[IncentiveMatch]:
    return incentives_for_zone(ref.value, on_date, _incentives_shared.get(on_date, language, ref.value.locale_id))


_zone_incentives = ProcessCache("zones:zone-incentives-version", _zone_incentives_build, max_entries=256)
#: The policies (their rules compiled once), zone names and sector labels every zone of a locale reads.
_incentives_shared = ProcessCache("zones:zone-incentives-version", _incentives_shared_build, max_entries=64)


def warm_zone_incentives(on_date: datetime.date | None = None) -> None:
    """Build what every zone's incentives read in the active language (the warm-up's, before any zone is
    visited), so that a zone's first visit builds only its own."""
    locale = Locale.get_active()
    _incentives_shared.get(on_date or timezone.localdate(), get_language(), locale.pk)


def zone_incentives(zone, on_date: datetime.date, request=None) -> list[IncentiveMatch]:
    """``incentives_for_zone`` built once per process for each zone, day and language and kept until a policy,
    a rule, a zone, a commune, a sector or a page changes (``invalidate_zone_incentives``); a preview is built
    anew (its zone is a draft)."""
    if zone.pk is None or getattr(request, "is_preview", False):
        return incentives_for_zone(zone, on_date)
    return _zone_incentives.get(zone.pk, zone.kind, zone.code, on_date, get_language(), Unkeyed(zone))


#: The models besides pages whose rows ``incentives_for_zone`` reads (a zone's communes: their link table, which
#: ``m2m_changed`` names as its sender from either side).
INCENTIVE_MODELS = frozenset({"zones.EligibilityRule", "zones.EligibilityCondition", "zones.AdministrativeUnit",
                              "zones.ZonePage_communes", "zones.Sector", "wagtailcore.PageViewRestriction",
                              "wagtailcore.Locale"})
#: Makes every process rebuild ``zone_incentives`` (a signal receiver).
invalidate_zone_incentives = ChangeFollower(_zone_incentives, models=INCENTIVE_MODELS)


#: Profile fields read as "not stated" when empty, while the profile does not say which answers are unknown.
def unknown_fields(profile: ProjectProfile, located: bool = True) -> frozenset[str]:
    """The rule fields whose question the investor left unanswered; ``located``: the place is known (a zone
    page), so no location field is unknown."""
    return profile.unknown - LOCATION_FIELDS if located else profile.unknown




@dataclass
class ProjectIncentive:
    """An incentive of a zone judged for the visitor's project: whether it applies, may apply (an answer
    is missing) or does not; the conditions met, those not met (what would change the answer) and those
    that depend on a missing answer."""

    policy: object
    rule: object
    status: str
    reasons: list[str]
    unmet: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _word(standing, rule, policy, values: Mapping, words: dict) -> "ProjectIncentive":
    """A rule's standing (``core.rules.Rule.standing``) in words: its conditions met, unmet and open."""
    labels, notes = words["value_labels"], words["notes"]

    def said(condition) -> str:
        text = condition.describe(labels)
        note = notes.get(condition.field)
        return f"{text} ({note})" if note and values.get(condition.field) else text

    return ProjectIncentive(policy, rule, standing.state, [said(c) for c in standing.met],
                            [said(c) for c in standing.unmet], [said(c) for c in standing.open])


def incentives_for_project_in_zone(zone, profile: ProjectProfile,
                                   on_date: datetime.date | None = None) -> list[ProjectIncentive]:
    """The incentives available in ``zone`` judged for ``profile`` placed in that zone: applies (with the
    conditions met), may apply (the conditions on answers not given) or does not apply (the conditions not
    met: what would change the answer). Policies a project in this zone can never get are left out."""
    on_date = on_date or timezone.localdate()
    location = zone_location(zone, on_date)
    placed = replace(profile, zone_id=zone.pk, zone_kind=zone.kind, zone_code=zone.code,
                     difficult_area=location.profile.difficult_area, commune_id=None)
    return _judged(_policies(on_date, zone.locale), profile_values(placed), location.explain(),
                   unknown_fields(profile), located=True)


def incentives_for_profile(profile: ProjectProfile, on_date: datetime.date | None = None,
                           locale: Locale | None = None) -> list[ProjectIncentive]:
    """The incentives in force judged for ``profile`` wherever it says the project is (the incentive finder):
    applies, may apply (an answer is missing, the location among them) or does not apply (what would change
    the answer)."""
    on_date = on_date or timezone.localdate()
    location = resolve_location(profile, on_date)
    return _judged(_policies(on_date, locale or Locale.get_active()), profile_values(location.profile),
                   location.explain(), unknown_fields(profile, located=False), located=False)


def _judged(policies, values: Mapping, words: dict, unknown: frozenset[str], located: bool) -> list[ProjectIncentive]:
    """Each policy's rule closest to holding, in words, those that apply first; for a project in a zone
    (``located``) only groups whose location conditions hold there count, and policies with none are left out."""
    where = LOCATION_FIELDS if located else ()
    found = []
    for policy in policies:
        standings = [(standing, rule) for rule in policy.rules.all()
                     if (standing := rule.compiled().standing(values, unknown, where=where)) is not None]
        if standings:
            standing, rule = min(standings, key=lambda item: item[0].rank)
            found.append((standing.rank[0], _word(standing, rule, policy, values, words)))
    return [incentive for _rank, incentive in sorted(found, key=lambda item: item[0])]


def filter_zones(queryset: QuerySet, params: Mapping) -> QuerySet:
    """Narrow a ``ZonePage`` queryset by the cleaned zone index filters, answered by the search backend:
    kind, status, commune, sector (code or its parents/children), max_price (lowest price up to), place +
    max_distance_km; and by the site finder (``zones.siting``): ``min_available_ha``, a site (one available
    plot, or adjacent plots together) of at least this many hectares (a zone without plots: its stated
    available land). Raises ``SearchUnavailable`` when the search service is down."""
    params = dict(params)
    min_ha = params.pop("min_available_ha", None)
    if any(value not in (None, "") for value in params.values()):
        queryset = queryset.filter(pk__in=matching_zone_ids(params))
    if min_ha not in (None, ""):
        queryset = queryset.filter(pk__in=siting.zones_with_site(queryset, Decimal(str(min_ha)) * 10_000))
    return queryset


def zones_under(index, land: bool = True) -> QuerySet:
    """The published zones of a zone index, annotated with their land figures (unless ``land`` is false: see
    ``ZoneQuerySet.land_for``): those written in or translated into the index's language, and those not
    translated yet, in the language they were written in."""
    parents = Page.objects.filter(translation_key=index.translation_key)
    under = reduce(operator.or_, (Q(path__startswith=parent.path, depth=parent.depth + 1) for parent in parents))
    zones = in_language(_model("ZonePage").objects.live().public().filter(under), index.locale_id)
    if land:
        zones = zones.with_land()
    return zones.select_related("locale").prefetch_related("communes").order_by("title")


def zone_statistics(zones: Iterable) -> dict:
    """Totals over zones annotated ``with_land()`` (a list the page has fetched already, or a queryset): count,
    areas, available land, by kind and status. Summed here rather than by aggregate queries: the page lists
    these zones anyway, and a province has tens of them."""
    zones = list(zones)

    def total(name: str):
        given = [value for zone in zones if (value := getattr(zone, name)) is not None]
        return sum(given) if given else None

    def extreme(pick, name: str):
        given = [value for zone in zones if (value := getattr(zone, name)) is not None]
        return pick(given) if given else None

    totals = {"count": len(zones), "total_ha": total("total_area_ha"),
              "price_min": extreme(min, "land_price_min_usd"), "price_max": extreme(max, "land_price_max_usd"),
              "available_ha": total("available_ha") or 0.0, "leasable_ha": total("leasable_ha") or 0.0,
              "leased_ha": total("leased_ha") or 0.0}
    leasable = totals["leasable_ha"]
    totals["occupancy_pct"] = totals["leased_ha"] * 100 / leasable if leasable else None
    kinds = dict(ZoneKind.choices)
    statuses = dict(ZoneStatus.choices)
    kind_counts = Counter(zone.kind for zone in zones)
    status_counts = Counter(zone.status for zone in zones)
    totals["by_kind"] = [(kinds.get(kind, kind), kind_counts[kind]) for kind in sorted(kind_counts)]
    totals["by_status"] = [(statuses.get(status, status), status_counts[status]) for status in sorted(status_counts)]
    return totals


def _centroids(geometries: list[dict | None]) -> list[list[float] | None]:
    shapes = [shapely.geometry.shape(g) if g else None for g in geometries]
    points = shapely.centroid([s for s in shapes if s is not None])
    result, it = [], iter(points)
    for s in shapes:
        result.append(None if s is None else [round(p, 6) for p in shapely.get_coordinates(next(it))[0]])
    return result


def zone_map_features(zones: Iterable, request=None) -> list[dict]:
    """Plain dicts of zones for the map renderer (zones annotated ``with_land()`` give available land)."""
    zones = list(zones)
    kinds, statuses = dict(ZoneKind.choices), dict(ZoneStatus.choices)
    centroids = _centroids([z.geometry for z in zones])
    return [{
        "id": z.pk, "code": z.code, "name": z.title, "url": z.get_url(request),
        "kind": z.kind, "kind_label": str(kinds.get(z.kind, z.kind)),
        "status": z.status, "status_label": str(statuses.get(z.status, z.status)),
        "available_ha": None if getattr(z, "available_ha", None) is None else round(z.available_ha, 2),
        "price_min": None if z.land_price_min_usd is None else float(z.land_price_min_usd),
        "price_max": None if z.land_price_max_usd is None else float(z.land_price_max_usd),
        "geometry": z.geometry, "centroid": centroid,
    } for z, centroid in zip(zones, centroids, strict=True)]


def plot_map_features(zone, plots: Iterable | None = None, fitting: Iterable[int] = ()) -> list[dict]:
    """Plain dicts of a zone's plots for the map renderer; ``fits`` marks the plots in ``fitting`` (ids)."""
    plots = list(zone.all_plots().order_by("code")) if plots is None else list(plots)
    statuses, fitting = dict(PlotStatus.choices), set(fitting)
    features = []
    for plot in plots:
        price = plot.price_usd(zone)
        features.append({
            "id": plot.pk, "code": plot.code, "land_use": plot.land_use, "status": plot.status,
            "status_label": str(statuses.get(plot.status, plot.status)),
            "area_m2": None if plot.area_m2 is None else round(plot.area_m2, 1),
            "price": None if price is None else float(price), "geometry": plot.geometry,
            "fits": plot.pk in fitting,
        })
    return features


_zone_plot_features = ProcessCache("zones:zone-plot-features-version",
                                   lambda _key, _version, _price, _language, ref: plot_map_features(ref.value))


def zone_plot_features(zone, fitting: set[int], ask_url: Callable[[str], str | None]) -> list[dict]:
    """``plot_map_features`` of all the plots of ``zone``, kept per process for each zone, language and price
    until its plots change, with ``fits`` (``fitting``: ids) and the "Ask the board" link of each."""
    kept = _zone_plot_features.get(zone.translation_key, plot_geojson.plots_version(zone), zone.land_price_min_usd,
                                   get_language(), Unkeyed(zone))
    return [{**feature, "fits": feature["id"] in fitting, "ask_url": ask_url(feature["code"])} for feature in kept]


def _reverse_or_none(name: str, args=None) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def downloads(url_name: str, *args) -> list[tuple[str, str]]:
    """(format label, URL) of a GIS download in every export format of the maps app."""
    from maps.exporters import FORMATS

    links = [(spec.label, _reverse_or_none(url_name, [*args, spec.key])) for spec in FORMATS.values()]
    return [(label, url) for label, url in links if url]


def zone_links(zone) -> dict:
    """Links a zone page offers: plan a project (licensing), incentive finder, the boundary as GeoJSON and
    the plots in every export format."""
    query = urlencode({"zone_id": zone.pk, "zone_kind": zone.kind})
    plan = _reverse_or_none("licensing:plan")
    finder = _reverse_or_none("zones:incentive_finder")
    return {
        "plan_url": f"{plan}?{query}" if plan else None,
        "finder_url": f"{finder}?{query}" if finder else None,
        "geojson_url": _reverse_or_none("maps:zone_geojson", [zone.pk]),
        "plot_downloads": downloads("maps:export_zone_plots", zone.pk),
    }


def plot_ask_urls(ask: str | None, about: str, zone) -> Callable[[str], str | None]:
    """The "Ask the board" address of a plot code (``ask``: the promotion app's form; None when it is not
    installed) pre-filled with the page, the zone and the plot, its fixed part encoded once for all the plots.
    ``about`` is the page's path without its query string, so that the zone map it goes into stays one cached
    map per page."""
    if not ask:
        return lambda _code: None
    fixed = f"{ask}?{urlencode({'about': about, 'title': zone.title, 'zone': zone.code})}&plot="
    return lambda code: fixed + quote_plus(code)


LAND_FIGURES = ("plot_count", "leasable_ha", "available_ha", "leased_ha", "reserved_ha", "occupancy_pct")


def _zone_land_build(zone, *_key) -> dict:
    figured = type(zone).objects.land_for([copy.copy(zone)])[0]
    return {name: getattr(figured, name) for name in LAND_FIGURES}


_zone_land = ProcessCache("zones:zone-land-version", _zone_land_build, max_entries=256)


def zone_land(zone) -> dict:
    """The zone's land figures (see ``ZoneQuerySet.with_land``): from its plots when it has some, else from the
    areas entered on it; kept per process until the plots (their version) or those areas change."""
    return dict(_zone_land.get(zone, zone.translation_key, plot_geojson.plots_version(zone),
                               zone.leasable_area_ha, zone.leased_area_ha))


def zone_page_context(zone, request=None) -> dict:
    """Everything a zone page shows, in a number of queries independent of its number of plots."""
    rows = plot_rows(zone)
    # A big zone's map fetches its plots (zones.plot_geojson): the page loads no geometry and embeds none.
    remote = zone.pk is not None and len(rows) > plot_geojson.embed_limit()
    today = timezone.localdate()
    land = zone_land(zone) if zone.pk else {}
    for_project = zone_page_profile(zone, request, today)
    fitting = for_project.get("fitting_plot_ids", set())
    ask = _reverse_or_none("promotion:ask")
    about = request.path if request is not None else (zone.url or "")
    unit = units.unit_of(request)
    table = plot_table(zone, rows, request.GET if request is not None else {}, unit)
    ask_url = plot_ask_urls(ask, about, zone)
    for plot in table.page.object_list:
        plot.fits = plot.pk in fitting
        plot.ask_url = ask_url(plot.code)
    plot_features = [] if remote else zone_plot_features(zone, fitting, ask_url)
    parts = zone_parts(zone, request, unit, land, today)
    return {
        "parts": parts,
        "communes": parts.communes,
        "plot_count": len(rows),
        "plot_table": table,
        "plot_map": remote_plot_map(zone, table, fitting, ask_url, unit) if remote else None,
        "land": land,
        "incentives": zone_incentives(zone, today, request),
        "plot_features": plot_features,
        "zone_features": zone_map_features([zone], request),
        "unit": unit,
        **zone_links(zone),
        **infrastructure_for(zone),
        **for_project,
    }


def remote_plot_map(zone, table, fitting, ask_url: Callable[[str], str | None], unit: str) -> dict:
    """The part of a big zone's map that the page tells zones/js/plot_map.js: where to fetch the plots
    (zones.plot_geojson, areas in ``unit``), the "Ask the board" link without its plot (``ask_url``: the
    page's link for a plot code), the plots that fit the visitor's project, the plots the table lists now,
    and whether the map should fit those (the table is filtered, sorted or paged)."""
    listed = [plot.pk for plot in table.page.object_list]
    moved = table.filtered or table.page.number > 1 or table.sort != DEFAULT_SORT or table.descending
    return {"url": f"{reverse('zones:zone_plot_map', args=[zone.pk])}?{urlencode({units.PARAM: unit})}",
            "ask": ask_url(""), "fits": sorted(fitting), "listed": listed, "follow": bool(moved and listed),
            "count": table.total}


def zone_page_profile(zone, request, on_date: datetime.date | None = None) -> dict:
    """What a zone page says about the visitor's own project, when there is a kept (or submitted) profile:
    the incentives judged for it, how the zone suits it (``zone_fit``: (ok, words) pairs) and the plots that
    fit it (``fitting_plot_ids``); nothing otherwise."""
    if request is None or not hasattr(request, "session"):
        return {"project_incentives": None}
    form = profiles.form_of(profiles.current(request))
    if form is None:
        return {"project_incentives": None}
    found = siting.find_sites(siting.SiteNeeds.from_values(form.cleaned_data), zones=[zone],
                              unit=units.unit_of(request)).for_zone(zone)
    return {"project_incentives": incentives_for_project_in_zone(zone, form.profile(), on_date),
            "zone_fit": found.notes() if found else [],
            "fitting_plot_ids": found.fitting_plot_ids if found else set()}
