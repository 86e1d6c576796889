"""OGC API - Features URLs (outside the language prefix; the language is ``?lang=``), from the route table."""

from django.urls import path

from . import views
from .routes import ROUTES

app_name = "ogc"
urlpatterns = [path(route.path, getattr(views, route.name), name=route.name) for route in ROUTES]
