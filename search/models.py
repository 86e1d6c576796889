"""The embedded backend's store: one row per indexed object and language, in the project's database.

Full-text search runs in the database: PostgreSQL keeps a generated ``tsvector`` column with a GIN
index, SQLite an FTS5 table kept in step by triggers (both created by migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import fold


class SearchDocument(models.Model):
    """One indexed object in one language, with folded text, facet fields, numbers and a location."""

    doc_type = models.CharField(_("type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)
    locale = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    folded_title = models.CharField(_("folded title"), max_length=255, db_index=True)
    folded_body = models.TextField(_("folded text"), blank=True)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=60, blank=True, db_index=True)
    province = models.CharField(_("province"), max_length=120, blank=True, db_index=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True, db_index=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=60, blank=True, db_index=True)
    available_land_ha = models.DecimalField(_("available land (ha)"), max_digits=12, decimal_places=2,
                                            null=True, blank=True, db_index=True)
    land_price_usd = models.DecimalField(_("land price (USD/m²)"), max_digits=14, decimal_places=2,
                                         null=True, blank=True)
    capital_usd = models.DecimalField(_("capital (USD)"), max_digits=20, decimal_places=2, null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True, db_index=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True, db_index=True)
    # {tag: true}: an object, so "has any of these tags" is a key lookup on SQLite and PostgreSQL alike.
    tags = models.JSONField(_("tags"), default=dict, blank=True)
    distances = models.JSONField(_("road distances (km)"), default=dict, blank=True,
                                 help_text=_("By named place code."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id", "locale"], name="search_document_unique"),
        ]
        indexes = [models.Index(fields=["locale", "doc_type"], name="search_doc_locale_type")]

    def __str__(self):
        return f"{self.doc_type}:{self.object_id} ({self.locale}) {self.title}"

    def fill_folded(self) -> None:
        """Compute the folded columns the full-text index is built from."""
        self.folded_title = fold(self.title)[:255]
        self.folded_body = " ".join(fold(part) for part in (self.title, self.summary, self.body) if part)
