"""One source, translations that follow it.

A page is written in one language, its *source*, and translated into the others with wagtail-localize. Its fields
are of two kinds, as wagtail-localize classifies them (``get_translatable_fields``): text is translated; everything
else — numbers, prices, dates, choices, geometry, relations, images, documents — is one value shared by every
language. Publishing a page in any language with a changed shared value writes that value into every other
language in the same transaction (``propagate_shared``), so no two languages of a page can show different figures.

A translation whose source text changed since it was made is *stale*: some of the source's current text segments
have no translation in its language. Its public page shows the source text, marked with the source's language, in
the fields concerned (``source_text``) until the translation is redone; the progress report lists stale and missing
translations per language and page (``progress``).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import threading
from collections import defaultdict

from django.conf import settings
from django.db import models, transaction
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from core.caching import ChangeFollower, ProcessCache, Unkeyed
from core.events import shared_values_changed


@functools.cache
def _page_fields() -> frozenset[str]:
    """Fields of ``Page`` itself (tree position, workflow and publishing state): never copied between languages."""
    return frozenset(f.name for f in Page._meta.get_fields())


@dataclasses.dataclass(frozen=True)
class SharedFields:
    """The shared (not translated) fields of a page model: columns, many-to-many relations, and child relations
    whose rows are matched by position (their text columns stay translated, their other columns are shared)."""

    columns: tuple[str, ...]
    many_to_many: tuple[str, ...]
    children: tuple[tuple[str, tuple[str, ...]], ...]

    def __bool__(self):
        return bool(self.columns or self.many_to_many or self.children)


def _is_text(field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not (
        field.choices or isinstance(field, models.URLField | models.EmailField | models.SlugField))


@functools.cache
def shared_fields(model) -> SharedFields:
    """The fields of ``model`` that every language of a page shares, as wagtail-localize classifies them (the
    model may override the classification with ``override_translatable_fields``), plus its many-to-many
    relations, which wagtail-localize leaves aside and which hold shared things (sectors, communes).

    Child relations are shared too: rows of a translatable child (``TranslatableMixin``: a caption, a source's
    name) are matched across languages by their translation key and share their other columns; rows of any other
    child are copied whole (their text, if any, sits in per-language columns)."""
    columns, children = [], []
    for declared in get_translatable_fields(model):
        if declared.field_name in _page_fields():
            continue
        field = model._meta.get_field(declared.field_name)
        if isinstance(field, models.ManyToOneRel) and isinstance(field.remote_field, ParentalKey):
            child = field.related_model
            keyed = issubclass(child, TranslatableMixin)
            own = tuple(f.attname for f in child._meta.concrete_fields
                        if not f.primary_key and not isinstance(f, ParentalKey) and f.name != "locale"
                        and not (keyed and _is_text(f) and not _declared_shared(child, f.name)))
            children.append((field.name, own))
        elif isinstance(declared, SynchronizedField) and field.concrete and not field.many_to_many:
            columns.append(field.attname)
    many_to_many = tuple(f.name for f in model._meta.get_fields()
                         if isinstance(f, ParentalManyToManyField) and f.name not in _page_fields())
    return SharedFields(tuple(columns), many_to_many, tuple(children))


def _declared_shared(model, name) -> bool:
    return any(isinstance(f, SynchronizedField) and f.field_name == name
               for f in getattr(model, "override_translatable_fields", ()))


def read_shared(model, pk) -> dict:
    """The shared values of page ``pk`` as stored: columns by attname, many-to-many as sorted id tuples, child
    relations as tuples of their shared columns in order."""
    fields = shared_fields(model)
    values = dict(model.objects.filter(pk=pk).values(*fields.columns).first() or {}) if fields.columns else {}
    for name in fields.many_to_many:
        through = model._meta.get_field(name).remote_field.through
        source, target = _through_columns(model, name)
        values[name] = tuple(sorted(through.objects.filter(**{source: pk}).values_list(target, flat=True)))
    for name, own in fields.children:
        relation = model._meta.get_field(name)
        child = relation.related_model
        order = ["sort_order", "pk"] if "sort_order" in {f.name for f in child._meta.fields} else ["pk"]
        rows = child.objects.filter(**{relation.field.attname: pk}).order_by(*order)
        values[name] = tuple(rows.values_list(*own))
    return values


def _through_columns(model, name) -> tuple[str, str]:
    field = model._meta.get_field(name)
    return field.m2m_column_name(), field.m2m_reverse_name()


#: Text segments that are not text a visitor reads: a page whose slug is not translated keeps the source's.
NOT_READ = ("slug",)


def text_segments(**filters):
    """wagtail-localize's text segments, less those a visitor does not read (``NOT_READ``)."""
    return StringSegment.objects.filter(**filters).exclude(context__path__in=NOT_READ)



