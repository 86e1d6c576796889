"""Forms of the licensing app: accounts, applications, attachments, tracking, officer actions."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import throttle
from core.links import SiteLinkPasswordResetMixin
from core.profile import SECTOR_CODE_PATTERN
from core.text import name_order
from projects.countries import country_choices
from zones.models import Sector, ZonePage

from . import workflow
from .accounts import find_account
from .environment import Answers
from .models import Agency, ApplicationStatus, PollutingActivity, Procedure
from .uploads import check_upload


class SignInForm(throttle.ThrottledSignInMixin, AuthenticationForm):
    """Django's sign-in form, held by the sign-in throttle (``core.throttle``). An account whose e-mail is not
    yet confirmed is told so, but only when the password is right: a wrong one gets the usual answer, which
    tells nobody whether the account exists. ``unconfirmed`` is then that account."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail (or user name) and password do not match an active account. The password "
                           "is case-sensitive."),
        "unconfirmed": _("Your e-mail address is not confirmed yet. Open the link in the confirmation e-mail we "
                         "sent you, or ask for a new one below."),
    }

    unconfirmed = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail or user name")

    def get_invalid_login_error(self):
        """The unconfirmed account's own message when its password is right, else Django's."""
        candidate = find_account(self.cleaned_data.get("username") or "", active=False)
        password = self.cleaned_data.get("password") or ""
        if candidate is not None and candidate.last_login is None and candidate.check_password(password):
            self.unconfirmed = candidate
            return ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")
        if candidate is None:
            get_user_model()().set_password(password)  # as slow as checking a candidate: timing tells nothing
        return super().get_invalid_login_error()


class PasswordResetForm(SiteLinkPasswordResetMixin, throttle.ThrottledPasswordResetMixin,
                        auth_forms.PasswordResetForm):
    """Django's password reset form, throttled per client address and per e-mail; its link uses the site's
    configured address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("The e-mail address of your account")


class SignUpForm(forms.Form):
    """An investor account: the user (inactive until the e-mail is confirmed) and the investor it acts for."""

    email = forms.EmailField(label=_("E-mail"))
    company = forms.CharField(label=_("Company or investor name"), max_length=255)
    country = forms.ChoiceField(label=_("Country"), initial="VN")
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(get_language() or "en")

    def clean_email(self):
        """The address in lower case. One an account already uses is not refused here, which would tell anyone
        who has an account: the view writes to its owner instead (``existing_account``)."""
        email = self.cleaned_data["email"].lower()
        self.existing_account = get_user_model().objects.filter(
            Q(username__iexact=email) | Q(email__iexact=email)).order_by("-is_active", "pk").first()
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif cleaned.get("password1"):
            try:
                validate_password(cleaned["password1"], get_user_model()(username=cleaned.get("email", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ApplicationForm(forms.Form):
    """An investor records a dossier they lodged for one of their projects."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=None, empty_label=_("Choose a project…"))
    procedure = forms.ChoiceField(label=_("Procedure"))
    submitted_on = forms.DateField(label=_("Submitted on"), widget=forms.DateInput(attrs={"type": "date"}))
    #: Shown (as a check box) only after the same dossier was found recorded already.
    another = forms.BooleanField(label=_("It is a second dossier, lodged the same day: record it as well"),
                                 required=False, widget=forms.HiddenInput)

    def offer_another(self) -> None:
        """Let the investor say the dossier is a second one (after a ``duplicate`` refusal)."""
        self.fields["another"].widget = forms.CheckboxInput()

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        today = timezone.localdate()
        self.fields["procedure"].choices = [
            (p.code, f"{p.code} – {p.name}") for p in Procedure.objects.in_force(today).order_by("code")]
        self.fields["submitted_on"].initial = today

    def clean_submitted_on(self):
        value = self.cleaned_data["submitted_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The submission date cannot be in the future."))
        return value


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, PNG, JPEG, DOCX or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["content_type"] = check_upload(upload)
        return upload


class TrackingForm(forms.Form):
    dossier_code = forms.CharField(label=_("Dossier code"), max_length=40)
    token = forms.CharField(label=_("Tracking key"), max_length=64)


