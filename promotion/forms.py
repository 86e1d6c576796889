"""Forms of enquiries: the investor's question and replies, and the board's answer and assignment."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.permissions import users_with_perm
from licensing.uploads import check_upload
from projects.countries import country_choices

from .models import EnquiryTopic

MAX_MESSAGE = 5000


def local_path(value: str) -> str:
    """``value`` when it is a path of this site ("/en/zones/..."), else "" (another site, a script, junk)."""
    value = (value or "").strip()
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return value
    return ""


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EnquiryForm(forms.Form):
    """What an investor asks, and how to reach them. ``website`` is a honeypot: hidden from people, filled
    by robots."""

    topic = TopicChoiceField(label=_("Topic"), queryset=EnquiryTopic.objects.filter(active=True),
                             empty_label=None)
    message = forms.CharField(label=_("Your question"), max_length=MAX_MESSAGE,
                              widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    organisation = forms.CharField(label=_("Company or organisation (optional)"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country (optional)"), required=False)
    language = forms.ChoiceField(label=_("Answer me in"), choices=settings.LANGUAGES)
    attachment = forms.FileField(label=_("A file (optional)"), required=False,
                                 help_text=_("PDF, PNG, JPEG, DOCX or XLSX, at most 10 MB."))
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    about = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    title = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    plot = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["country"].choices = [("", "—")] + country_choices(language)
        self.fields["language"].initial = language

    def clean_about(self):
        """Only a path of this site is kept as what the enquiry is about."""
        return local_path(self.cleaned_data["about"])

    def clean_attachment(self):
        """The file, checked by its content before anything keeps it."""
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload)
        return upload or None

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Your message looks automated and was not sent. Leave the last field "
                                    "empty and try again."), code="honeypot")
        return ""


class InvestorReplyForm(forms.Form):
    """The investor writes again on their enquiry."""

    body = forms.CharField(label=_("Your message"), max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 4}))


class ReplyForm(forms.Form):
    """An officer's answer to the investor, or an internal note."""

    body = forms.CharField(label=_("Message"), max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 6}))
    internal = forms.BooleanField(label=_("Internal note (not shown to the investor)"), required=False)


def officers():
    """The active users who may answer enquiries."""
    return users_with_perm("promotion.change_enquiry")


class AssignForm(forms.Form):
    """Give the enquiry a named officer."""

    officer = forms.ModelChoiceField(label=_("Officer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers()


class QueueFilterForm(forms.Form):
    """The queue's filters."""

    topic = TopicChoiceField(label=_("Topic"), queryset=EnquiryTopic.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    zone = forms.CharField(label=_("Zone code"), max_length=64, required=False)
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=get_user_model().objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    awaiting = forms.BooleanField(label=_("Awaiting a first answer only"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import EnquiryStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any"))] + list(EnquiryStatus.choices)
        self.fields["officer"].queryset = officers()
