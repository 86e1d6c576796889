"""The embedded backend's store: one row per indexed object and language, in the project's database.

``SearchDocument`` holds what a search matches, filters, ranks and lists, and nothing more: a broad query
reads tens of thousands of these rows, so they are kept narrow. The text shown in snippets lives beside
it in ``SearchText`` and is read for the hits of one page only.

Full-text search runs in the database: PostgreSQL keeps a ``tsvector`` column (written with each
document) with a GIN index, SQLite an FTS5 table over ``SearchText`` kept in step by triggers
(migrations 0002, 0004 and 0005). Both index the stemmed terms of the text (``core.text.terms``) and, for
autocomplete, the words of the title as written (folded).

``Synonym`` is the board's dictionary of synonyms and abbreviations, applied to queries (``search.analysis``).
"""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .analysis import MAX_TERM_WORDS, SynonymEntry, phrase_of, stems


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
    sector = models.CharField(_("sector"), max_length=255, blank=True, db_index=True)
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
    #: PostgreSQL only (title weighted A, all the text B, pairs of adjacent terms D); SQLite matches through its
    #: FTS5 table instead.
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
    """The text of a document: shown in snippets, and what SQLite's FTS5 table indexes."""

    document = models.OneToOneField(SearchDocument, on_delete=models.CASCADE, primary_key=True,
                                    related_name="text")
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    #: The title's words as written, folded: what autocomplete completes.
    folded_title = models.CharField(_("folded title"), max_length=255)
    #: The stemmed terms of the title, then of the title, summary and body: what a search matches.
    title_terms = models.TextField(_("title terms"), blank=True)
    text_terms = models.TextField(_("text terms"), blank=True)
    #: The document's language, which SQLite's FTS5 table indexes: a search is matched within its language there.
    locale = models.CharField(_("language"), max_length=10, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return self.folded_title


_SEPARATORS = re.compile(r"[,;\n]+")


def split_terms(value: str) -> list[str]:
    """The terms of a dictionary field: one per line or separated by commas, trimmed, empty ones dropped."""
    return [" ".join(term.split()) for term in _SEPARATORS.split(value or "") if term.strip()]


class Synonym(models.Model):
    """One entry of the search dictionary: words or phrases, in English or Vietnamese, that mean the same; and
    optionally words a search for them also finds without finding them back ("factory" finds "manufacturing").
    Searches use the entries in use at once (a per-process cache rebuilt after every change)."""

    terms = models.TextField(
        _("terms"),
        help_text=_("Words or phrases that mean the same, one per line or separated by commas, in English or "
                    "Vietnamese (for example: CIT, corporate income tax, thuế TNDN). A search for any of them "
                    "also finds the others. Capitals and accents do not matter."))
    expands_to = models.TextField(
        _("also finds"), blank=True,
        help_text=_("Optional. Words or phrases that a search for the terms also finds, but that do not find the "
                    "terms back (for example, the term factory also finds manufacturing and plant)."))
    note = models.CharField(_("note"), max_length=255, blank=True,
                            help_text=_("For editors only: why the entry exists or where the terms come from."))
    enabled = models.BooleanField(_("in use"), default=True,
                                  help_text=_("Searches use the entry only while this is ticked."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(split_terms(self.terms))[:120]

    def entry(self) -> SynonymEntry:
        """The entry as the dictionary reads it (folded phrases)."""
        return SynonymEntry(terms=tuple(phrase_of(term) for term in split_terms(self.terms)),
                            expands_to=tuple(phrase_of(term) for term in split_terms(self.expands_to)))

    def clean(self):
        """Every error names its field and the term at fault."""
        errors: dict[str, list] = {}
        terms, also = split_terms(self.terms), split_terms(self.expands_to)
        for name, values in (("terms", terms), ("expands_to", also)):
            seen = set()
            for term in values:
                phrase = phrase_of(term)
                if not phrase:
                    errors.setdefault(name, []).append(
                        _("“%(term)s” has no letters or digits.") % {"term": term})
                elif len(phrase) > MAX_TERM_WORDS:
                    errors.setdefault(name, []).append(
                        _("“%(term)s” is longer than %(words)d words.") % {"term": term, "words": MAX_TERM_WORDS})
                elif stems(phrase) in seen:
                    errors.setdefault(name, []).append(_("“%(term)s” is listed twice.") % {"term": term})
                seen.add(stems(phrase))
        if not terms:
            errors.setdefault("terms", []).append(_("Give at least one term."))
        elif len(terms) < 2 and not also:
            errors.setdefault("terms", []).append(
                _("Give at least two terms that mean the same, or fill in “also finds”."))
        own = {stems(phrase_of(term)) for term in terms}
        for term in also:
            if stems(phrase_of(term)) in own:
                errors.setdefault("expands_to", []).append(
                    _("“%(term)s” is already one of the terms.") % {"term": term})
        if self.enabled and "terms" not in errors:
            others = Synonym.objects.filter(enabled=True).exclude(pk=self.pk)
            for other in others:
                shared = [term for term in split_terms(other.terms) if stems(phrase_of(term)) in own]
                if shared:
                    errors.setdefault("terms", []).append(
                        _("“%(term)s” is already a term of the entry “%(entry)s”: add the new words to that "
                          "entry instead.") % {"term": shared[0], "entry": other})
        if errors:
            raise ValidationError(errors)
