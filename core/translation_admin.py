"""The translation progress report: per language, how much of the site is translated; per page, which languages
are up to date, stale (the source's text changed since) or missing, with links to do the work."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core import translations

STATUSES = {
    translations.STALE: _("Stale: the source changed"),
    translations.MISSING: _("Missing"),
    translations.UP_TO_DATE: _("Up to date"),
    translations.UNLINKED: _("Translated by hand"),
    translations.SOURCE: _("Source"),
}


def _editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"]) \
        .exclude(depth=1)


def progress_view(request):
    """The report, filtered by ``language`` and ``status`` (``stale``, ``missing``…) from the query string."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    pages = _editable_pages(request.user)
    languages, rows = translations.progress(Page.objects.filter(pk__in=pages.values("pk")).specific(defer=True))
    language = request.GET.get("language", "")
    status = request.GET.get("status", "")
    codes = [state.code for state in languages]
    shown = [state for state in languages if not language or state.code == language]
    if language in codes or status in STATUSES:
        rows = [row for row in rows if any(
            (not language or code == language) and (not status or cell["status"] == status)
            for code, cell in row.cells.items())]
    table = [{"source": row.source, "cells": [
        {**row.cells[state.code], "label": STATUSES[row.cells[state.code]["status"]]} for state in shown]}
        for row in rows]
    return render(request, "core/admin/translation_progress.html", {
        "languages": languages, "shown": shown, "rows": table, "language": language, "status": status,
        "statuses": STATUSES, "stale_key": translations.STALE, "missing_key": translations.MISSING,
    })
