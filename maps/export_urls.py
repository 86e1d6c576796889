"""Public export routes, included by maps/urls.py under /<lang>/maps/export/."""

from django.urls import path

from . import export_views

urlpatterns = [
    path("zones.<str:fmt>", export_views.export_zones, name="export_zones"),
    path("zones/<int:zone_pk>/plots.<str:fmt>", export_views.export_zone_plots, name="export_zone_plots"),
]
