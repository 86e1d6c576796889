"""Service quality: the investor's rating of a resolved dossier (Decision 766/QĐ-TTg)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AbstractRating

from .applications import Application


class DossierRating(AbstractRating):
    """How satisfied the investor is with how a resolved dossier was handled. One per dossier; its author may
    change it."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating",
                                       verbose_name=_("application"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))

    class Meta(AbstractRating.Meta):
        verbose_name = _("dossier rating")
        verbose_name_plural = _("dossier ratings")

    def __str__(self):
        return f"{self.application_id} · {self.score}/5"
