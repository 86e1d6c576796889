from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site layer: home page, site-wide settings, health and the demo loader."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import auth, checks, home, page_tree, search_documents  # noqa: F401 - registers deploy checks and search documents

        home.connect()
        page_tree.connect()

        user_login_failed.connect(auth.count_failure, dispatch_uid="portal.signin.failed")
        user_logged_in.connect(auth.clear_failures, dispatch_uid="portal.signin.succeeded")
        create_database_folders()


def create_database_folders() -> None:
    """Create the folder of each SQLite database file (and of its test database) if it is missing: SQLite
    creates the file but not its folder, and settings create nothing when imported."""
    for database in settings.DATABASES.values():
        if database.get("ENGINE") != "django.db.backends.sqlite3":
            continue
        for name in (database.get("NAME"), (database.get("TEST") or {}).get("NAME")):
            name = str(name or "")
            if name and name != ":memory:" and not name.startswith("file:"):
                Path(name).parent.mkdir(parents=True, exist_ok=True)
