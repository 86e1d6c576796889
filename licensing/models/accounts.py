"""Officers: users who work dossiers for an agency (investors belong to investors via projects' membership)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .catalogue import Agency


class OfficerProfile(models.Model):
    """A user acting for an agency: they see and work that agency's dossiers only."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_profile",
                                verbose_name=_("user"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers", verbose_name=_("agency"))
    title = models.CharField(_("position"), max_length=120, blank=True)

    panels = [FieldPanel("user"), FieldPanel("agency"), FieldPanel("title")]

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self):
        return f"{self.user} ({self.agency})"
