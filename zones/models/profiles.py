"""The project profile an investor keeps in the account (a visitor's lives in the session)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedProfile(models.Model):
    """The project profile of an investor's account: the profile form's raw values, as submitted and
    validated (``zones.profiles`` reads and writes it; the form stays the one validator)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
                                related_name="saved_profile")
    data = models.JSONField(_("profile"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved project profile")
        verbose_name_plural = _("saved project profiles")

    def __str__(self):
        return str(self.user)
