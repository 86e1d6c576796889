"""URLs of the zones app (mounted under the language prefix, at /<lang>/zones-api/)."""

from django.urls import path

from . import views

app_name = "zones"
urlpatterns = [
    path("incentive-finder/", views.incentive_finder, name="incentive_finder"),
]
