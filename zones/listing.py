"""The zone index: its published zones with their land figures and current communes, built once per process for
each index and day and rebuilt in every process when anything it shows changes; the rows of its list and its
unbound filter form rendered once for each language, unit and site (the rows while no visitor's project is
judged in them).

What the index shows changes with a page saved, published, unpublished, moved or deleted (a zone, its index, a
translation, a view restriction), a zone's communes or target sectors, a commune, a sector, a named place, a
plot (saved, deleted, or written in bulk: ``plots_changed``), shared values written to the other languages in
bulk, a locale. Each of them moves the version here, now and again after the commit (``invalidate``). The
filters and a visitor's project only pick from the kept zones or annotate copies of them."""

import copy
import datetime
import logging
from collections.abc import Callable, Mapping

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page, Site

from core.caching import ChangeFollower, ProcessCache, Unkeyed
from core.text import name_order
from search.backends.base import SearchUnavailable

from . import profiles, siting, units
from .forms import ZoneFilterForm
from .infrastructure import infrastructure_for
from .services import downloads, filter_zones, zone_map_features, zone_statistics, zones_under

logger = logging.getLogger(__name__)

#: The models besides pages whose rows the zone list and the filter form's choices show (a zone's communes and
#: target sectors: their link tables, which ``m2m_changed`` names as its sender from either side).
LISTING_MODELS = frozenset({"zones.Plot", "zones.AdministrativeUnit", "zones.ZonePage_communes", "zones.Sector",
                            "zones.ZonePage_target_sectors", "zones.NamedPlace", "wagtailcore.PageViewRestriction",
                            "wagtailcore.Locale", "wagtailcore.Site"})
VERSION_KEY = "zones:listing-version"


def _build(index_pk: int, today: datetime.date) -> tuple:
    return _zones_of(Page.objects.get(pk=index_pk), today)


def _zones_of(index, today: datetime.date) -> tuple:
    zones = apps.get_model("zones", "ZonePage").objects.land_for(list(zones_under(index, land=False)))
    for zone in zones:
        zone.current_communes = [unit for unit in zone.communes.all() if unit.is_valid_on(today)]
    return tuple(sorted(zones, key=lambda zone: name_order(zone.title)))


_zones = ProcessCache(VERSION_KEY, _build)


_rendered = ProcessCache(VERSION_KEY, lambda *key: key[-1].value(), max_entries=128)


def listed_zones(index, today: datetime.date | None = None) -> list:
    """The published zones of ``index`` (see ``services.zones_under``) in name order, annotated with their land
    figures (``ZoneQuerySet.land_for``) and ``current_communes``; kept per process (see the module). The zones
    are shared: annotate copies."""
    today = today or timezone.localdate()
    if index.pk is None:  # the preview of a new index
        return list(_zones_of(index, today))
    return list(_zones.get(index.pk, today))


def rendered(key: tuple, render: Callable[[], str]) -> str:
    """``render()`` kept per process under ``key`` (everything the HTML depends on besides what ``invalidate``
    follows) until the zone index's data changes."""
    return _rendered.get(*key, Unkeyed(render))


#: Makes every process rebuild the zone list (a signal receiver).
invalidate = ChangeFollower(_zones, models=LISTING_MODELS)


def connect() -> None:
    """Rebuild the zone list when what it shows changes (from ``ZonesConfig.ready``)."""
    from .signals import plots_changed

    zone = apps.get_model("zones", "ZonePage")
    invalidate.connect("zones.listing", m2m=(zone.communes.through, zone.target_sectors.through),
                       signals=(plots_changed,))


def zone_index_context(index, query: Mapping, request=None) -> dict:
    """The zone index: its filter form, the filtered zones, their map features and statistics; with a kept
    profile, how each zone suits it (``zone.fit``, from ``zones.siting``)."""
    unit = units.unit_of(request)
    form = ZoneFilterForm({key: query[key] for key in query if key != units.PARAM} or None, unit=unit)
    zone_list, search_down = listed_zones(index), False
    if form.is_bound and form.is_valid():
        try:
            matching = set(filter_zones(zones_under(index, land=False), form.cleaned_data).values_list("pk", flat=True))
            zone_list = [zone for zone in zone_list if zone.pk in matching]
        except SearchUnavailable as exc:
            logger.warning("zone index: search is unavailable, showing every zone: %s", exc)
            search_down = True
    statistics = zone_statistics(zone_list)
    kept = profiles.form_of(profiles.stored(request)) if request is not None else None
    fitting_only = kept is not None and query.get("fits") == "1"
    if kept is not None:
        zone_list = [copy.copy(zone) for zone in zone_list]
        search = siting.find_sites(siting.SiteNeeds.from_values(kept.cleaned_data), zones=zone_list, unit=unit)
        judged = {found.zone.pk: found for found in search.zones}
        for zone in zone_list:
            zone.fit = judged[zone.pk].notes()
        if fitting_only:
            zone_list = [zone for zone in zone_list if not judged[zone.pk].failed]
    return {"filter_form": form, "zones": zone_list,
            "has_profile": kept is not None, "unit": unit,
            "fitting_only": fitting_only,
            "zone_features": zone_map_features(zone_list, request), "statistics": statistics,
            "filtered": form.is_bound and not search_down, "search_down": search_down,
            "zone_downloads": downloads("maps:export_zones"), **infrastructure_for()}


def site_key(request) -> int | None:
    """The Wagtail site ``request`` came to (the rows' links are relative to it)."""
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else None
