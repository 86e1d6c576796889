from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from . import page_cache, search_documents  # noqa: F401 - registers this app's search documents

        page_cache.connect()
