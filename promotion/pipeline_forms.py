"""Forms of the leads pipeline in the admin: the list's and the report's filters, a lead's fields, a stage move,
an activity, the next action and the search for the registry project to link."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.permissions import users_with_perm
from projects.countries import country_choices
from zones.models import Sector, ZonePage

from .models import OPEN_STAGES, ActivityKind, Lead, LeadStage, LostReason
from .pipeline_reports import Filters


def lead_officers():
    """The active users who may work leads: the owners to choose from."""
    return users_with_perm("promotion.change_lead")


class SectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class DateInput(forms.DateInput):
    input_type = "date"


class ReportFilterForm(forms.Form):
    """The report's filters: owner, country, sector and the period the leads were created in."""

    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = SectorChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    created_from = forms.DateField(label=_("Created from"), required=False, widget=DateInput)
    created_to = forms.DateField(label=_("Created until"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = lead_officers()
        self.fields["country"].choices = [("", _("Any"))] + country_choices(get_language() or "en")

    def filters(self) -> Filters:
        """The filters of a valid form (none when the form is not valid)."""
        if not self.is_valid():
            return Filters()
        data = {key: value for key, value in self.cleaned_data.items() if value not in (None, "", False)}
        return Filters(**data)


class LeadFilterForm(ReportFilterForm):
    """The list's filters: the report's, the stage and leads whose next action is overdue."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    overdue = forms.BooleanField(label=_("Next action overdue"), required=False)

    field_order = ["stage", "owner", "country", "sector", "overdue", "created_from", "created_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Any"))] + list(LeadStage.choices)


class LeadForm(forms.ModelForm):
    """A lead's own fields (its stage moves through the pipeline; its project is linked apart)."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = SectorChoiceField(label=_("Sector (VSIC)"), queryset=Sector.objects.all(), required=False)
    zones_considered = forms.ModelMultipleChoiceField(label=_("Zones considered"), required=False,
                                                      queryset=ZonePage.objects.none(),
                                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Lead
        fields = ["investor_name", "organisation", "country", "sector", "capital_usd", "jobs", "land_ha",
                  "zones_considered", "likelihood", "expected_registration_on", "owner", "notes"]
        widgets = {"expected_registration_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + country_choices(get_language() or "en")
        self.fields["owner"].queryset = lead_officers()
        chosen = self.instance.zones_considered.values("pk") if self.instance.pk else ZonePage.objects.none()
        self.fields["zones_considered"].queryset = ZonePage.objects.filter(
            Q(pk__in=ZonePage.objects.live().filter(locale=Locale.get_default()).values("pk")) | Q(pk__in=chosen)
        ).order_by("title")


class NewLeadForm(LeadForm):
    """A lead the board found itself, and the open stage it starts at."""

    stage = forms.ChoiceField(label=_("Stage"), choices=[(stage.value, stage.label) for stage in OPEN_STAGES])


class MoveForm(forms.Form):
    """Move the lead to another stage; a lost lead needs its reason."""

    stage = forms.ChoiceField(label=_("Move to"))
    lost_reason = forms.ChoiceField(label=_("Reason lost"), required=False,
                                    choices=[("", "—")] + list(LostReason.choices))
    lost_note = forms.CharField(label=_("Why it was lost, in words"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(stage, LeadStage(stage).label) for stage in stages] or list(
            LeadStage.choices)


class ActivityForm(forms.Form):
    """A call, meeting, site visit, e-mail or note."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    summary = forms.CharField(label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class NextActionForm(forms.Form):
    """What happens next on the lead, and by when."""

    next_action = forms.CharField(label=_("Next action"), max_length=255, required=False)
    next_action_on = forms.DateField(label=_("By"), required=False, widget=DateInput)


class ProjectSearchForm(forms.Form):
    """Find the registry project to link, by its code or its name."""

    project_q = forms.CharField(label=_("Project code or name"), max_length=100, required=False)
