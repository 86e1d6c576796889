"""URLs of the zones app (mounted under the language prefix): the incentive finder, the project profile, the
sector picker's suggestions and a zone map's plots at /<lang>/zones-api/, and
the GIS downloads at /<lang>/maps/ (URL namespace ``maps``, the names pages and templates use)."""

from django.urls import path

from . import shortlist_views, siting_views, views

app_name = "zones"
urlpatterns = [
    path("incentive-finder/", views.incentive_finder, name="incentive_finder"),
    path("profile/", views.profile, name="profile"),
    path("sectors/suggest/", views.sector_suggest, name="sector_suggest"),
    path("shortlist/", shortlist_views.shortlist_page, name="shortlist"),
    path("compare/", shortlist_views.compare, name="compare"),
    path("compare/export.<str:fmt>", shortlist_views.compare_export, name="compare_export"),
    path("sites/", siting_views.sites, name="sites"),
    path("<int:zone_pk>/plots.geojson", views.zone_plot_map, name="zone_plot_map"),
]

#: Public GeoJSON and exports of zones and plots, included by portal/urls.py as ``(patterns, "maps")``.
gis_download_patterns = [
    path("zones.geojson", views.zones_geojson, name="zones_geojson"),
    path("zones/<int:zone_pk>.geojson", views.zone_geojson, name="zone_geojson"),
    path("zones/<int:zone_pk>/plots.geojson", views.zone_plots_geojson, name="zone_plots_geojson"),
    path("export/zones.<str:fmt>", views.export_zones, name="export_zones"),
    path("export/zones/<int:zone_pk>/plots.<str:fmt>", views.export_zone_plots, name="export_zone_plots"),
]

from . import cost_views  # noqa: E402

urlpatterns += [path("cost/", cost_views.cost, name="cost")]
