"""Admin screens: investors, projects (with shares and capital changes inline), capital changes, imports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CopyView, CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .forms import ProjectAdminForm
from .models import CapitalChange, Investor, InvestorMembership, Project
from .services import save_project


class InvestorViewSet(SnippetViewSet):
    model = Investor
    icon = "group"
    menu_label = _("Investors")
    list_display = ["name_vi", "name_en", "kind", "country", "registration_number"]
    list_filter = ["kind", "country"]
    search_fields = ["name_vi", "name_en", "registration_number"]
    search_backend_name = None  # plain database filtering: the admin list must not depend on the search index


class ProjectSaveMixin:
    """The project editor saves through ``save_project``: ownership, capital and location follow, the status
    moves through the transitions table with a history row, the plots chosen are leased and the released
    ones freed, all in the view's transaction (the search index follows after commit)."""

    def save_instance(self):
        project = super().save_instance()
        return save_project(project, status=self.form.cleaned_data["status"],
                            plots=self.form.cleaned_data.get("plots"), actor=self.request.user)


class ProjectCreateView(ProjectSaveMixin, CreateView):
    """A new project, saved through ``save_project``."""


class ProjectCopyView(ProjectSaveMixin, CopyView):
    """A copy of a project, saved through ``save_project`` (plots another project holds are refused)."""


class ProjectEditView(ProjectSaveMixin, EditView):
    """An edit of a project, saved through ``save_project``."""


class ProjectViewSet(SnippetViewSet):
    model = Project
    add_view_class = ProjectCreateView
    copy_view_class = ProjectCopyView
    edit_view_class = ProjectEditView
    icon = "doc-full-inverse"
    menu_label = _("Projects")
    edit_handler = ObjectList(Project.panels, base_form_class=ProjectAdminForm)
    list_display = ["code", "name_vi", "kind", "status", "registered_on", "lead_country", "capital_usd", "zone"]
    list_filter = ["kind", "status", "lead_country", "sector", "currency"]
    search_fields = ["code", "name_vi", "name_en", "certificate_number"]
    search_backend_name = None
    ordering = ["-registered_on", "code"]


class CapitalChangeViewSet(ModelViewSet):
    model = CapitalChange
    icon = "list-ul"
    menu_label = _("Capital changes")
    add_to_admin_menu = False
    list_display = ["project", "kind", "date", "currency", "amount", "amount_vnd", "amount_usd"]
    list_filter = ["kind", "currency", "project__kind"]
    search_fields = ["project__code", "project__name_vi", "note"]
    search_backend_name = None
    ordering = ["-date"]
    inspect_view_enabled = True
    # Panels, not form_fields: a form built from field names leaves out the ParentalKey to the project.
    edit_handler = ObjectList([FieldPanel("project"), *CapitalChange.panels])
    add_view_class = admin_views.CapitalChangeCreateView
    edit_view_class = admin_views.CapitalChangeEditView
    delete_view_class = admin_views.CapitalChangeDeleteView


class InvestorMembershipViewSet(SnippetViewSet):
    """Which users act for which investor (the licensing app's "my applications" follows it)."""

    model = InvestorMembership
    icon = "user"
    menu_label = _("Investor users")
    list_display = ["investor", "user", "role"]
    search_fields = ["investor__name_vi", "investor__name_en", "user__username", "user__email"]
    search_backend_name = None
    panels = [FieldPanel("investor"), FieldPanel("user"), FieldPanel("role")]


class ProjectsGroup(SnippetViewSetGroup):
    items = (ProjectViewSet, InvestorViewSet, InvestorMembershipViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Investment projects")
    menu_name = "investment-projects"


register_snippet(ProjectsGroup)
capital_change_viewset = CapitalChangeViewSet("capital_changes")


@hooks.register("register_admin_viewset")
def register_capital_changes():
    return capital_change_viewset


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users who hold one of ``permissions`` (the page behind it refuses everyone
    else)."""

    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(permission) for permission in self.permissions)


@hooks.register("register_admin_menu_item")
def capital_changes_menu_item():
    return PermissionMenuItem(_("Capital changes"), reverse("capital_changes:index"), icon_name="list-ul",
                              order=620, permissions=tuple(f"projects.{action}_capitalchange"
                                                          for action in ("view", "add", "change", "delete")))


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(_("Import projects"), reverse("projects_import:upload"), icon_name="upload",
                              order=630, permissions=("projects.add_project",))


@hooks.register("register_admin_urls")
def import_urls():
    return [path("projects/import/", admin_views.import_urls())]


@hooks.register("register_board_work")
def project_imports_board_work(request):
    """Project spreadsheet imports running or waiting for confirmation, for those who may import projects
    (joined to promotion.dashboard by the hook's name)."""
    from django.db.models import Count, Q

    from core.imports import ImportStatus

    from .models import ImportJob

    if not request.user.has_perm("projects.add_project"):
        return []
    counts = ImportJob.objects.aggregate(
        running=Count("pk", filter=Q(status=ImportStatus.RUNNING)),
        previewed=Count("pk", filter=Q(status=ImportStatus.PREVIEWED)))
    return [{"group": _("Imports"), "label": _("Project imports running or waiting for confirmation"),
             "count": counts["running"] + counts["previewed"], "url": reverse("projects_import:upload"),
             "tone": "", "order": 510}]
