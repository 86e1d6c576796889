"""URLs of the maps app (mounted under the language prefix): GeoJSON downloads of zones and plots."""

from django.urls import include, path

from . import views

app_name = "maps"
urlpatterns: list = [
    path("zones.geojson", views.zones_geojson, name="zones_geojson"),
    path("zones/<int:zone_pk>.geojson", views.zone_geojson, name="zone_geojson"),
    path("zones/<int:zone_pk>/plots.geojson", views.zone_plots_geojson, name="zone_plots_geojson"),
    path("export/", include("maps.export_urls")),  # GIS exports (helper "gis")
]
