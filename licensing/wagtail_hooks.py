"""Admin: the procedure catalogue (snippet viewsets), the calendar's exceptions, officers, and the officers'
dossier queue."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import (
    Agency,
    ApplicabilityRule,
    CalendarException,
    EnvironmentalCriterion,
    LegalDocument,
    OfficerProfile,
    PollutingActivity,
    Procedure,
)
from .views.queue import QueueView, ReceiveBulkAction, delete_filter, save_filter


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = ["name_en", "name_vi", "level", "code"]
    list_filter = ["level"]


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Legal documents")
    list_display = ["number", "title_en", "effective_from", "effective_to"]


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "list-ol"
    menu_label = _("Procedures")
    list_display = ["code", "name_en", "agency", "time_limit", "time_unit", "effective_from", "effective_to"]
    list_filter = ["agency", "time_unit", "online_level"]


class ApplicabilityRuleViewSet(SnippetViewSet):
    model = ApplicabilityRule
    icon = "tick-inverse"
    menu_label = _("Applicability rules")
    list_display = ["procedure", "reason_en", "active"]
    list_filter = ["active"]


class PollutingActivityViewSet(SnippetViewSet):
    model = PollutingActivity
    icon = "warning"
    menu_label = _("Types at risk of pollution")
    list_display = ["name_en", "name_vi", "item", "sector_prefixes", "unit_en"]


class EnvironmentalCriterionViewSet(SnippetViewSet):
    model = EnvironmentalCriterion
    icon = "list-ul"
    menu_label = _("Environmental criteria")
    list_display = ["group", "text_en", "appendix", "item", "simplified", "active"]
    list_filter = ["group", "test", "simplified", "active"]


class CalendarExceptionViewSet(SnippetViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("Compensatory days")
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]


class OfficerViewSet(SnippetViewSet):
    model = OfficerProfile
    icon = "user"
    menu_label = _("Officers")
    list_display = ["user", "agency", "title"]
    list_filter = ["agency"]


class LicensingGroup(SnippetViewSetGroup):
    items = (ProcedureViewSet, ApplicabilityRuleViewSet, AgencyViewSet, LegalDocumentViewSet,
             EnvironmentalCriterionViewSet, PollutingActivityViewSet, CalendarExceptionViewSet, OfficerViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Licensing catalogue")
    menu_name = "licensing-catalogue"


register_snippet(LicensingGroup)


@hooks.register("register_admin_urls")
def register_queue_urls():
    from .views import officer

    patterns = ([
        path("", QueueView.as_view(), name="queue"),
        path("results/", QueueView.as_view(results_only=True), name="queue_results"),
        path("filters/", save_filter, name="save_filter"),
        path("filters/<int:pk>/delete/", delete_filter, name="delete_filter"),
        path("import/", officer.import_csv, name="import"),
        path("<int:pk>/", officer.application, name="application"),
        path("<int:pk>/assign/", officer.assign, name="assign"),
        path("<int:pk>/files/<int:attachment_pk>/", officer.attachment, name="attachment"),
        path("<int:pk>/result/", officer.result, name="result"),
    ], "licensing_admin")
    return [path("dossiers/", include(patterns))]


hooks.register("register_bulk_action", ReceiveBulkAction)


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or services.officer_agency_id(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(_("Dossier queue"), reverse("licensing_admin:queue"), icon_name="tasks", order=250)


# -- The board's work on the admin's home (promotion.dashboard, joined by the hook's name) --------------------

@hooks.register("register_board_work")
def dossiers_board_work(request):
    """The officer's agency's open dossiers overdue and due within the working week ahead (every agency's
    for a superuser); for whoever may open the dossier queue."""
    counts = services.officer_queue_counts(request.user)
    if counts is None:
        return []
    queue, group = reverse("licensing_admin:queue"), _("Dossiers")
    return [
        {"group": group, "label": _("Overdue"), "count": counts["overdue"], "url": f"{queue}?due=overdue",
         "tone": "critical", "order": 300},
        {"group": group, "label": _("Due within 5 working days"), "count": counts["week"],
         "url": f"{queue}?due=week", "tone": "warning", "order": 301},
    ]
