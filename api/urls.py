"""The API's URLs, mounted by portal/urls.py outside the language prefix (the language is a parameter)."""

from django.urls import path

from .v1 import api

urlpatterns = [path("api/v1/", api.urls)]
