"""Sectors (VSIC 2018) in plain words: loading the classification, finding sectors by words or codes, and
naming codes wherever a page shows one.

The forms, the profile service and the data migration use this module, so it imports no module of
``zones.models``: the model comes from the app registry (or is handed in by a migration)."""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from core.i18n import FALLBACK, OTHER_LANGUAGES, all_columns, language, localized
from core.rules import normalise_sector_code
from core.text import fold, tokens
from search.backends import get_backend
from search.backends.base import SearchQuery, SearchUnavailable
from search.registry import REGISTRY
from search.services import autocomplete, search

#: The classification shipped with the app (see ``load_classification``).
CLASSIFICATION_FILE = Path(__file__).resolve().parent / "data" / "vsic2018.json"
LEVELS = ("section", "division", "group", "class", "subclass")
#: What the picker reads of a query, and how many sectors it offers.
MAX_QUERY_LENGTH, MAX_SUGGESTIONS = 80, 10
#: A code as typed: a section letter, digits, or a section letter followed by digits ("C", "261", "C2610").
CODE = re.compile(r"^[A-Ua-u]?\d{0,5}$")
#: A best match is clear when the runner-up (outside its own line of parents and children) scores less than
#: this share of it.
CLEAR_MARGIN = 0.75
#: How many sectors a visitor is offered to choose from when words match several.
MAX_CHOICES = 6
_FIELDS = ("level", "parent_id", "checked", "source")
_LINEAGE = "parent__parent__parent__parent"


def _sector_model():
    return apps.get_model("zones", "Sector")


@dataclass(frozen=True)
class LoadResult:
    """What loading the classification did."""

    created: int
    updated: int
    unchanged: int


def read_classification(path: Path = CLASSIFICATION_FILE) -> list[dict]:
    """The rows of a classification file (``{"rows": [...]}``), or none when the file is absent, with the names
    of the files beside it that translate it into another language (``vsic2018_ko.json``: ``{"names": {code:
    name}}``) as ``name_<suffix>``."""
    if not path.exists():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    for suffix in OTHER_LANGUAGES:
        translated = path.with_name(f"{path.stem}_{suffix}{path.suffix}")
        if translated.exists():
            names = json.loads(translated.read_text(encoding="utf-8"))["names"]
            for row in rows:
                if names.get(row["code"]):
                    row[f"name_{suffix}"] = names[row["code"]]
    return rows


def _keywords(value) -> str:
    if isinstance(value, str):
        return value.strip()
    return ", ".join(word.strip() for word in value or () if word and word.strip())


def _text_columns(model, rows: list[Mapping]) -> list[str]:
    """The name and keyword columns to write: the Vietnamese and English ones always, another language's when
    some row gives it (a file without Korean names leaves those typed in the admin alone), each only if
    ``model`` has it (a migration's historical model may predate the column)."""
    fields = {field.name for field in model._meta.get_fields()}
    given = {key for row in rows for key in row}
    return [column for field in ("name", "keywords") for column in all_columns(field)
            if column in fields and (column in given or column.rsplit("_", 1)[-1] in FALLBACK)]


def _text(column: str, value) -> str:
    return _keywords(value) if column.startswith("keywords_") else (value or "").strip()[:255]


def _names(sector) -> tuple[str, ...]:
    """The sector's names in every language, folded (for comparing what was typed)."""
    return tuple(fold(getattr(sector, column, "") or "") for column in all_columns("name"))


