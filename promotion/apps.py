"""Promotion: investor enquiries with response deadlines, answered by the board."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "promotion"
    label = "promotion"
    verbose_name = _("Investment promotion")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