_state = threading.local()


def remember_shared(page) -> None:
    """Before ``page`` is saved in full: keep its stored shared values, to tell afterwards which ones changed."""
    if page.pk and shared_fields(type(page)):
        before = getattr(_state, "before", {})
        before[page.pk] = read_shared(type(page), page.pk)
        _state.before = before


def propagate_shared(page) -> list[int]:
    """After ``page`` was published: write each shared value that the publication changed into every other
    language of the page — the live rows, their drafts and wagtail-localize's copy of the source — and return the
    ids of the pages changed."""
    model = type(page)
    before = getattr(_state, "before", {}).pop(page.pk, None)
    fields = shared_fields(model)
    if before is None or not fields:
        return []
    after = read_shared(model, page.pk)
    changed = {name: value for name, value in after.items() if before.get(name) != value}
    others = list(model.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
                  .values_list("pk", flat=True))
    if not changed or not others:
        return []
    with transaction.atomic():
        columns = {name: value for name, value in changed.items() if name in fields.columns}
        if columns:
            model.objects.filter(pk__in=others).update(**columns)
        for name in fields.many_to_many:
            if name in changed:
                _set_many_to_many(model, name, others, changed[name])
        for name, own in fields.children:
            if name in changed:
                _set_children(model, name, page.pk, others, own)
        _update_drafts(model, others, page)
        refresh_sources(page.translation_key)
    shared_values_changed.send(sender=model, pks=others)
    return others


def _set_many_to_many(model, name, pks, ids) -> None:
    through = model._meta.get_field(name).remote_field.through
    source, target = _through_columns(model, name)
    through.objects.filter(**{f"{source}__in": pks}).delete()
    through.objects.bulk_create([through(**{source: pk, target: ref}) for pk in pks for ref in ids])


def _set_children(model, name, source_pk, pks, own) -> None:
    """Give each page in ``pks`` the source page's rows of child relation ``name``: translatable rows matched by
    translation key (shared columns copied, text kept; a new row is copied whole, its text shown until
    translated); any other rows replaced by copies."""
    relation = model._meta.get_field(name)
    child, parent = relation.related_model, relation.field.attname
    source_rows = list(child.objects.filter(**{parent: source_pk}))
    keyed = issubclass(child, TranslatableMixin)
    for page in model.objects.filter(pk__in=pks).only("pk", "locale_id"):
        mine = {row.translation_key: row.pk for row in child.objects.filter(**{parent: page.pk})} if keyed else {}
        child.objects.filter(**{parent: page.pk}).exclude(
            **({"translation_key__in": [row.translation_key for row in source_rows]} if keyed else {})).delete()
        for row in source_rows:
            if row.translation_key in mine if keyed else False:
                child.objects.filter(pk=mine[row.translation_key]).update(
                    **{attname: getattr(row, attname) for attname in own})
                continue
            clone = copy.copy(row)
            clone.pk = None
            setattr(clone, parent, page.pk)
            if keyed:
                clone.locale_id = page.locale_id
            clone.save()


