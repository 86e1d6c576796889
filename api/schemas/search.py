"""Schemas of the search resource: the site search's results and facets."""

from decimal import Decimal

from ninja import Schema


class SearchHit(Schema):
    """One result: its type, title, snippet (escaped HTML, the words found in ``<mark>``), address on the site
    and the public facts the search page shows beside it."""

    type: str
    type_label: str
    id: str
    title: str
    snippet: str
    url: str
    location: list[float] | None
    distance_km: float | None
    kind: str
    kind_label: str
    province: str
    commune: str
    sector: str
    status: str
    status_label: str
    available_land_ha: Decimal | None


class FacetOption(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facet(Schema):
    """A facet as the search page shows it: its values with their counts under the current filters."""

    name: str
    title: str
    options: list[FacetOption]


class SearchResults(Schema):
    """One page of results. Paging is by page number, as on the search page: ``page`` and ``page_size`` (at
    most 100); ``next`` and ``previous`` are the addresses of the pages around. Matches are counted exactly up
    to a limit (10,000): past it ``total`` is the limit, ``total_is_exact`` is false (more than ``total`` match),
    pages end at the limit and the facet counts, taken over a bounded set of matches, are lower bounds
    (``facets_estimated``)."""

    total: int
    total_is_exact: bool
    facets_estimated: bool
    page: int
    page_size: int
    num_pages: int
    next: str | None
    previous: str | None
    suggestion: str
    results: list[SearchHit]
    facets: list[Facet]
