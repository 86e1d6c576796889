"""Which cached public pages show the project registry (``core.page_cache``): a project, its capital and status
history are shown on its public page, the dashboard and the home page's figures; a finished statistics import
changes the dashboard and the home page.

``REGISTRY`` versions the dashboard's own cache (``dashboard.dashboard_html``): it moves whenever something the
dashboard shows changes, in the registry (projects, capital and status changes, a finished import) or in the names
and settings it reads (sectors, communes, zone pages, the board's staleness period)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from core import page_cache
from core.caching import SharedVersion
from core.imports import ImportStatus
from zones.models import AdministrativeUnit, FigureSettings, Sector, ZonePage

from .models import CapitalChange, ImportJob, Project, ProjectStatusChange

REGISTRY = SharedVersion("projects:registry-version")


def _figures_paths() -> list[str]:
    """The dashboard and the home page (its key figures), in every language."""
    return page_cache.route_paths("projects:dashboard") + page_cache.route_paths("wagtail_serve", "")


def project_paths(project: Project) -> list[str]:
    """The project's public page, the dashboard and the home page, in every language."""
    return _figures_paths() + page_cache.route_paths("projects:project", pk=project.pk)


def _history_paths(row) -> list[str]:
    return _figures_paths() + page_cache.route_paths("projects:project", pk=row.project_id)


def import_paths(job: ImportJob) -> list[str]:
    """A finished spreadsheet import changes the figures (its projects purge their own pages as they are saved)."""
    return _figures_paths() if job.status == ImportStatus.DONE else []


def registry_changed() -> None:
    """Make every process's cached dashboard stale: now (for this transaction's own reads) and once more when the
    transaction commits (a dashboard rendered meanwhile in another process read the data before the change)."""
    REGISTRY.bump()
    transaction.on_commit(REGISTRY.bump)


def _on_change(sender, instance, raw=False, **kwargs):
    if raw or (isinstance(instance, ImportJob) and instance.status != ImportStatus.DONE):
        return
    registry_changed()


def connect() -> None:
    """Register this app's paths (from ``ProjectsConfig.ready``) and what moves ``REGISTRY``."""
    page_cache.register(Project, project_paths)
    page_cache.register(CapitalChange, _history_paths)
    page_cache.register(ProjectStatusChange, _history_paths)
    page_cache.register(ImportJob, import_paths)
    for model in (Project, CapitalChange, ProjectStatusChange, ImportJob, Sector, AdministrativeUnit, ZonePage,
                  FigureSettings):
        uid = f"projects.registry.{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid, weak=False)
    page_published.connect(_on_change, sender=ZonePage, dispatch_uid="projects.registry.published", weak=False)
    page_unpublished.connect(_on_change, sender=ZonePage, dispatch_uid="projects.registry.unpublished", weak=False)
