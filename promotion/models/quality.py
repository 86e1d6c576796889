"""Service quality: the investor's rating of the board's answer to an enquiry (Decision 766/QĐ-TTg)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enquiries import Enquiry


class EnquiryRating(models.Model):
    """How satisfied the investor is with the answer to one enquiry: 1 (not at all) to 5 (fully), and a
    comment kept from the public figures. One per enquiry; its author may change it."""

    enquiry = models.OneToOneField(Enquiry, on_delete=models.CASCADE, related_name="rating",
                                   verbose_name=_("enquiry"))
    score = models.PositiveSmallIntegerField(_("score (1-5)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("enquiry rating")
        verbose_name_plural = _("enquiry ratings")
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                              name="promotion_rating_score_1_5")]

    def __str__(self):
        return f"{self.enquiry} · {self.score}/5"
