"""Which cached public pages show the project registry (``core.page_cache``): a project, its capital and status
history are shown on its public page, the dashboard and the home page's figures; a finished statistics import
changes the dashboard and the home page."""

from core import page_cache
from core.imports import ImportStatus

from .models import CapitalChange, ImportJob, Project, ProjectStatusChange


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


def connect() -> None:
    """Register this app's paths (from ``ProjectsConfig.ready``)."""
    page_cache.register(Project, project_paths)
    page_cache.register(CapitalChange, _history_paths)
    page_cache.register(ProjectStatusChange, _history_paths)
    page_cache.register(ImportJob, import_paths)