def _update_drafts(model, pks, page) -> None:
    """A translation with unpublished changes would bring back the old values when published: give its draft the
    new ones."""
    fields = shared_fields(model)
    for other in model.objects.filter(pk__in=pks, has_unpublished_changes=True).select_related("latest_revision"):
        revision = other.latest_revision
        if revision is None or revision.pk == other.live_revision_id:
            continue
        draft = revision.as_object()
        for attname in fields.columns:
            setattr(draft, attname, getattr(page, attname))
        for name in fields.many_to_many:
            setattr(draft, name, list(getattr(page, name).all()))
        for name, own in fields.children:
            theirs = {_row_key(row, position): row for position, row in enumerate(getattr(page, name).all())}
            for position, mine in enumerate(getattr(draft, name).all()):
                row = theirs.get(_row_key(mine, position))
                for attname in own if row is not None else ():
                    setattr(mine, attname, getattr(row, attname))
        revision.content = draft.serializable_data()
        revision.save(update_fields=["content"])


def _row_key(row, position):
    return getattr(row, "translation_key", position)


def refresh_sources(translation_key) -> None:
    """Bring wagtail-localize's copy of the source up to date with the live source page, so that the translations
    it makes carry today's shared values and the text segments it offers for translation are today's."""
    for source in TranslationSource.objects.filter(object_id=translation_key):
        try:
            source.update_from_db()
        except models.ObjectDoesNotExist:
            continue


def source_locale(page) -> Locale:
    """The language ``page`` was written in: the locale of its wagtail-localize source, else of its oldest
    translation."""
    source = TranslationSource.objects.filter(object_id=page.translation_key).select_related("locale").first()
    if source is not None:
        return source.locale
    first = (Page.objects.filter(translation_key=page.translation_key).order_by("pk")
             .select_related("locale").first())
    return first.locale if first is not None else page.locale


#: The wagtail-localize models whose rows decide, with the pages, whether a translation is stale.
LOCALIZE_MODELS = frozenset(f"wagtail_localize.{name}" for name in (
    "TranslatableObject", "TranslationSource", "Translation", "String", "TranslationContext", "StringTranslation",
    "Template", "SegmentOverride", "StringSegment", "TemplateSegment", "RelatedObjectSegment", "OverridableSegment"))


def stale_fields(page) -> tuple[TranslationSource | None, set[str]]:
    """For a translation kept by wagtail-localize: its source and the fields of ``page`` with text that the source
    has and this language does not (the source text changed since the translation was made). Kept per process for
    each page until a page or a row of ``LOCALIZE_MODELS`` changes (``follow_translations``)."""
    source, fields = _stale_fields(page) if page.pk is None else _stale.get(page.pk, Unkeyed(page))
    return source, set(fields)


def _stale_fields(page) -> tuple[TranslationSource | None, frozenset[str]]:
    translation = (Translation.objects.filter(source__object_id=page.translation_key, target_locale=page.locale_id,
                                              enabled=True).exclude(source__locale=page.locale_id)
                   .select_related("source", "source__locale").first())
    if translation is None:
        return None, frozenset()
    paths = (text_segments(source=translation.source).annotate_translation(page.locale_id)
             .filter(translation__isnull=True).values_list("context__path", flat=True))
    return translation.source, frozenset(path.split(".")[0] for path in paths)


_stale = ProcessCache("core:stale-translations-version", lambda _pk, page: _stale_fields(page.value),
                      max_entries=4096)
#: Makes every process find stale translations again (a signal receiver, connected by ``CoreConfig.ready``).
follow_translations = ChangeFollower(_stale, models=LOCALIZE_MODELS)


def source_text(page) -> tuple[str, set[str]]:
    """Show the source's text in the stale fields of ``page`` (in place, for this request only) and return the
    source's language code and the fields concerned; ``("", set())`` where the page is up to date."""
    source, fields = stale_fields(page)
    if not fields:
        return "", set()
    try:
        original = source.get_source_instance()
    except models.ObjectDoesNotExist:
        return "", set()
    for name in fields:
        value = getattr(original, name)
        if hasattr(value, "all"):  # a translatable child relation: its rows' text, matched by translation key
            theirs = {row.translation_key: row for row in value.all()}
            rows = list(getattr(page, name).all())
            for row in rows:
                other = theirs.get(row.translation_key)
                for field in row._meta.concrete_fields if other is not None else ():
                    if _is_text(field):
                        setattr(row, field.attname, getattr(other, field.attname))
            setattr(page, name, rows)
        else:
            setattr(page, name, value)
    return source.locale.language_code, fields


