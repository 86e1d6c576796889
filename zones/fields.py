"""Model fields of the zones app."""

from django import forms
from django.db import models

from .choices import ZoneKind


class ZoneKindListField(models.JSONField):
    """A list of zone kinds stored as JSON, edited as a group of checkboxes. No model uses it since eligibility
    rules became rules of the shared engine; the migrations that created the old rule columns still do."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=ZoneKind.choices, required=not self.blank, label=self.verbose_name.capitalize(),
            help_text=self.help_text, widget=forms.CheckboxSelectMultiple,
        )
