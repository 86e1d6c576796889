"""The search page, its JSON endpoint and the autocomplete endpoint. Views only call services."""

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_supported_language_variant, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.text import MAX_QUERY_LENGTH

from . import services
from .backends.base import FACET_FIELDS, SearchUnavailable
from .forms import SearchForm


def _language() -> str:
    """The active language as the documents are labelled: a code of ``settings.LANGUAGES`` ("zh-hans", "vi")."""
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


@lru_cache(maxsize=4096)
def _grouped(count: int, _language: str) -> str:
    """``count`` with the digit grouping of the active language ``_language`` (kept: a page shows dozens)."""
    return intcomma(count)


def _facet_groups(request, form: SearchForm, facets: dict, estimated: bool) -> list[dict]:
    """Each facet's values with their counts as shown ("at least 12" when the counts are ``estimated``), and the
    address that selects or deselects each (the other parameters kept in their order, the page dropped)."""
    kept = [(key, values) for key, values in request.GET.lists() if key != "page"]
    groups = []
    for name in FACET_FIELDS:
        counts = facets.get(name) or []
        if not counts:
            continue
        selected = form.facet_values.get(name, ())
        current = [v for v in request.GET.getlist(name) if v]
        others = [(key, values) for key, values in kept if key != name]
        at = next((number for number, (key, _values) in enumerate(kept) if key == name), len(others))
        before, after = urlencode(others[:at], doseq=True), urlencode(others[at:], doseq=True)
        options = []
        for value, count in counts:
            chosen = [v for v in current if v != value] if value in selected else [*current, value]
            query = "&".join(part for part in (before, urlencode([(name, chosen)], doseq=True), after) if part)
            number = _grouped(count, get_language())
            options.append({"value": value, "label": services.facet_label(name, value),
                            "count_text": _("at least %(count)s") % {"count": number} if estimated else number,
                            "selected": value in selected, "url": f"?{query}"})
        groups.append({"name": name, "title": services.FACET_TITLES[name], "options": options})
    return groups


def _map_features(results) -> list[dict]:
    return [{
        "type": hit.doc_type, "name": hit.title, "url": hit.url,
        "kind_label": services.facet_label("kind", hit.kind, hit.doc_type) if hit.kind else "",
        "status_label": services.facet_label("status", hit.status, hit.doc_type) if hit.status else "",
        "available_ha": float(hit.available_land_ha) if hit.available_land_ha is not None else None,
        "centroid": hit.location,
    } for hit in results.hits if hit.location]


@require_GET
def search_page(request):
    """The search page: box, facets with counts, results with highlighted snippets, "did you mean" when nothing
    matched, and a result map that can narrow the search to its own bounds ("Search this area",
    search/js/map_area.js)."""
    form = SearchForm(request.GET)
    context = {"form": form, "results": None, "facet_groups": [], "features": []}
    status = 200
    if not form.is_valid():
        status = 400
    elif request.GET:
        try:
            results = services.search(form.to_query(_language()))
        except SearchUnavailable:
            context["unavailable"] = True
            status = 503
        else:
            params = request.GET.copy()
            params.pop("page", None)
            if results.total and results.page > results.num_pages:  # past the last page: go to it
                last = urlencode([*params.lists(), ("page", [results.num_pages])], doseq=True)
                return redirect(f"{request.path}?{last}")
            facet_groups = _facet_groups(request, form, results.facets, results.facets_estimated)
            context.update(results=results, facet_groups=facet_groups, features=_map_features(results),
                           page_query=urlencode(list(params.lists()), doseq=True))
            if results.suggestion:
                corrected = params.copy()
                corrected["q"] = results.suggestion
                context["suggestion_query"] = corrected.urlencode()
            if form.cleaned_data.get("bbox"):
                params.pop("bbox", None)
                context["everywhere_query"] = urlencode(list(params.lists()), doseq=True)
    return render(request, "search/search_page.html", context, status=status)


@require_GET
def search_api(request):
    """JSON: hits, total, page and facet counts for the same parameters as the page."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    try:
        results = services.search(form.to_query(request.GET.get("locale") or _language()))
    except SearchUnavailable:
        return JsonResponse({"error": _("Search is temporarily unavailable.")}, status=503)
    return JsonResponse(results.as_json())


@require_GET
def autocomplete_api(request):
    """JSON: up to eight titles matching the words typed so far, zones, sectors, policies and procedures before
    projects, each with the name of its type, and the sentence that tells a screen reader how many there are."""
    prefix = request.GET.get("q", "")
    if len(prefix) > MAX_QUERY_LENGTH:
        return JsonResponse({"errors": {"q": [_("The query is too long.")]}}, status=400)
    try:
        suggestions = services.autocomplete(prefix, locale=_language())
    except SearchUnavailable:
        return JsonResponse({"suggestions": []}, status=503)
    count = len(suggestions)
    announcement = (ngettext("%(count)d suggestion available.", "%(count)d suggestions available.", count)
                    % {"count": count}) if count else _("No suggestions.")
    return JsonResponse({"suggestions": [{**s.as_json(), "type_label": services.facet_label("type", s.doc_type)}
                                         for s in suggestions], "announcement": announcement})