def load_classification(rows: Iterable[Mapping], model=None) -> LoadResult:
    """Insert or update sectors from classification rows (``code``, ``level``, ``parent``, ``name_<suffix>``
    and ``keywords_<suffix>`` (lists) per language, at least ``_vi`` and ``_en``, ``checked``, ``source``),
    matched by code.

    Parents are written before their children whatever the order of ``rows``; existing rows keep their ids (and
    so every project and zone pointing at them); sectors absent from ``rows`` are left alone. Running it twice
    changes nothing the second time. ``model`` is the Sector model (a migration passes its historical one).
    Raises ``ValueError`` naming a row whose level is unknown or whose parent is nowhere to be found.
    """
    model = model or _sector_model()
    rows = list(rows)
    for row in rows:
        if row.get("level") not in LEVELS or not row.get("code"):
            raise ValueError(f"sector row {row.get('code')!r}: unknown level {row.get('level')!r}")
    texts = _text_columns(model, rows)
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {sector.code: sector for sector in model.objects.all()}
        for level in LEVELS:
            new, changed = [], []
            for row in (row for row in rows if row["level"] == level):
                parent = existing.get(row.get("parent") or "")
                if row.get("parent") and parent is None:
                    raise ValueError(f"sector row {row['code']!r}: parent {row['parent']!r} is not in the data")
                values = {"level": level, "parent_id": parent.pk if parent else None,
                          **{column: _text(column, row.get(column)) for column in texts},
                          "checked": bool(row.get("checked")), "source": (row.get("source") or "").strip()}
                sector = existing.get(row["code"])
                if sector is None:
                    new.append(model(code=row["code"], **values))
                elif any(getattr(sector, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(sector, name, value)
                    changed.append(sector)
                else:
                    unchanged += 1
            model.objects.bulk_create(new, batch_size=500)
            model.objects.bulk_update(changed, [*_FIELDS, *texts], batch_size=500)
            created, updated = created + len(new), updated + len(changed)
            # Re-read the new rows: a backend that returns no ids from a bulk insert leaves them unset.
            existing.update((sector.code, sector) for sector in model.objects.filter(
                code__in=[sector.code for sector in new]))
    return LoadResult(created, updated, unchanged)


def index_sectors() -> int:
    """Write the search documents of every sector (after a bulk load, which sends no signals). Returns the
    number of documents written."""
    definition = REGISTRY.get("sector")
    return get_backend().bulk(definition.all_documents()) if definition is not None else 0


def looks_like_code(text: str) -> bool:
    """Whether ``text`` is typed as a VSIC code ("C", "261", "C2610") rather than words."""
    text = (text or "").strip()
    return bool(text) and bool(CODE.match(text))


def _by_code(text: str) -> list:
    code = normalise_sector_code(text)
    sectors = _sector_model().objects.select_related(_LINEAGE)
    if code.isalpha():  # a section: itself, then its divisions
        return [*sectors.filter(code=code), *sectors.filter(parent__code=code).order_by("code")[:MAX_SUGGESTIONS - 1]]
    return sorted(sectors.filter(code__startswith=code).exclude(code__regex=r"^[A-Z]")
                  .order_by("code")[:MAX_SUGGESTIONS * 20], key=lambda sector: (len(sector.code), sector.code)
                  )[:MAX_SUGGESTIONS]


@dataclass(frozen=True)
class Match:
    """A sector found for a query, with its relevance (higher is better)."""

    sector: object
    score: float


def find(text: str, limit: int = MAX_SUGGESTIONS) -> list[Match]:
    """The sectors ``text`` names, best first: by code when it is typed as one, else by words in either
    language (names, keywords and the names of the parents), the last word also as the beginning of a word
    while it is being typed. Raises ``SearchUnavailable`` when words cannot be searched."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    if looks_like_code(text):
        return [Match(sector, 1.0) for sector in _by_code(text)][:limit]
    if not tokens(text):
        return []
    scores: dict[str, float] = {}
    results = search(SearchQuery(text=text, filters={"type": ("sector",)}, page_size=max(limit * 3, 20),
                                 facets=(), highlight=False))
    for hit in results.hits:
        scores[hit.object_id] = max(scores.get(hit.object_id, 0.0), hit.score)
    if len(scores) < limit:
        # Typing ("electr"): the words so far, the last one a beginning, in the sector names.
        floor = min(scores.values(), default=1.0) / 2
        for suggestion in autocomplete(text, limit=60):
            code = suggestion.title.split(" ", 1)[0] if suggestion.doc_type == "sector" else ""
            if code:
                scores.setdefault(f"code:{code}", floor)
    sectors = _sector_model().objects.select_related(_LINEAGE)
    ids = [int(key) for key in scores if key.isdigit()]
    codes = [key[5:] for key in scores if key.startswith("code:")]
    found = {str(sector.pk): sector for sector in sectors.filter(Q(pk__in=ids) | Q(code__in=codes))}
    by_code = {sector.code: key for key, sector in found.items()}
    matches: dict[str, Match] = {}
    for key, score in scores.items():
        key = by_code.get(key[5:], "") if key.startswith("code:") else key
        if key in found and key not in matches:
            matches[key] = Match(found[key], score)
    return sorted(matches.values(), key=lambda m: (-m.score, len(m.sector.code), m.sector.code))[:limit]


def related(one, other) -> bool:
    """Whether two sectors lie on one line of the classification (one is a parent of the other)."""
    a, b = normalise_sector_code(one.code), normalise_sector_code(other.code)
    if one.level == "section" or other.level == "section":
        return one.pk in {node.pk for node in other.lineage()} or other.pk in {node.pk for node in one.lineage()}
    return a.startswith(b) or b.startswith(a)


@dataclass(frozen=True)
class Resolution:
    """What a typed sector resolved to: one sector, several to choose from, or nothing."""

    sector: object | None
    choices: tuple = ()


def resolve(text: str) -> Resolution:
    """The sector ``text`` means: the sector of a code typed as one; for words, the best match when it is
    clearly best (its own parents and children aside; the class of that line when it matched too), else the
    best matches to choose from. Raises
    ``SearchUnavailable`` when words cannot be searched."""
    text = (text or "").strip()
    if looks_like_code(text):
        code = normalise_sector_code(text)
        sector = _sector_model().objects.select_related(_LINEAGE).filter(code=code).first()
        return Resolution(sector)
    matches = collapse(find(text, limit=MAX_SUGGESTIONS * 2))
    if not matches:
        return Resolution(None)
    best = matches[0]
    folded = fold(text)
    exact = [m for m in matches if folded in (*_names(m.sector), m.sector.code.lower())]
    if exact:
        return Resolution(exact[0].sector)
    rivals = [m for m in matches[1:] if not related(best.sector, m.sector)
              and m.score >= best.score * CLEAR_MARGIN]
    if rivals:
        return Resolution(None, tuple(m.sector for m in matches[:MAX_CHOICES]))
    line = [m.sector for m in matches if related(best.sector, m.sector)]
    if all(related(one, other) for one in line for other in line):
        return Resolution(_preferred(line))
    return Resolution(best.sector)


def _preferred(sectors_: list):
    """The class (four digits, the level business registration declares) among ``sectors_`` if there is one,
    else the deepest."""
    classes = [sector for sector in sectors_ if sector.level == "class"]
    return classes[0] if classes else max(sectors_, key=lambda sector: len(sector.lineage()))


def collapse(matches: list[Match]) -> list[Match]:
    """``matches`` with the sectors of one line that share a name shown once (a group, its one class and that
    class's one subclass often do): the class stays if it is among them, else the deepest, with the best
    score of the line."""
    by_pk = {m.sector.pk: m for m in matches}

    def top(sector):
        while sector.parent_id in by_pk and _names(sector.parent) == _names(sector):
            sector = sector.parent
        return sector.pk

    lines: dict[int, list[Match]] = {}
    for match in matches:
        lines.setdefault(top(match.sector), []).append(match)
    kept = [Match(_preferred([m.sector for m in line]), max(m.score for m in line)) for line in lines.values()]
    return sorted(kept, key=lambda m: -m.score)


def suggestion(sector, lang: str | None = None) -> dict:
    """A sector as the picker shows it, in ``lang`` (the active language by default): code, name, label, its
    path and the path of its parents alone."""
    name = localized(sector, "name", lang)
    parents = [f"{node.code} {localized(node, 'name', lang)}" for node in sector.lineage()[:-1]]
    return {"code": sector.code, "name": name, "label": f"{sector.code} · {name}", "path": sector.path(lang),
            "parents": " › ".join(parents), "level": sector.level}


def suggestions(text: str, lang: str | None = None) -> list[dict]:
    """The picker's answer to ``text``: at most ``MAX_SUGGESTIONS`` sectors; none while search is down."""
    try:
        matches = find(text, limit=MAX_SUGGESTIONS * 2)
        if not looks_like_code(text):
            matches = collapse(matches)
        return [suggestion(match.sector, lang or language()) for match in matches[:MAX_SUGGESTIONS]]
    except SearchUnavailable:
        return []


def sector_labels(codes: Iterable[str]) -> dict[str, str]:
    """"26 · Manufacture of computer, electronic and optical products" by normalised code, for the codes
    known (one query); rule conditions use these to name sectors."""
    wanted = {normalise_sector_code(code) for code in codes if code}
    if not wanted:
        return {}
    return {sector.code: sector.display_name for sector in _sector_model().objects.filter(code__in=wanted)}


def sector_named(code: str):
    """The sector of ``code`` (section letter ignored before digits), or None."""
    code = normalise_sector_code(code)
    return _sector_model().objects.select_related(_LINEAGE).filter(code=code).first() if code else None


def any_sector() -> bool:
    """Whether the classification is loaded at all."""
    return _sector_model().objects.exists()