def translate_page(page, language_code: str, texts: dict | None = None, strings: dict[str, str] | None = None,
                   user=None, publish: bool = True):
    """Translate ``page`` into ``language_code`` through wagtail-localize and return the translated page.

    ``texts`` gives the translated value of text fields by name (rich text with the source's blocks), and of a
    translatable child relation as a list of ``{field: text}`` for its rows in order; each text segment of the
    source is paired with the segment at the same place in the translated value. ``strings`` translates segments
    by their source text wherever they are (stream blocks, for instance). What neither gives stays untranslated,
    and the page shows the source's text there.

    Raises ValueError naming the field whose translated value does not have the source's shape."""
    page = page.specific
    texts, strings = texts or {}, strings or {}
    source, _ = TranslationSource.get_or_create_from_instance(page)
    locale = Locale.objects.get(language_code=language_code)
    translated = _segments_by_path(_copy_with(page, texts))
    by_path = {}
    for path, originals in _segments_by_path(page).items():
        name = path.split(".")[0]
        if name not in texts:
            continue
        if len(translated.get(path, ())) != len(originals):
            raise ValueError(f"{language_code}: the translation of field “{name}” does not have the source's "
                             f"{len(originals)} text segment(s)")
        by_path[path] = dict(zip(originals, translated[path], strict=True))
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = by_path.get(segment.context.path, {}).get(segment.string.data) or strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL})
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    return _save_target(translation, user, publish)


def _save_target(translation, user, publish: bool):
    """``Translation.save_target``, publishing at once rather than when the transaction commits (as wagtail-localize
    does): a later step of the same transaction — a child page added, another language made — must not be
    overwritten by a publication that replays an older state of the page."""
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance()
    if publish:
        target.get_latest_revision().publish(user=user)
    return target


def _copy_with(page, texts):
    copy = type(page).objects.get(pk=page.pk)
    for name, value in texts.items():
        if isinstance(value, list):
            rows = list(getattr(copy, name).all())
            for row, row_texts in zip(rows, value, strict=False):
                for field, text in row_texts.items():
                    setattr(row, field, text)
            setattr(copy, name, rows)
        else:
            setattr(copy, name, value)
    return copy


def _segments_by_path(instance) -> dict[str, list[str]]:
    found = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            found[segment.path].append(segment.string.data)
    return found


def follow_source(page, user=None) -> None:
    """After the source ``page`` was published: bring wagtail-localize's copy of it up to date and remake each of
    its translations from it — shared values and structure from the source, text from the translations made so
    far, the source's text where a segment is not translated yet. A live translation is republished; one not yet
    published gets a new draft."""
    for source in TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id):
        source.update_from_db()
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            target = (type(page).objects.filter(translation_key=page.translation_key,
                                                locale=translation.target_locale_id).only("live").first())
            _save_target(translation, user, publish=bool(target and target.live))


@dataclasses.dataclass
class LanguageProgress:
    """One language's translations: pages up to date, stale and missing, and text segments translated."""

    code: str
    name: str
    up_to_date: int = 0
    stale: int = 0
    missing: int = 0
    sources: int = 0
    segments: int = 0
    translated_segments: int = 0

    @property
    def percent(self) -> int:
        """Share of the text segments (of pages written in another language) translated into this language."""
        return round(100 * self.translated_segments / self.segments) if self.segments else 100


@dataclasses.dataclass
class PageProgress:
    """One page (all its languages): its source, and per language code a status with the page in that language."""

    source: Page
    cells: dict


UP_TO_DATE, STALE, MISSING, SOURCE, UNLINKED = "up_to_date", "stale", "missing", "source", "unlinked"


