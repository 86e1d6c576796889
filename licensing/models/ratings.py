"""Service quality: the investor's rating of a resolved dossier (Decision 766/QĐ-TTg)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application


class DossierRating(models.Model):
    """How satisfied the investor is with how a resolved dossier was handled: 1 (not at all) to 5 (fully),
    and a comment kept from the public figures. One per dossier; its author may change it."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating",
                                       verbose_name=_("application"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    score = models.PositiveSmallIntegerField(_("score (1-5)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("dossier rating")
        verbose_name_plural = _("dossier ratings")
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                              name="licensing_rating_score_1_5")]

    def __str__(self):
        return f"{self.application_id} · {self.score}/5"
