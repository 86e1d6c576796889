from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site layer: home page, site-wide settings, health and the demo loader."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import auth, checks, search_documents  # noqa: F401 - registers deploy checks and search documents

        user_login_failed.connect(auth.count_failure, dispatch_uid="portal.signin.failed")
        user_logged_in.connect(auth.clear_failures, dispatch_uid="portal.signin.succeeded")
