"""Admin wiring of the GIS import: the "GIS import" menu item, its views, the read-only import history and
export buttons on zone pages (imported by zones/wagtail_hooks.py, the module Wagtail discovers)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from maps.exporters import FORMATS

from ..models import ImportRecord, ZonePage
from . import admin_views


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Import history rows are written by the import only: nobody adds, edits or deletes them by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return user.has_perm(self._get_permission_name("view"))


register_permission_policy(ImportRecord, ReadOnlyPolicy(ImportRecord))


class ImportRecordViewSet(ModelViewSet):
    """The import history, read-only."""

    model = ImportRecord
    icon = "history"
    menu_label = _("GIS import history")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["file_name"]  # required by ModelViewSet; the edit views are refused by ReadOnlyPolicy
    list_display = ["file_name", "status", "format", "source_crs", "read_count", "created_count", "updated_count",
                    "refused_count", "user", "created_at"]
    list_filter = ["status", "format", "target"]
    search_fields = ["file_name", "layer"]
    inspect_view_fields = ["file_name", "file_size", "format", "layer", "source_crs", "target", "zone", "status",
                           "read_count", "created_count", "updated_count", "repaired_count", "refused_count",
                           "warnings", "repaired", "error", "user", "created_at", "finished_at"]


import_history = ImportRecordViewSet("gis_import_history")


@hooks.register("register_admin_viewset")
def register_history():
    return import_history


class GISMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("zones.add_importrecord")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return GISMenuItem(_("GIS import"), reverse("gis_import"), icon_name="upload", order=250,
                       name="gis-import")


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("gis-import/", admin_views.upload, name="gis_import"),
        path("gis-import/<int:pk>/", admin_views.detail, name="gis_import_detail"),
        path("gis-import/<int:pk>/confirm/", admin_views.confirm, name="gis_import_confirm"),
        path("gis-import/<int:pk>/cancel/", admin_views.cancel, name="gis_import_cancel"),
        path("gis-import/<int:pk>/status/", admin_views.status, name="gis_import_status"),
        path("gis-import/export/zones.<str:fmt>", admin_views.export_zones, name="gis_export_zones"),
        path("gis-import/export/zones/<int:zone_pk>/plots.<str:fmt>", admin_views.export_plots,
             name="gis_export_plots"),
    ]


@hooks.register("register_page_header_buttons")
def zone_export_buttons(page, user, view_name, next_url=None):
    """On a zone page in the admin: import plots and download them in every format."""
    if not isinstance(page.specific_deferred, ZonePage) or not user.has_perm("zones.view_importrecord"):
        return
    if user.has_perm("zones.add_importrecord"):
        yield Button(_("Import plots (GIS)"), reverse("gis_import") + f"?target=plots&zone={page.pk}",
                     icon_name="upload", priority=80)
    for number, spec in enumerate(FORMATS.values()):
        yield Button(_("Export plots: %(format)s") % {"format": spec.label},
                     reverse("gis_export_plots", args=[page.pk, spec.key]), icon_name="download",
                     priority=81 + number)


@hooks.register("register_board_work")
def gis_imports_board_work(request):
    """GIS imports running and waiting for the editor's confirmation, for those who may read the import
    history (joined to promotion.dashboard by the hook's name)."""
    from django.db.models import Count, Q

    from ..models import ImportStatus

    if not request.user.has_perm("zones.view_importrecord"):
        return []
    counts = ImportRecord.objects.aggregate(
        running=Count("pk", filter=Q(status=ImportStatus.RUNNING)),
        previewed=Count("pk", filter=Q(status=ImportStatus.PREVIEWED)))
    history, group = reverse("gis_import_history:index"), _("Imports")
    return [
        {"group": group, "label": _("GIS imports running"), "count": counts["running"],
         "url": f"{history}?status={ImportStatus.RUNNING}", "tone": "", "order": 500},
        {"group": group, "label": _("GIS imports waiting for confirmation"), "count": counts["previewed"],
         "url": f"{history}?status={ImportStatus.PREVIEWED}", "tone": "warning", "order": 501},
    ]
