"""Admin and public forms of the projects app."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import CapitalChangeKind, ProjectKind, ProjectStatus
from .countries import country_choices
from .services import ALLOWED_TRANSITIONS, check_kind, check_plots, check_shares, ownership


class ProjectAdminForm(WagtailAdminModelForm):
    """The project editor: shares must total 100%, the kind must match them, status moves must be allowed, one
    new registration at most, plots must be free leasable land; once registered, the capital is the total of
    the capital changes.

    Saving writes the project's own fields and inlines only: its status and plots stay as they were, for
    ``projects.services.save_project`` (called by the admin's views) to move and lease them."""

    #: Fields the form validates but does not write: ``save_project`` applies them.
    SERVICE_FIELDS = ("status", "plots")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_status = self.instance.status if self.instance.pk else ProjectStatus.REGISTERED
        if self.instance.pk and "registered_capital" in self.fields:
            self.fields["registered_capital"].disabled = True
            self.fields["registered_capital"].help_text = _(
                "The total of the capital changes below: record an increase or a decrease there, or correct the "
                "amount of the new registration.")

    def clean(self):
        cleaned = super().clean()
        changes = self.formsets.get("capital_changes")
        rows = [form.cleaned_data for form in (changes.forms if changes is not None else ())
                if not form.errors and form.cleaned_data and not form.cleaned_data.get("DELETE")]  # .errors cleans
        if sum(row.get("kind") == CapitalChangeKind.NEW for row in rows) > 1:  # the constraint sees saved rows only
            self.add_error(None, _("A project has one new registration; record later changes as increases or "
                                   "decreases."))
        formset = self.formsets.get("shares")
        if formset is None or any(form.errors for form in formset.forms):
            return cleaned
        rows = [(form.cleaned_data["investor"], form.cleaned_data["share_pct"]) for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        try:
            check_shares(pct for _investor, pct in rows)
            foreign, _lead = ownership((investor.country, pct) for investor, pct in rows)
            check_kind(cleaned.get("kind"), foreign)
        except ValidationError as error:
            self.add_error(None, error)
        new_status = cleaned.get("status")
        if new_status and new_status != self.saved_status and new_status not in ALLOWED_TRANSITIONS[
                ProjectStatus(self.saved_status)]:
            self.add_error("status", _("A project cannot move from this status to that one."))
        if cleaned.get("plots") is not None:
            try:
                check_plots(self.instance, cleaned["plots"])
            except ValidationError as error:
                self.add_error("plots", error)
        capital = cleaned.get("registered_capital")
        if capital is not None and capital < Decimal("0"):
            self.add_error("registered_capital", _("Capital cannot be negative."))
        return cleaned

    def save(self, commit=True):
        """Save the project and its inlines with the status it had (see ``SERVICE_FIELDS``)."""
        self.instance.status = self.saved_status
        return super().save(commit=commit)

    def _save_m2m(self):
        """Save the many-to-many fields except the plots, which ``save_project`` leases."""
        plots = self.cleaned_data.pop("plots", None)
        try:
            super()._save_m2m()
        finally:
            if plots is not None:
                self.cleaned_data["plots"] = plots


class DashboardFilterForm(forms.Form):
    """The dashboard's GET filters: period and what to narrow the figures to."""

    PERIODS = [("term", _("Term 2020–2025")), ("year", _("Year")), ("half", _("Half-year")),
               ("quarter", _("Quarter")), ("month", _("Month")), ("custom", _("Custom range"))]

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False, initial="term")
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    number = forms.IntegerField(label=_("Half / quarter / month"), min_value=1, max_value=12, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Domestic and FDI"))] + list(ProjectKind.choices))
    zone = forms.ChoiceField(label=_("Zone"), required=False)
    commune = forms.TypedChoiceField(label=_("Commune"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Investor country"), required=False)

    def __init__(self, *args, zones=(), communes=(), sectors=(), countries=None, language="en", **kwargs):
        """``countries``: the codes to offer (those with projects); every country when None."""
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["zone"].choices = everything + list(zones)
        self.fields["commune"].choices = everything + list(communes)
        self.fields["sector"].choices = everything + list(sectors)
        self.fields["country"].choices = everything + [
            (code, name) for code, name in country_choices(language) if countries is None or code in countries]

