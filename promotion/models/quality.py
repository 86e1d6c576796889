"""Service quality: the investor's rating of the board's answer to an enquiry (Decision 766/QĐ-TTg)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AbstractRating

from .enquiries import Enquiry


class EnquiryRating(AbstractRating):
    """How satisfied the investor is with the answer to one enquiry. One per enquiry; whoever holds the
    enquiry's private link may change it."""

    enquiry = models.OneToOneField(Enquiry, on_delete=models.CASCADE, related_name="rating",
                                   verbose_name=_("enquiry"))

    class Meta(AbstractRating.Meta):
        verbose_name = _("enquiry rating")
        verbose_name_plural = _("enquiry ratings")

    def __str__(self):
        return f"{self.enquiry} · {self.score}/5"
