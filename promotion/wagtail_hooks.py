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


# -- The board's work on the admin's home (promotion.dashboard) ------------------------------------------------

@hooks.register("construct_homepage_panels")
def board_work_panel(request, panels):
    from .dashboard import BoardWorkPanel

    panels.append(BoardWorkPanel())


@hooks.register("register_board_work")
def enquiries_board_work(request):
    """Enquiries awaiting a first answer, overdue, and awaiting the signed-in officer; for readers of the
    queue."""
    from urllib.parse import urlencode

    from . import services

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

# --- aftercare: the issues of operating projects, their account officers, and the board's work ------------
@hooks.register("register_admin_urls")
def aftercare_urls():
    from . import aftercare_admin

    return [path("aftercare/", aftercare_admin.admin_urls())]


@hooks.register("register_admin_menu_item")
def aftercare_menu_item():
    return PermissionMenuItem(_("Aftercare"), reverse("promotion_aftercare:issues"), icon_name="warning",
                              order=645, permissions=("promotion.view_aftercareissue",))


@hooks.register("register_board_work")
def aftercare_work(request):
    """The board dashboard's aftercare items: open, overdue and escalated issues the user may see."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from . import aftercare
    from .models.aftercare import UNRESOLVED, IssueStatus

    if not request.user.has_perm(aftercare.VIEW):
        return []
    counts = aftercare.visible_issues(request.user).aggregate(
        open=Count("pk", filter=Q(status=IssueStatus.OPEN)),
        overdue=Count("pk", filter=Q(status__in=UNRESOLVED, due_on__lt=timezone.localdate())),
        escalated=Count("pk", filter=Q(status=IssueStatus.ESCALATED)))
    listing = reverse("promotion_aftercare:issues")
    return [
        {"group": _("Aftercare"), "label": _("Open issues"), "order": 250, "tone": "",
         "count": counts["open"], "url": f"{listing}?status={IssueStatus.OPEN}"},
        {"group": _("Aftercare"), "label": _("Overdue issues"), "order": 251, "tone": "critical",
         "count": counts["overdue"], "url": f"{listing}?overdue=on"},
        {"group": _("Aftercare"), "label": _("Escalated issues"), "order": 252, "tone": "warning",
         "count": counts["escalated"], "url": f"{listing}?status={IssueStatus.ESCALATED}"},
    ]

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
