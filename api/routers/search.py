"""API resource: the site search, in the language asked, with the search page's form, facets and paging."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from search import services
from search.backends.base import FACET_FIELDS, SearchUnavailable
from search.forms import SearchForm

from ..conditional import last_modified
from ..problems import COMMON, Problem, problem
from ..schemas import search as schemas
from .procedures import form_errors

router = Router(tags=["search"])


class SearchParameters(Schema):
    """The search page's parameters. Facet filters (type, kind, province, commune, sector, status) may be
    repeated: ``?type=zone&type=policy``."""

    q: str | None = None
    type: list[str] | None = None
    kind: list[str] | None = None
    province: list[str] | None = None
    commune: list[str] | None = None
    sector: list[str] | None = None
    status: list[str] | None = None
    min_land: str | None = None
    max_land: str | None = None
    min_price: str | None = None
    max_price: str | None = None
    min_capital: str | None = None
    max_capital: str | None = None
    place: str | None = None
    lon: str | None = None
    lat: str | None = None
    radius_km: str | None = None
    bbox: str | None = None
    sort: str | None = None
    page: int | None = None
    page_size: int | None = None


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
    503 when the search service cannot be reached."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise form_errors(form, "q")
    try:
        results = services.search(form.to_query(_language()))
        changed = services.last_updated()
    except SearchUnavailable:
        return problem(503, _("Search is temporarily unavailable."), headers={"Retry-After": "30"})
    last_modified(response, changed or timezone.now())
    return {
        "total": results.total, "page": results.page, "page_size": results.page_size,
        "num_pages": results.num_pages,
        "next": _page_url(request, results.page + 1) if results.has_next else None,
        "previous": _page_url(request, min(results.page - 1, results.num_pages)) if results.has_previous else None,
        "suggestion": results.suggestion, "results": [_hit(request, hit) for hit in results.hits],
        "facets": _facets(form, results.facets),
    }
