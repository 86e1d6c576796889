"""The board's side of enquiries in the Wagtail admin: the queue, one enquiry with its conversation, replies,
internal notes, assignment and closing. Reading needs ``promotion.view_enquiry``; every change needs
``promotion.change_enquiry``."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zones import profiles

from . import services
from .forms import AssignForm, QueueFilterForm, ReplyForm
from .models import AnswerTemplate, Enquiry
from .views import serve_attachment

can_view = permission_required("promotion.view_enquiry", raise_exception=True)
can_change = permission_required("promotion.change_enquiry", raise_exception=True)


@can_view
def queue(request):
    """The queue, earliest deadline first, with its filters."""
    filters = QueueFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    enquiries = services.queue(topic=data.get("topic"), status=data.get("status", ""), zone=data.get("zone", ""),
                               officer=data.get("officer"), overdue=data.get("overdue", False),
                               awaiting=data.get("awaiting", False))
    page = Paginator(enquiries, 50).get_page(request.GET.get("p"))
    return render(request, "promotion/admin/queue.html", {
        "filters": filters, "page": page, "today": timezone.localdate()})


@can_view
def detail(request, pk: int):
    """One enquiry with its whole conversation (internal notes too) and, for those who may, the forms; with
    ``?template=<pk>`` the reply box starts from that answer template in the investor's language."""
    enquiry = get_object_or_404(Enquiry.objects.select_related("topic", "officer", "user"), pk=pk)
    can_change = request.user.has_perm("promotion.change_enquiry")
    templates = services.answer_templates(enquiry) if can_change else AnswerTemplate.objects.none()
    template_id = request.GET.get("template", "")
    chosen = templates.filter(pk=template_id).first() if template_id.isdigit() else None
    initial = {"body": services.fill_template(chosen, enquiry, request.user)} if chosen else {}
    return render(request, "promotion/admin/detail.html", {
        "templates": templates, "chosen_template": chosen,
        "enquiry": enquiry, "conversation": enquiry.messages.select_related("author"),
        "overdue": services.is_overdue(enquiry), "profile_words": profiles.summary(enquiry.profile),
        "can_change": can_change, "reply_form": ReplyForm(initial=initial),
        "assign_form": AssignForm(initial={"officer": enquiry.officer_id})})


def _act(request, pk: int, action):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    try:
        action(enquiry)
    except services.EnquiryError as error:
        messages.error(request, str(error))
    return redirect("promotion_admin:detail", enquiry.pk)


@can_view
def attachment(request, pk: int, file_pk: int):
    """A file the investor sent, for the board."""
    return serve_attachment(get_object_or_404(Enquiry, pk=pk), file_pk)


@require_POST
@can_change
def reply(request, pk: int):
    """Send an answer to the investor or write an internal note."""
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message first."))
        return redirect("promotion_admin:detail", pk)

    def write(enquiry):
        services.reply(enquiry, request.user, form.cleaned_data["body"], internal=form.cleaned_data["internal"])
        messages.success(request, _("Internal note saved.") if form.cleaned_data["internal"]
                         else _("Answer sent to the investor."))
    return _act(request, pk, write)


@require_POST
@can_change
def assign(request, pk: int):
    """Give the enquiry a named officer."""
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an officer who may answer enquiries."))
        return redirect("promotion_admin:detail", pk)
    return _act(request, pk, lambda enquiry: services.assign(enquiry, form.cleaned_data["officer"]))


@require_POST
@can_change
def close(request, pk: int):
    """Close the enquiry."""
    return _act(request, pk, lambda enquiry: services.close(enquiry, request.user))


def admin_urls():
    """The admin addresses, included under ``enquiries/`` with the namespace ``promotion_admin``."""
    patterns = [
        path("", queue, name="queue"),
        path("<int:pk>/", detail, name="detail"),
        path("<int:pk>/files/<int:file_pk>/", attachment, name="attachment"),
        path("<int:pk>/reply/", reply, name="reply"),
        path("<int:pk>/assign/", assign, name="assign"),
        path("<int:pk>/close/", close, name="close"),
    ]
    return include((patterns, "promotion_admin"), namespace="promotion_admin")
