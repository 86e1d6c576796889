"""Admin: the enquiry queue (menu item and views), the enquiry topics with their service level and the answer
templates (snippets)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from projects.wagtail_hooks import PermissionMenuItem

from . import admin_views
from .models import AnswerTemplate, EnquiryTopic


class EnquiryTopicViewSet(SnippetViewSet):
    model = EnquiryTopic
    icon = "help"
    menu_label = _("Enquiry topics")
    menu_name = "enquiry-topics"
    add_to_admin_menu = True
    menu_order = 641
    list_display = ["name", "response_days", "active"]


register_snippet(EnquiryTopicViewSet)


class AnswerTemplateViewSet(SnippetViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = _("Answer templates")
    menu_name = "answer-templates"
    add_to_admin_menu = True
    menu_order = 642
    list_display = ["title", "topic", "active"]


register_snippet(AnswerTemplateViewSet)


@hooks.register("register_admin_urls")
def enquiry_urls():
    return [path("enquiries/", admin_views.admin_urls())]


@hooks.register("register_admin_menu_item")
def enquiries_menu_item():
    return PermissionMenuItem(_("Enquiries"), reverse("promotion_admin:queue"), icon_name="mail", order=640,
                              permissions=("promotion.view_enquiry",))


# The leads pipeline (#18): the list, one lead, the pipeline report and the exports, under ``leads/``.
@hooks.register("register_admin_urls")
def lead_urls():
    from . import pipeline_admin

    return [path("leads/", pipeline_admin.admin_urls())]


@hooks.register("register_admin_menu_item")
def leads_menu_item():
    return PermissionMenuItem(_("Leads"), reverse("promotion_leads:list"), icon_name="pick", order=643,
                              permissions=("promotion.view_lead",))


@hooks.register("register_board_work")
def leads_work(request):
    """The board dashboard's items about leads: the open leads of each stage, and those whose next action is
    overdue. Nothing for someone who may not read leads."""
    from django.db.models import Count
    from django.utils import timezone

    from .models import OPEN_STAGES, Lead

    if not request.user.has_perm("promotion.view_lead"):
        return []
    url = reverse("promotion_leads:list")
    counts = dict(Lead.objects.open().order_by().values_list("stage").annotate(count=Count("pk")))
    items = [{"group": _("Leads"), "label": stage.label, "count": counts.get(stage.value, 0),
              "url": f"{url}?stage={stage.value}", "tone": "", "order": 400 + index}
             for index, stage in enumerate(OPEN_STAGES)]
    overdue = Lead.objects.overdue(timezone.localdate()).count()
    items.append({"group": _("Leads"), "label": _("Next actions overdue"), "count": overdue,
                  "url": f"{url}?overdue=on", "tone": "critical" if overdue else "", "order": 399})
    return items