class SavePathwayForm(forms.Form):
    """Which of the investor's projects keeps the plan; none chosen makes a new planned project of it."""

    project = forms.ModelChoiceField(label=_("Save to project"), queryset=None, required=False,
                                     empty_label=_("A new planned project"))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class PlannedProjectForm(forms.Form):
    """An investor declares a project they plan, before the authority registers it."""

    name = forms.CharField(label=_("Project name"), max_length=255)
    sector = forms.ModelChoiceField(label=_("Sector (VSIC)"), queryset=Sector.objects.order_by("code"),
                                    required=False, to_field_name="code")
    capital_usd = forms.DecimalField(label=_("Planned capital (USD)"), min_value=0, max_digits=20, decimal_places=2,
                                     required=False)
    land_area_m2 = forms.DecimalField(label=_("Land needed (m²)"), min_value=0, max_digits=14, decimal_places=2,
                                      required=False)
    foreign_share_pct = forms.DecimalField(label=_("Foreign share (%)"), min_value=0, max_value=100,
                                           max_digits=6, decimal_places=2, required=False)
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=ZonePage.objects.live().order_by("title"),
                                  required=False)


NO_ACTION = [("", _("Choose an action…"))]


class InvestorMoveForm(forms.Form):
    """An investor's move on their own dossier. Nothing is chosen at first, and withdrawing (which cannot be
    undone) needs the box ticked."""

    status = forms.ChoiceField(label=_("Action"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm_withdrawal = forms.BooleanField(
        label=_("I understand that withdrawing ends this dossier and cannot be undone."), required=False)

    #: The moves said as actions, not as the status they lead to.
    ACTIONS = {ApplicationStatus.WITHDRAWN: _("Withdraw the dossier"),
               ApplicationStatus.RESUBMITTED: _("Resubmit the completed dossier")}

    def __init__(self, *args, moves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = NO_ACTION + [(value, self.ACTIONS.get(value, label)) for value, label in moves]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ApplicationStatus.WITHDRAWN and not cleaned.get("confirm_withdrawal"):
            self.add_error("confirm_withdrawal", _("Tick the box to confirm the withdrawal."))
        return cleaned


class TransitionForm(forms.Form):
    """An officer's move on a dossier. A closing move is asked twice: the first post shows a confirmation
    page (where the decision file is attached), which posts the same fields with ``confirmed`` set."""

    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note (the reasons, when refusing, sending back or returning)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    result_number = forms.CharField(label=_("Decision or certificate number"), required=False, max_length=80)
    result_file = forms.FileField(label=_("Result (decision or certificate, PDF or image)"), required=False)
    received_on = forms.DateField(label=_("Receipt date (when receiving)"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("The day the dossier was handed in at the counter: the statutory time "
                                              "runs from it."))
    receipt_number = forms.CharField(label=_("Receipt number (when receiving)"), required=False, max_length=40)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, moves, current, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current, self.application = current, application
        self.fields["status"].choices = NO_ACTION + list(moves)
        if ApplicationStatus.RECEIVED in dict(moves):
            self.fields["received_on"].initial = timezone.localdate()
        else:
            del self.fields["received_on"], self.fields["receipt_number"]

    def clean_result_file(self):
        upload = self.cleaned_data.get("result_file")
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status"):
            try:
                workflow.check_officer_move(self.current, cleaned["status"], cleaned.get("note", ""),
                                            cleaned.get("result_number", ""))
            except workflow.IncompleteMove as exc:
                self.add_error(exc.field, str(exc))
        if cleaned.get("status") == ApplicationStatus.RECEIVED and self.application is not None:
            cleaned["received_on"] = cleaned.get("received_on") or timezone.localdate()
            try:
                workflow.check_date(self.application, ApplicationStatus.RECEIVED, cleaned["received_on"])
            except workflow.IllegalTransition as exc:
                self.add_error("received_on", str(exc))
        return cleaned

    @property
    def awaits_confirmation(self) -> bool:
        """A valid closing move not yet confirmed: show the confirmation page instead of making it."""
        return self.cleaned_data.get("status") in workflow.CLOSING_MOVES and not self.cleaned_data.get("confirmed")


class AssignForm(forms.Form):
    """Give a dossier to an officer of its agency."""

    officer = forms.ModelChoiceField(label=_("Assign to"), queryset=None, empty_label=_("Choose an officer…"))

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class ApplicationFilterForm(forms.Form):
    """The filters of the investor's application list."""

    state = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("All applications")), ("open", _("Open")), ("finished", _("Finished")), ("overdue", _("Overdue"))])
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=None,
                                     empty_label=_("All projects"))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class PerformanceFilterForm(forms.Form):
    group_by = forms.ChoiceField(label=_("Per"), required=False, choices=[
        ("agency", _("Agency")), ("procedure", _("Procedure")), ("month", _("Month"))])
    agency = forms.ModelChoiceField(label=_("Agency"), required=False, queryset=Agency.objects.order_by("name_en"),
                                    empty_label=_("All agencies"))
    date_from = forms.DateField(label=_("Received from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Received until"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.choices = [("", field.empty_label)] + sorted(
            ((agency.pk, agency.name) for agency in field.queryset), key=lambda choice: name_order(choice[1]))




class StatusImportForm(forms.Form):
    """A CSV of dossier statuses: UTF-8 text, at most 5 MB."""

    file = forms.FileField(label=_("CSV file (dossier_code,status,date[,note,result_number])"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": 5})
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The file is not UTF-8 text.")) from exc
        if "\x00" in self.cleaned_data["text"]:
            raise ValidationError(_("The file is not UTF-8 text."))
        return upload


class EnvironmentForm(forms.Form):
    """The environmental questionnaire: what the project makes and how much, and where it is. Its fields carry
    the ``env`` prefix, so that the plan's own parameters pass through the same address unchanged."""

    sector_code = forms.RegexField(label=_("Sector (VSIC code)"), regex=SECTOR_CODE_PATTERN, required=False,
                                   max_length=6, help_text=_("Used to suggest the type of production below."))
    activity = forms.ModelChoiceField(
        label=_("Is the project one of these types at risk of pollution?"), required=False,
        queryset=PollutingActivity.objects.all(), empty_label=_("None of these"),
        help_text=_("Decree 08/2022/NĐ-CP, Appendix II (a representative subset)."))
    capacity = forms.DecimalField(label=_("Production capacity per year"), min_value=0, max_digits=16,
                                  decimal_places=2, required=False,
                                  help_text=_("In the unit of the type you chose (shown next to each type)."))
    site_area_ha = forms.DecimalField(label=_("Site area (ha)"), min_value=0, max_digits=10, decimal_places=2,
                                      required=False)
    in_serviced_park = forms.BooleanField(
        label=_("Inside an industrial park whose central plant treats the wastewater"), required=False)
    protected_area = forms.BooleanField(
        label=_("The site uses land or water of a nature reserve, national park or heritage site"), required=False)
    forest_ha = forms.DecimalField(label=_("Forest land to convert (ha)"), min_value=0, max_digits=10,
                                   decimal_places=2, required=False)
    rice_land_ha = forms.DecimalField(label=_("Rice land (two crops a year) to convert (ha)"), min_value=0,
                                      max_digits=10, decimal_places=2, required=False)
    relocated_people = forms.IntegerField(label=_("Residents to relocate"), min_value=0, required=False)
    water_source = forms.BooleanField(
        label=_("Wastewater would flow into a river, lake or aquifer used for drinking water"), required=False)
    waste = forms.BooleanField(
        label=_("The project produces wastewater, dust or emissions to treat, or hazardous waste"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "env")
        super().__init__(*args, **kwargs)
        self.fields["activity"].label_from_instance = lambda activity: f"{activity.name} ({activity.unit})"

    def clean(self):
        data = super().clean()
        if data.get("activity") is not None and data.get("capacity") is None:
            self.add_error("capacity", _("Give the capacity in %(unit)s: it decides the group.")
                           % {"unit": data["activity"].unit})
        return data

    def answers(self) -> Answers:
        """The answers of a valid form for ``environment.decide``."""
        data = self.cleaned_data
        activity = data.get("activity")
        return Answers(
            activity_id=activity.pk if activity else None, capacity=data.get("capacity"),
            site_area_ha=data.get("site_area_ha"), protected_area=bool(data.get("protected_area")),
            forest_ha=data.get("forest_ha"), rice_land_ha=data.get("rice_land_ha"),
            relocated_people=data.get("relocated_people"), water_source=bool(data.get("water_source")),
            waste=bool(data.get("waste")), in_serviced_park=bool(data.get("in_serviced_park")))


class RatingForm(forms.Form):
    """An investor's rating of an answered enquiry or a resolved dossier: 1 to 5 and an optional comment."""

    score = forms.TypedChoiceField(label=_("How satisfied are you? (1 = not at all, 5 = fully)"), coerce=int,
                                   choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional, not published)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class QualityPeriodForm(forms.Form):
    """The period of the public service-quality figures."""

    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(_("The start of the period must come before its end."))
        return data
