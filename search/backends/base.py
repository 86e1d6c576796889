"""The search backend interface, the query it answers and the results it returns.

Every backend module exposes ``SearchBackend``, a subclass of ``BaseSearchBackend``. Views and services
build a ``SearchQuery`` and read ``SearchResults``; they never ask which backend answered.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

#: Fields that can be filtered on and counted (facets), in display order.
FACET_FIELDS = ("type", "kind", "province", "commune", "sector", "status")
#: Numeric fields that accept a range: available land (ha), land price (USD/m²), capital (USD).
RANGE_FIELDS = ("available_land_ha", "land_price_usd", "capital_usd")
#: ``available_land`` puts the largest available area first.
SORTS = ("relevance", "distance", "available_land")
MAX_PAGE_SIZE = 100
#: Tags are short codes (``commune:12``, ``sector:C10``); road distances are keyed by place slugs.
TAG = re.compile(r"^[\w:=-]{1,80}$")
SLUG = re.compile(r"^[\w-]{1,80}$")
#: Matches are counted exactly up to this many (``settings.SEARCH_EXACT_COUNT_LIMIT``); past it a search says
#: "more than" this number, as Elasticsearch's ``track_total_hits`` does.
DEFAULT_EXACT_COUNT_LIMIT = 10_000


def exact_count_limit() -> int:
    """How many matches a search counts exactly (at least 1): ``settings.SEARCH_EXACT_COUNT_LIMIT``."""
    return max(1, int(getattr(settings, "SEARCH_EXACT_COUNT_LIMIT", DEFAULT_EXACT_COUNT_LIMIT)))


class SearchUnavailable(Exception):
    """The search service (its database table or cluster) cannot be reached; the caller may retry."""


@dataclass
class IndexDocument:
    """What a backend stores for one object in one language: public fields only."""

    doc_type: str
    object_id: str
    locale: str
    title: str
    url: str = ""
    summary: str = ""
    body: str = ""
    kind: str = ""
    province: str = ""
    commune: str = ""
    sector: str = ""
    status: str = ""
    available_land_ha: Decimal | None = None
    land_price_usd: Decimal | None = None
    capital_usd: Decimal | None = None
    lon: float | None = None
    lat: float | None = None
    geometry: dict | None = None
    #: Exact-match codes for filters with many values per object (``commune:<id>``, ``sector:<code>``).
    tags: tuple[str, ...] = ()
    #: Road distance in km to named places, by place code.
    distances: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable identifier: type, object and language."""
        return f"{self.doc_type}-{self.object_id}-{self.locale}"


@dataclass(frozen=True)
class SearchQuery:
    """One search: text, exact filters on facet fields, numeric ranges, geography, sort and page."""

    text: str = ""
    locale: str | None = None
    filters: dict = field(default_factory=dict)  # facet field -> tuple of accepted values
    ranges: dict = field(default_factory=dict)  # range field -> (minimum or None, maximum or None)
    near: tuple[float, float] | None = None  # (lon, lat)
    radius_km: float | None = None
    bbox: tuple[float, float, float, float] | None = None  # (west, south, east, north)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: tuple[str, ...] = FACET_FIELDS
    highlight: bool = True
    #: Groups of tags: a document matches when it has at least one tag of every group.
    tags: tuple[tuple[str, ...], ...] = ()
    #: Place code -> most km by road; a document matches when it has a distance to each place within it.
    max_distances: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        if self.sort == "distance" and self.near is None:
            raise ValueError("sorting by distance needs a point")
        unknown = (set(self.filters) - set(FACET_FIELDS)) | (set(self.ranges) - set(RANGE_FIELDS))
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE or self.page < 1:
            raise ValueError("page out of range")
        tags = [tag for group in self.tags for tag in group]
        if (any(not group for group in self.tags) or any(not TAG.match(tag) for tag in tags)
                or any(not SLUG.match(code) for code in self.max_distances)):
            raise ValueError("tags and place codes are short codes; every tag group needs a tag")

    @property
    def offset(self) -> int:
        """Index of the first hit of the requested page."""
        return (self.page - 1) * self.page_size

    def radius_bbox(self) -> tuple[float, float, float, float] | None:
        """The bounding box around ``near`` that contains the radius circle (the SQL prefilter)."""
        if self.near is None or self.radius_km is None:
            return None
        lon, lat = self.near
        dlat = self.radius_km / 111.195
        dlon = self.radius_km / max(111.195 * math.cos(math.radians(lat)), 1e-6)
        return lon - dlon, lat - dlat, lon + dlon, lat + dlat


