"""The shortlist an investor keeps in the account (a visitor's lives in the session)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedShortlist(models.Model):
    """The zones and plots an investor set aside to compare, as stable keys (``zones.shortlist`` reads and
    writes it): a zone's code, or a zone's code and a plot's code."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
                                related_name="saved_shortlist")
    items = models.JSONField(_("items"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved shortlist")
        verbose_name_plural = _("saved shortlists")

    def __str__(self):
        return str(self.user)
