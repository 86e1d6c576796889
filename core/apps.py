from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel as an app: abstract rule models and the translations of the profile and the rules."""

    name = "core"
    label = "core"
    verbose_name = _("Shared kernel")

    def ready(self):
        from core import signals, translations  # noqa: F401  (connects the receivers)

        translations.follow_translations.connect("core.translations")
