"""Model fields of the zones app."""

from django import forms
from django.db import models

from .choices import ZoneKind


class ZoneKindListField(models.JSONField):
    """A list of zone kinds stored as JSON, edited as a group of checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=ZoneKind.choices, required=not self.blank, label=self.verbose_name.capitalize(),
            help_text=self.help_text, widget=forms.CheckboxSelectMultiple,
        )


def split_codes(value: str) -> list[str]:
    """The non-empty, upper-cased items of a comma- or space-separated list of codes."""
    return [item.strip().upper() for item in value.replace(";", ",").replace(" ", ",").split(",") if item.strip()]
