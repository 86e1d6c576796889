"""The home page's key figures from the project registry, built once per process for each language and day and
rebuilt in every process when the registry changes.

The registry changes on the events that purge the home page from the page cache (``projects.page_cache``): a
project, a capital change or a status change saved or deleted, and a spreadsheet import saved (its bulk writes
send no ``post_save`` of their own). Each of them moves the version here, after the commit."""

import datetime

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from core.caching import ProcessCache

#: The registry's models whose saves and deletions change the home page's figures.
REGISTRY_MODELS = ("projects.Project", "projects.CapitalChange", "projects.ProjectStatusChange",
                   "projects.ImportJob")


def _build(_language: str, _today: datetime.date) -> tuple[list[dict], datetime.date | None]:
    from projects.statistics import figures_as_of, home_figures

    figures = home_figures()
    return figures, figures_as_of() if figures else None


_figures = ProcessCache("portal:home-figures-version", _build)


def registry_figures() -> tuple[list[dict], datetime.date | None]:
    """The registry's key figures in the active language (``projects.statistics.home_figures``, empty when no
    project is recorded) and the day the registry runs to (None when empty)."""
    return _figures.get(get_language(), timezone.localdate())


def invalidate(**kwargs) -> None:
    """Make every process rebuild the figures: now, and again once the transaction commits, so that figures
    built meanwhile from the data before the change are not kept."""
    _figures.invalidate()
    transaction.on_commit(_figures.invalidate)


def connect() -> None:
    """Rebuild the figures when the registry changes (from ``PortalConfig.ready``)."""
    for model in REGISTRY_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=f"portal.home.figures.{model}.{id(signal)}")
