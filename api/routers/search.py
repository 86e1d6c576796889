"""API resource: the site search, in the language asked, with the search page's form, facets and paging."""

from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from core.text import MAX_QUERY_LENGTH
from search import services
from search.backends.base import FACET_FIELDS, MAX_PAGE_SIZE, SearchResults, SearchUnavailable
from search.forms import SearchForm

from ..conditional import last_modified
from ..problems import COMMON, Problem, form_errors, problem
from ..schemas import search as schemas

router = Router(tags=["search"])


#: A longitude and a latitude in degrees, as the map bounds give them.
LON, LAT = r"-?(180(\.0+)?|(1[0-7]\d|\d{1,2})(\.\d+)?)", r"-?(90(\.0+)?|[0-8]?\d(\.\d+)?)"


#: A facet's value (a text without NUL characters).
FacetValue = Annotated[str, Field(pattern=r"^[^\x00]*$")]


class SearchParameters(Schema):
    """The search page's parameters. Facet filters (type, kind, province, commune, sector, status) may be
    repeated: ``?type=zone&type=policy``."""

    q: str | None = Field(None, max_length=MAX_QUERY_LENGTH, pattern=r"^[^\x00]*$", description="Words to look for.")
    type: list[FacetValue] = []
    kind: list[FacetValue] = []
    province: list[FacetValue] = []
    commune: list[FacetValue] = []
    sector: list[FacetValue] = []
    status: list[FacetValue] = []
    min_land: float | None = Field(None, ge=0, description="Available land from (ha).")
    max_land: float | None = Field(None, ge=0, description="Available land up to (ha).")
    min_price: float | None = Field(None, ge=0, description="Land price from (USD/m²).")
    max_price: float | None = Field(None, ge=0, description="Land price up to (USD/m²).")
    min_capital: float | None = Field(None, ge=0, description="Capital from (USD).")
    max_capital: float | None = Field(None, ge=0, description="Capital up to (USD).")
    place: str | None = Field(None, max_length=80, description="A place's code to measure distances from.")
    lon: float | None = Field(None, ge=-180, le=180)
    lat: float | None = Field(None, ge=-90, le=90)
    radius_km: float | None = Field(None, ge=0.1, le=500, description="Only results this near the place or "
                                                                     "point.")
    bbox: str | None = Field(None, max_length=120, pattern=f"^{LON},{LAT},{LON},{LAT}$",
                             description="Map bounds: west,south,east,north in degrees.")
    sort: Literal["relevance", "distance", "available_land"] | None = None
    page: int | None = Field(None, ge=1, le=10_000)
    page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


def _language() -> str:
    """The active language as the documents are labelled (a code of ``settings.LANGUAGES``)."""
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def _page_url(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _hit(request, hit) -> dict:
    return {
        "type": hit.doc_type, "type_label": services.facet_label("type", hit.doc_type), "id": hit.object_id,
        "title": hit.title, "snippet": str(hit.snippet), "url": request.build_absolute_uri(hit.url) if hit.url else "",
        "location": list(hit.location) if hit.location else None,
        "distance_km": round(hit.distance_km, 3) if hit.distance_km is not None else None,
        "kind": hit.kind, "kind_label": services.facet_label("kind", hit.kind, hit.doc_type) if hit.kind else "",
        "province": hit.province, "commune": hit.commune, "sector": hit.sector, "status": hit.status,
        "status_label": services.facet_label("status", hit.status, hit.doc_type) if hit.status else "",
        "available_land_ha": hit.available_land_ha,
    }


def _facets(form: SearchForm, facets: dict) -> list[dict]:
    groups = []
    for name in FACET_FIELDS:
        counts = facets.get(name) or []
        if counts:
            selected = form.facet_values.get(name, ())
            groups.append({"name": name, "title": str(services.FACET_TITLES[name]), "options": [
                {"value": value, "label": services.facet_label(name, value), "count": count,
                 "selected": value in selected} for value, count in counts]})
    return groups


@router.get("/", response={200: schemas.SearchResults, 503: Problem, **COMMON}, operation_id="search",
            summary="Search the site")
def search(request, response: HttpResponse, parameters: Query[SearchParameters]):
    """The site search in the language asked: zones, plots, incentive policies, procedures, projects and the
    other public pages, with the search page's facets (counts under the current filters) and "did you mean".
    Pages are numbered as on the search page (``page``, ``page_size``); a page past the last one is empty.
    503 when the search service cannot be reached. A ``place`` that is not one of the search page's places,
    or map bounds with west east of east or south north of north, give no results. ``radius_km`` narrows the
    results only with a place or a ``lon`` and ``lat`` to measure from (as ``sort=distance`` does)."""
    query = request.GET.copy()
    if parameters.radius_km is not None and not parameters.place and None in (parameters.lon, parameters.lat):
        query.pop("radius_km")
    form = SearchForm(query)
    west, south, east, north = (float(part) for part in (parameters.bbox or "0,0,0,0").split(","))
    if (parameters.place and parameters.place not in form.places) or west > east or south > north:
        results = SearchResults(hits=[], total=0, facets={}, page=parameters.page or 1,
                                page_size=parameters.page_size or 20)
        return _answer(request, response, form, results, None)
    if not form.is_valid():
        raise form_errors(form, "q")
    try:
        results = services.search(form.to_query(_language()))
        changed = services.last_updated()
    except SearchUnavailable:
        return problem(503, _("Search is temporarily unavailable."), headers={"Retry-After": "30"})
    return _answer(request, response, form, results, changed)


def _answer(request, response: HttpResponse, form: SearchForm, results: SearchResults, changed) -> dict:
    """The page of ``results`` as the API answers it, last modified when the index last changed."""
    last_modified(response, changed or timezone.now())
    return {
        "total": results.total, "total_is_exact": results.total_is_exact,
        "facets_estimated": results.facets_estimated, "page": results.page, "page_size": results.page_size,
        "num_pages": results.num_pages,
        "next": _page_url(request, results.page + 1) if results.has_next else None,
        "previous": _page_url(request, min(results.page - 1, results.num_pages)) if results.has_previous else None,
        "suggestion": results.suggestion, "results": [_hit(request, hit) for hit in results.hits],
        "facets": _facets(form, results.facets),
    }