@dataclass
class Hit:
    """One result."""

    doc_type: str
    object_id: str
    title: str
    url: str
    locale: str = ""
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308 - empty
    score: float = 0.0
    location: tuple[float, float] | None = None  # (lon, lat)
    distance_km: float | None = None
    kind: str = ""
    province: str = ""
    commune: str = ""
    sector: str = ""
    status: str = ""
    available_land_ha: Decimal | None = None

    def as_json(self) -> dict:
        """JSON-ready public view of the hit (the snippet is escaped HTML)."""
        return {
            "type": self.doc_type, "id": self.object_id, "title": self.title, "url": self.url,
            "locale": self.locale, "snippet": str(self.snippet), "score": round(self.score, 4),
            "location": list(self.location) if self.location else None,
            "distance_km": round(self.distance_km, 3) if self.distance_km is not None else None,
            "kind": self.kind, "province": self.province, "commune": self.commune, "sector": self.sector,
            "status": self.status,
            "available_land_ha": str(self.available_land_ha) if self.available_land_ha is not None else None,
        }


@dataclass
class SearchResults:
    """A page of hits, the number of matches and the facet counts under the current filters.

    Matches are counted exactly up to ``exact_count_limit()``: past it, ``total`` is that limit and
    ``total_is_exact`` is false ("more than 10,000 results"), the hits are the best of a bounded set of that many
    matches, and the facets are counted over a bounded set of matches (``facets_estimated``: each count is then
    a lower bound, "at least"). Pages reach only as far as ``total``."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int = 1
    page_size: int = 20
    #: "Did you mean": the query with its unknown words corrected, given only when nothing matched ("" if none).
    suggestion: str = ""
    #: False when more than ``total`` documents match (``total`` is then the count limit).
    total_is_exact: bool = True
    #: True when the facet counts were taken over a bounded set of the matches: each is at least that many.
    facets_estimated: bool = False

    @property
    def total_relation(self) -> str:
        """Elasticsearch's word for what ``total`` means: "eq" (exactly) or "gte" (at least; in fact more)."""
        return "eq" if self.total_is_exact else "gte"

    @property
    def num_pages(self) -> int:
        """Number of pages that can be reached (at least one): never past the counted matches."""
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def as_json(self) -> dict:
        """JSON-ready view for the API."""
        return {
            "total": self.total, "total_is_exact": self.total_is_exact, "total_relation": self.total_relation,
            "page": self.page, "page_size": self.page_size, "num_pages": self.num_pages,
            "hits": [hit.as_json() for hit in self.hits], "suggestion": self.suggestion,
            "facets": {name: [[value, count] for value, count in counts] for name, counts in self.facets.items()},
            "facets_estimated": self.facets_estimated,
        }


@dataclass
class Suggestion:
    """One autocomplete entry."""

    title: str
    url: str
    doc_type: str

    def as_json(self) -> dict:
        return {"title": self.title, "url": self.url, "type": self.doc_type}


class BaseSearchBackend:
    """The interface every backend implements; the defaults do nothing where doing nothing is safe."""

    #: Whether ``highlight`` marks matched words in snippets (both shipped backends do).
    supports_highlight = True

    def __init__(self, options: dict | None = None):
        self.options = dict(options or {})

    # Writing
    def index(self, document: IndexDocument) -> None:
        """Add or replace one document."""
        self.bulk([document])

    def bulk(self, documents: Iterable[IndexDocument]) -> int:
        """Add or replace many documents; return how many were written."""
        raise NotImplementedError

    def replace(self, doc_type: str, object_id: str, documents: list[IndexDocument]) -> None:
        """Make ``documents`` the only ones stored for the object (languages removed are dropped)."""
        self.delete(doc_type, object_id)
        if documents:
            self.bulk(documents)

    def delete(self, doc_type: str, object_id: str) -> None:
        """Remove every document (all languages) of one object. Deleting a missing one is not an error."""
        raise NotImplementedError

    def clear(self) -> None:
        """Remove every document."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Replace the whole index with ``documents``; return how many were written."""
        self.clear()
        return self.bulk(documents)

    def refresh(self) -> None:
        """Make recent writes visible to searches (a no-op where writes are visible at once)."""

    # Reading
    def search(self, query: SearchQuery) -> SearchResults:
        """Answer ``query``: every group of its text expanded with synonyms (``search.synonyms``) must match; a
        phrase of the query ranks first. When nothing matches, ``suggestion`` may offer a correction."""
        raise NotImplementedError

    def autocomplete(self, prefix: str, locale: str | None = None, limit: int = 8) -> list[Suggestion]:
        """Titles holding the words of ``prefix`` (the last word may be incomplete), the types weighing most
        (``TYPE_WEIGHTS``: zones, policies, procedures) before the others (projects)."""
        return []

    def count(self) -> int:
        """Number of stored documents."""
        raise NotImplementedError

    def last_updated(self):
        """When a document was last written (an aware datetime), or None when the backend does not know."""
        return None

    def ping(self) -> tuple[bool, str]:
        """Whether the service answers, with a short detail for the health page."""
        return True, type(self).__module__
