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
    from django.utils import timezone

    from . import aftercare
    from .models import IssueStatus

    if not request.user.has_perm(aftercare.VIEW):
        return []
    visible = aftercare.visible_issues(request.user)
    listing = reverse("promotion_aftercare:issues")
    return [
        {"group": _("Aftercare"), "label": _("Open issues"), "order": 10, "tone": "",
         "count": visible.filter(status=IssueStatus.OPEN).count(), "url": f"{listing}?status={IssueStatus.OPEN}"},
        {"group": _("Aftercare"), "label": _("Overdue issues"), "order": 11, "tone": "critical",
         "count": visible.overdue(timezone.localdate()).count(), "url": f"{listing}?overdue=on"},
        {"group": _("Aftercare"), "label": _("Escalated issues"), "order": 12, "tone": "warning",
         "count": visible.filter(status=IssueStatus.ESCALATED).count(),
         "url": f"{listing}?status={IssueStatus.ESCALATED}"},
    ]
