"""Admin: the "Investor relations" menu (enquiries, leads and their pipeline report, aftercare, account
officers, enquiry topics and answer templates), the addresses of its screens, and the board's work on the
admin's home (``promotion.dashboard``) with the lines of enquiries, leads and aftercare."""

from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from projects.wagtail_hooks import PermissionMenuItem

from . import admin_views, aftercare, aftercare_admin, pipeline, pipeline_admin, services
from .dashboard import BoardWorkPanel
from .models import OPEN_STAGES, AnswerTemplate, EnquiryTopic, IssueStatus

MENU_HOOK = "register_promotion_menu_item"


class EnquiryTopicViewSet(SnippetViewSet):
    model = EnquiryTopic
    icon = "help"
    menu_label = _("Enquiry topics")
    menu_name = "enquiry-topics"
    menu_order = 60
    list_display = ["name", "response_days", "active"]


class AnswerTemplateViewSet(SnippetViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = _("Answer templates")
    menu_name = "answer-templates"
    menu_order = 61
    list_display = ["title", "topic", "active"]


class PromotionGroup(SnippetViewSetGroup):
    """One admin menu for the board's investor relations; each item is shown to those who may open it."""

    items = (EnquiryTopicViewSet, AnswerTemplateViewSet)
    menu_label = _("Investor relations")
    menu_name = "promotion"
    menu_icon = "mail"
    menu_order = 640
    submenu_hook = MENU_HOOK


@hooks.register("register_admin_viewset")
def promotion_viewsets():
    return PromotionGroup()


@hooks.register("register_admin_urls")
def promotion_urls():
    return [path("enquiries/", admin_views.admin_urls()), path("leads/", pipeline_admin.admin_urls()),
            path("aftercare/", aftercare_admin.admin_urls())]


@hooks.register("insert_global_admin_css")
def promotion_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("promotion/css/admin.css"))


@hooks.register(MENU_HOOK)
def enquiries_menu_item():
    return PermissionMenuItem(_("Enquiries"), reverse("promotion_admin:queue"), icon_name="mail", order=10,
                              permissions=("promotion.view_enquiry",))


@hooks.register(MENU_HOOK)
def leads_menu_item():
    return PermissionMenuItem(_("Leads"), reverse("promotion_leads:list"), icon_name="pick", order=20,
                              permissions=("promotion.view_lead",))


@hooks.register(MENU_HOOK)
def pipeline_menu_item():
    return PermissionMenuItem(_("Pipeline report"), reverse("promotion_leads:report"), icon_name="table",
                              order=21, permissions=("promotion.view_lead",))


@hooks.register(MENU_HOOK)
def aftercare_menu_item():
    return PermissionMenuItem(_("Aftercare"), reverse("promotion_aftercare:issues"), icon_name="warning",
                              order=30, permissions=(aftercare.VIEW,))


@hooks.register(MENU_HOOK)
def accounts_menu_item():
    return PermissionMenuItem(_("Account officers"), reverse("promotion_aftercare:accounts"), icon_name="user",
                              order=31, permissions=(aftercare.VIEW,))


# --- The board's work on the admin's home --------------------------------------------------------------------

@hooks.register("construct_homepage_panels")
def board_work_panel(request, panels):
    panels.append(BoardWorkPanel())


@hooks.register("register_board_work")
def enquiries_board_work(request):
    """Enquiries awaiting a first answer, overdue, and awaiting the signed-in officer; for readers of the
    queue."""
    user = request.user
    if not user.has_perm("promotion.view_enquiry"):
        return []
    counts = services.board_counts(user)
    queue = reverse("promotion_admin:queue")
    group = _("Enquiries")
    items = [
        {"group": group, "label": _("Awaiting a first answer"), "count": counts["awaiting"],
         "url": f"{queue}?awaiting=on", "tone": "", "order": 100},
        {"group": group, "label": _("Overdue"), "count": counts["overdue"], "url": f"{queue}?overdue=on",
         "tone": "critical", "order": 101},
    ]
    if user.has_perm("promotion.change_enquiry"):  # only those who may answer are ever assigned one
        items.append({"group": group, "label": _("Assigned to me, awaiting an answer"), "count": counts["mine"],
                      "url": f"{queue}?{urlencode({'officer': user.pk, 'awaiting': 'on'})}", "tone": "",
                      "order": 102})
    return items


@hooks.register("register_board_work")
def leads_work(request):
    """The open leads of each stage, and those whose next action is overdue; for readers of leads."""
    if not request.user.has_perm("promotion.view_lead"):
        return []
    counts = pipeline.board_counts()
    url = reverse("promotion_leads:list")
    group = _("Leads")
    items = [{"group": group, "label": _("Next actions overdue"), "count": counts["overdue"],
              "url": f"{url}?overdue=on", "tone": "critical" if counts["overdue"] else "", "order": 200}]
    items += [{"group": group, "label": stage.label, "count": counts[stage.value],
               "url": f"{url}?stage={stage.value}", "tone": "", "order": 201 + index}
              for index, stage in enumerate(OPEN_STAGES)]
    return items


@hooks.register("register_board_work")
def aftercare_work(request):
    """Open, overdue and escalated aftercare issues the user may see."""
    if not request.user.has_perm(aftercare.VIEW):
        return []
    counts = aftercare.board_counts(request.user)
    listing = reverse("promotion_aftercare:issues")
    group = _("Aftercare")
    return [
        {"group": group, "label": _("Open issues"), "order": 250, "tone": "", "count": counts["open"],
         "url": f"{listing}?status={IssueStatus.OPEN}"},
        {"group": group, "label": _("Overdue issues"), "order": 251, "tone": "critical", "count": counts["overdue"],
         "url": f"{listing}?overdue=on"},
        {"group": group, "label": _("Escalated issues"), "order": 252, "tone": "warning",
         "count": counts["escalated"], "url": f"{listing}?status={IssueStatus.ESCALATED}"},
    ]
