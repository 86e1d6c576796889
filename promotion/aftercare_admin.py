"""The board's side of aftercare in the Wagtail admin: the issues with their filters, one issue with its
conversation and the forms that work it, a new issue, and the operating projects' account officers.

Reading needs ``promotion.view_aftercareissue``, every change ``promotion.change_aftercareissue``; every issue
is looked up through ``aftercare.visible_issues``, so an agency officer reaches their agency's issues only."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import aftercare
from .aftercare_forms import AccountForm, AgencyForm, BoardIssueForm, IssueFilterForm, MessageForm, OwnerForm

can_view = permission_required(aftercare.VIEW, raise_exception=True)
can_change = permission_required(aftercare.CHANGE, raise_exception=True)


@can_view
def issues(request):
    """The issues the user may see, earliest due first, with their filters."""
    filters = IssueFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    found = aftercare.issues(request.user, category=data.get("category", ""), status=data.get("status", ""),
                             agency=data.get("agency"), owner=data.get("owner"), overdue=data.get("overdue", False))
    page = Paginator(found, 50).get_page(request.GET.get("p"))
    return render(request, "promotion/admin/aftercare/issues.html", {
        "filters": filters, "page": page, "today": timezone.localdate(),
        "can_change": request.user.has_perm(aftercare.CHANGE)})


def _issue(request, pk: int):
    return get_object_or_404(aftercare.visible_issues(request.user).select_related(
        "project", "owner", "agency", "raised_by"), pk=pk)


@can_view
def detail(request, pk: int):
    """One issue with its whole conversation (internal notes too) and, for those who may, the forms."""
    issue = _issue(request, pk)
    return render(request, "promotion/admin/aftercare/detail.html", {
        "issue": issue, "conversation": issue.messages.select_related("author"),
        "overdue": issue.is_overdue(timezone.localdate()), "can_change": aftercare.may_change(request.user, issue),
        "account": getattr(issue.project, "aftercare_account", None),
        "answer_form": MessageForm(), "note_form": MessageForm(auto_id="id_note_%s"),
        "owner_form": OwnerForm(initial={"owner": issue.owner_id}),
        "agency_form": AgencyForm(initial={"agency": issue.agency_id})})


def _act(request, pk: int, action, done: str):
    issue = _issue(request, pk)
    try:
        action(issue)
    except aftercare.AftercareError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("promotion_aftercare:detail", issue.pk)


def _with_form(request, pk: int, form_class, action, done: str, invalid: str):
    form = form_class(request.POST)
    if not form.is_valid():
        _issue(request, pk)  # another agency's issue answers 404 before any message
        messages.error(request, invalid)
        return redirect("promotion_aftercare:detail", pk)
    return _act(request, pk, lambda issue: action(issue, form.cleaned_data), done)


@require_POST
@can_change
def answer(request, pk: int):
    """Answer the investor (e-mailed to their people)."""
    return _with_form(request, pk, MessageForm,
                      lambda issue, data: aftercare.answer(issue, request.user, data["body"]),
                      _("Answer sent to the investor."), _("Write a message first."))


@require_POST
@can_change
def note(request, pk: int):
    """Write an internal note."""
    return _with_form(request, pk, MessageForm, lambda issue, data: aftercare.note(issue, request.user, data["body"]),
                      _("Internal note saved."), _("Write a message first."))


@require_POST
@can_change
def owner(request, pk: int):
    """Give the issue an owner."""
    return _with_form(request, pk, OwnerForm,
                      lambda issue, data: aftercare.assign_owner(issue, data["owner"], request.user),
                      _("Owner changed."), _("Choose someone who may work on aftercare issues."))


@require_POST
@can_change
def agency(request, pk: int):
    """Record the agency involved."""
    return _with_form(request, pk, AgencyForm,
                      lambda issue, data: aftercare.set_agency(issue, data["agency"], request.user),
                      _("Agency changed."), _("Choose an agency."))


@require_POST
@can_change
def escalate(request, pk: int):
    """Escalate the issue to the heads of the board."""
    return _act(request, pk, lambda issue: aftercare.escalate(issue, request.user), _("Issue escalated."))


@require_POST
@can_change
def resolve(request, pk: int):
    """Mark the issue resolved."""
    return _act(request, pk, lambda issue: aftercare.resolve(issue, request.user), _("Issue resolved."))


@require_POST
@can_change
def close(request, pk: int):
    """Close the issue."""
    return _act(request, pk, lambda issue: aftercare.close(issue, request.user), _("Issue closed."))


@can_change
def new(request):
    """The board raises an issue for an operating project."""
    form = BoardIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = aftercare.raise_issue(data["project"], category=data["category"], title=data["title"],
                                          description=data["description"], user=request.user, by_investor=False,
                                          agency=data["agency"])
        except aftercare.AftercareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Issue %(reference)s raised.") % {"reference": issue.reference})
            if aftercare.visible_issues(request.user).filter(pk=issue.pk).exists():
                return redirect("promotion_aftercare:detail", issue.pk)
            return redirect("promotion_aftercare:issues")
    return render(request, "promotion/admin/aftercare/new.html", {"form": form})


@can_view
def accounts(request):
    """The operating projects with their account officer; ``?q=`` finds a project by code or name and
    ``?unassigned=1`` keeps those without one."""
    projects = aftercare.operating_projects().select_related("aftercare_account__officer").order_by("code")
    query = request.GET.get("q", "").strip()
    if query:
        projects = projects.filter(Q(code__icontains=query) | Q(name_vi__icontains=query)
                                   | Q(name_en__icontains=query))
    unassigned = request.GET.get("unassigned") == "1"
    if unassigned:
        projects = projects.filter(aftercare_account__isnull=True)
    can_change = request.user.has_perm(aftercare.CHANGE)
    return render(request, "promotion/admin/aftercare/accounts.html", {
        "page": Paginator(projects, 50).get_page(request.GET.get("p")), "query": query, "unassigned": unassigned,
        "can_change": can_change, "workers": aftercare.workers() if can_change else []})


@require_POST
@can_change
def name_officer(request):
    """Name the account officer of one operating project."""
    form = AccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an operating project and someone who may work on aftercare issues."))
    else:
        try:
            aftercare.assign_account_officer(form.cleaned_data["project"], form.cleaned_data["officer"],
                                             request.user)
        except aftercare.AftercareError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Account officer named."))
    return redirect("promotion_aftercare:accounts")


def admin_urls():
    """The admin addresses, included under ``aftercare/`` with the namespace ``promotion_aftercare``."""
    patterns = [
        path("", issues, name="issues"),
        path("new/", new, name="new"),
        path("accounts/", accounts, name="accounts"),
        path("accounts/name/", name_officer, name="name_officer"),
        path("<int:pk>/", detail, name="detail"),
        path("<int:pk>/answer/", answer, name="answer"),
        path("<int:pk>/note/", note, name="note"),
        path("<int:pk>/owner/", owner, name="owner"),
        path("<int:pk>/agency/", agency, name="agency"),
        path("<int:pk>/escalate/", escalate, name="escalate"),
        path("<int:pk>/resolve/", resolve, name="resolve"),
        path("<int:pk>/close/", close, name="close"),
    ]
    return include((patterns, "promotion_aftercare"), namespace="promotion_aftercare")
