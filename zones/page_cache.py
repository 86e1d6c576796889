"""Which cached public pages show the zones app's objects (``core.page_cache``): a zone page and a policy page
(on top of the page itself, its index and the home page, which ``core.signals`` purges for every page), and the
plots, whose saves and bulk writes (``plots_changed``) purge their zone's pages, maps and the site finder."""

from core import page_cache
from core.caching import ChangeFollower, ProcessCache, Unkeyed

from .models import IncentivePolicyPage, Plot, ZonePage
from .signals import plots_changed


def zone_paths(zone: ZonePage) -> list[str]:
    """Where a zone is shown besides its own page: its map data in every language and the site finder."""
    paths = page_cache.route_paths("maps:zones_geojson") + page_cache.route_paths("zones:sites")
    for translation in ZonePage.objects.filter(translation_key=zone.translation_key).only("pk"):
        paths += page_cache.route_paths("maps:zone_geojson", zone_pk=translation.pk)
        paths += page_cache.route_paths("maps:zone_plots_geojson", zone_pk=translation.pk)
        paths += page_cache.route_paths("zones:zone_plot_map", zone_pk=translation.pk)
    return paths


def plot_paths(plot: Plot) -> list[str]:
    """A plot is shown on its zone's page and the zone index (in every language) and on their maps."""
    zone = ZonePage.objects.filter(pk=plot.zone_id).first()  # gone already when the zone is deleted
    return zone_with_index_paths(zone) if zone is not None else []


def zone_with_index_paths(zone: ZonePage) -> list[str]:
    """A zone's page and its index in every language, with the zone's map data (kept per process until a page,
    a site or a language changes: a GIS import or a plot's save asks for them without changing any)."""
    return list(_zone_with_index_paths.get(zone.pk, Unkeyed(zone)))


def _paths_of(_zone_pk: int, zone: Unkeyed) -> tuple[str, ...]:
    paths = page_cache.page_paths(zone.value) + zone_paths(zone.value)
    parent = zone.value.get_parent()
    if parent is not None:
        paths += page_cache.page_paths(parent)
    return tuple(paths)


_zone_with_index_paths = ProcessCache("zones:zone-paths-version", _paths_of, max_entries=1024)
#: Makes every process find the zones' pages again when a page, a site or a language changes (a signal receiver).
follow_paths = ChangeFollower(_zone_with_index_paths, models=frozenset({"wagtailcore.Site", "wagtailcore.Locale"}))


def policy_paths(policy: IncentivePolicyPage) -> list[str]:
    """A policy is judged by the incentive finder, the cost page and on zone pages (their incentives)."""
    paths = page_cache.route_paths("zones:incentive_finder") + page_cache.route_paths("zones:cost")
    for zone in ZonePage.objects.live():
        paths += page_cache.page_paths(zone)
    return paths


def _plots_changed(sender, zone, **kwargs):
    page_cache.purge_paths_on_commit(zone_with_index_paths(zone))


def connect() -> None:
    """Register this app's paths and receivers (from ``ZonesConfig.ready``)."""
    page_cache.register(ZonePage, zone_paths, on_save=False)
    page_cache.register(IncentivePolicyPage, policy_paths, on_save=False)
    page_cache.register(Plot, plot_paths)
    plots_changed.connect(_plots_changed, dispatch_uid="zones.page_cache.plots_changed")
    follow_paths.connect("zones.page_cache.paths")
