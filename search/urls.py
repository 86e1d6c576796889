"""URLs of the search app (mounted under the language prefix)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("api/", views.search_api, name="api"),
    path("autocomplete/", views.autocomplete_api, name="autocomplete"),
]