def progress(pages) -> tuple[list[LanguageProgress], list[PageProgress]]:
    """The translation state of ``pages`` (a page queryset, typically those a user may edit, the root excluded):
    per language, counts and the share of text segments translated; per page, each language's status —
    ``source``, ``up_to_date``, ``stale`` (with the untranslated segments' count), ``missing``, or ``unlinked``
    (translated by hand, outside wagtail-localize, so its freshness is unknown)."""
    languages = {code: LanguageProgress(code, str(name)) for code, name in settings.LANGUAGES}
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    groups = defaultdict(dict)
    for page in pages.order_by("path").select_related("locale"):
        groups[page.translation_key][locales.get(page.locale_id)] = page
    sources = {(source.object_id, locales.get(source.locale_id)): source
               for source in TranslationSource.objects.filter(object_id__in=groups)}
    totals = dict(text_segments(source__in=sources.values()).values("source")
                  .annotate(n=models.Count("pk")).values_list("source", "n"))
    links = defaultdict(dict)
    for translation in Translation.objects.filter(source__in=sources.values(), enabled=True):
        links[translation.source_id][locales.get(translation.target_locale_id)] = translation
    missing_by = _untranslated_counts(sources.values(), links)
    rows = []
    for key, by_code in groups.items():
        source = next((sources[(key, code)] for code in by_code if (key, code) in sources), None)
        source_code = locales.get(source.locale_id) if source else next(iter(by_code))
        cells = {}
        for code, state in languages.items():
            page = by_code.get(code)
            if code == source_code:
                status, untranslated = SOURCE, 0
                state.sources += 1
            elif page is None:
                status, untranslated = MISSING, totals.get(source.pk, 0) if source else 0
                state.missing += 1
            elif source is None or code not in links[source.pk]:
                status, untranslated = UNLINKED, 0
                state.up_to_date += 1
            else:
                untranslated = missing_by.get((source.pk, code), 0)
                status = STALE if untranslated else UP_TO_DATE
                if untranslated:
                    state.stale += 1
                else:
                    state.up_to_date += 1
            if code != source_code and source is not None:
                state.segments += totals.get(source.pk, 0)
                state.translated_segments += totals.get(source.pk, 0) - untranslated
            cells[code] = {"status": status, "page": page, "untranslated": untranslated,
                           "translation": links[source.pk].get(code) if source else None}
        rows.append(PageProgress(by_code.get(source_code) or next(iter(by_code.values())), cells))
    return list(languages.values()), rows


def _untranslated_counts(sources, links) -> dict:
    """Untranslated string segments per (source id, language code), one query per language."""
    counts = {}
    by_locale = defaultdict(list)
    for source in sources:
        for code, translation in links[source.pk].items():
            by_locale[(translation.target_locale_id, code)].append(source.pk)
    for (locale_id, code), source_ids in by_locale.items():
        rows = (text_segments(source_id__in=source_ids).annotate_translation(locale_id)
                .filter(translation__isnull=True).values("source").annotate(n=models.Count("pk"))
                .values_list("source", "n"))
        for source_id, n in rows:
            counts[(source_id, code)] = n
    return counts


def one_value(*names: str) -> list[SynchronizedField]:
    """Declare fields of a translatable model as one value for every language (for a model's
    ``override_translatable_fields``): wagtail-localize copies them into each translation and its editor does not
    let a translator override them; codes and numbers kept in text columns belong here too."""
    return [SynchronizedField(name, overridable=False) for name in names]


def in_language(pages, locale):
    """``pages`` as a visitor of ``locale`` should see them: each page in ``locale`` where it exists there, else
    once, in the language it was written in (its oldest translation), so that a page not yet translated is still
    listed."""
    model = pages.model
    here = model.objects.filter(locale=locale).live()
    elsewhere = pages.exclude(locale=locale).exclude(translation_key__in=here.values("translation_key"))
    first = models.Subquery(model.objects.filter(translation_key=models.OuterRef("translation_key"))
                            .exclude(locale=locale).order_by("pk").values("pk")[:1])
    return pages.filter(models.Q(locale=locale) | models.Q(pk__in=elsewhere.filter(pk=first).values("pk")))
