"""Signal receivers of the shared kernel: a page's shared values and its source follow it into every language."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from core import translations


@receiver(pre_save)
def remember_shared_values(sender, instance, update_fields=None, **kwargs):
    """Before a page is saved in full (as publishing does), keep its stored shared values."""
    if update_fields is None and isinstance(instance, Page) and not kwargs.get("raw"):
        translations.remember_shared(instance)


@receiver(page_published)
def follow_published_page(sender, instance, revision=None, **kwargs):
    """A page published with changed shared values passes them to its other languages at once; a published source
    remakes its translations, so that they carry its structure and show its new text until translated."""
    translations.propagate_shared(instance)
    translations.follow_source(instance, user=getattr(revision, "user", None))
