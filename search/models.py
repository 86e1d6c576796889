"""The embedded backend's store: one row per indexed object and language, in the project's database.

``SearchDocument`` holds what a search matches, filters, ranks and lists, and nothing more: a broad query
reads tens of thousands of these rows, so they are kept narrow. The text shown in snippets lives beside
it in ``SearchText`` and is read for the hits of one page only.

Full-text search runs in the database: PostgreSQL keeps a ``tsvector`` column (written with each
document) with a GIN index, SQLite an FTS5 table over ``SearchText`` kept in step by triggers
(migrations 0002 and 0004).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One indexed object in one language: facet fields, numbers, a location and the full-text vector."""

    doc_type = models.CharField(_("type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)
    locale = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=255)
    folded_title = models.CharField(_("folded title"), max_length=255, db_index=True)
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
    #: PostgreSQL only (title weighted A, all the text B); SQLite matches through its FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)
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


class SearchText(models.Model):
    """The text of a document: shown in snippets, and what SQLite's FTS5 table indexes (folded)."""

    document = models.OneToOneField(SearchDocument, on_delete=models.CASCADE, primary_key=True,
                                    related_name="text")
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    folded_title = models.CharField(_("folded title"), max_length=255)
    folded_body = models.TextField(_("folded text"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return self.folded_title
