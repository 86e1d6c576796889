"""The data catalogue's URLs, mounted under the language prefix at /<lang>/data/ (URL namespace ``catalogue``)."""

from django.urls import path

from . import catalogue

app_name = "catalogue"
urlpatterns = [
    path("", catalogue.page, name="page"),
    path("catalogue.jsonld", catalogue.jsonld, name="jsonld"),
]
