from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public REST API (OpenAPI 3.1), OGC API - Features and the data catalogue, composed from the apps."""

    name = "api"
    verbose_name = _("Open data API")
