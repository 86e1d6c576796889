"""The investor's side of aftercare (signed in, under the language prefix): their projects' issues, a new
issue for one of their operating projects, and one issue's public conversation with a reply form. Another
investor's issue answers 404; the anonymous are sent to sign in, users acting for no investor refused."""

from django.shortcuts import get_object_or_404, redirect, render

from licensing.views.investor import investor_required

from . import aftercare
from .aftercare_forms import InvestorIssueForm, MessageForm


@investor_required
def issues(request):
    """The issues of the signed-in investor's projects, newest first."""
    return render(request, "promotion/aftercare/issues.html", {
        "issues": aftercare.for_investor(request.user),
        "can_raise": aftercare.investor_projects(request.user).exists()})


@investor_required
def new(request):
    """Raise an issue for one of the investor's operating projects."""
    form = InvestorIssueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = aftercare.raise_issue(data["project"], category=data["category"], title=data["title"],
                                          description=data["description"], user=request.user, by_investor=True)
        except aftercare.AftercareError as error:
            form.add_error(None, str(error))
        else:
            return redirect("promotion:aftercare_detail", issue.pk)
    return render(request, "promotion/aftercare/new.html", {
        "form": form, "has_projects": form.fields["project"].queryset.exists()})


@investor_required
def detail(request, pk: int):
    """One issue of the investor's projects: what was raised, the public conversation, a reply form."""
    issue = get_object_or_404(aftercare.for_investor(request.user).select_related("agency"), pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            aftercare.investor_reply(issue, request.user, form.cleaned_data["body"])
        except aftercare.AftercareError as error:
            form.add_error(None, str(error))
        else:
            return redirect("promotion:aftercare_detail", issue.pk)
    account = getattr(issue.project, "aftercare_account", None)
    return render(request, "promotion/aftercare/detail.html", {
        "issue": issue, "messages_shown": aftercare.public_messages(issue), "form": form,
        "account_officer": account.officer if account else None})
