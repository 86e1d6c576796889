"""Forms of aftercare: the investor's new issue and replies; the board's answer, note, owner, agency, filters,
account officer and new issue."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from licensing.models import Agency

from .aftercare import investor_projects, operating_projects, workers
from .forms import MAX_MESSAGE
from .models import IssueCategory, IssueStatus


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def _message(label):
    return forms.CharField(label=label, max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 5}))


class InvestorIssueForm(forms.Form):
    """An investor raises an issue for one of their operating projects."""

    project = ProjectChoiceField(label=_("Project"), queryset=None, empty_label=None)
    category = forms.ChoiceField(label=_("Category"), choices=IssueCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = _message(_("What is the problem?"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = investor_projects(user)


class BoardIssueForm(forms.Form):
    """The board raises an issue for an operating project."""

    project = ProjectChoiceField(label=_("Project"), queryset=None)
    category = forms.ChoiceField(label=_("Category"), choices=IssueCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = _message(_("Description"))
    agency = AgencyChoiceField(label=_("Agency involved"), queryset=Agency.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = operating_projects().order_by("code")


class MessageForm(forms.Form):
    """A message on an issue: an answer, an internal note or the investor's reply."""

    body = _message(_("Message"))


class OwnerForm(forms.Form):
    """Give the issue an owner."""

    owner = UserChoiceField(label=_("Owner"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = workers()


class AgencyForm(forms.Form):
    """Record the agency involved in the issue."""

    agency = AgencyChoiceField(label=_("Agency involved"), queryset=Agency.objects.all(), required=False)


class AccountForm(forms.Form):
    """Name the account officer of an operating project."""

    project = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    officer = UserChoiceField(label=_("Account officer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = operating_projects()
        self.fields["officer"].queryset = workers()


class IssueFilterForm(forms.Form):
    """The filters of the board's list of issues."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    agency = AgencyChoiceField(label=_("Agency involved"), queryset=Agency.objects.all(), required=False)
    owner = UserChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Any"))] + list(IssueCategory.choices)
        self.fields["status"].choices = [("", _("Any"))] + list(IssueStatus.choices)
        self.fields["owner"].queryset = workers()
