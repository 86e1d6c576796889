"""The shortlist page (see it, add and remove zones and plots, pick what to compare) and the comparison page
with its XLSX and PDF downloads. The comparison's address carries its items, so it can be shared: whoever
opens it sees the same zones and plots, judged for their own project (or none)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from . import comparison, comparison_costs, comparison_export, shortlist


def _back(request) -> str:
    """Where a shortlist button returns: the page it was on (same site only), else the shortlist."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("zones:shortlist")


def _say_dropped(request, dropped: list[str]) -> None:
    if dropped:
        messages.warning(request, ngettext(
            "%(count)d item is no longer published and was left out: %(keys)s.",
            "%(count)d items are no longer published and were left out: %(keys)s.",
            len(dropped)) % {"count": len(dropped), "keys": ", ".join(dropped)})


def _change(request):
    action, key = request.POST.get("action"), request.POST.get("item", "")
    if action == "clear":
        shortlist.clear(request)
        messages.success(request, _("Your shortlist is empty."))
    elif action == "remove":
        if shortlist.remove(request, key):
            messages.success(request, _("Removed from your shortlist."))
    elif action == "add":
        try:
            item = shortlist.add(request, key)
        except shortlist.NotPublished:
            messages.error(request, _("This zone or plot is not published: it was not added."))
        except shortlist.ShortlistFull:
            messages.error(request, _("Your shortlist holds %(limit)d items at most: remove one to add another.")
                           % {"limit": shortlist.LIMIT})
        else:
            messages.success(request, _("%(name)s is in your shortlist.") % {"name": item.name})
    return redirect(_back(request))


@require_http_methods(["GET", "POST"])
def shortlist_page(request):
    """GET: the shortlisted zones and plots, with remove buttons and a form to compare up to four.
    POST (``action`` add, remove or clear; ``item`` a key; ``next`` where to return): change the shortlist."""
    if request.method == "POST":
        return _change(request)
    items, dropped = shortlist.items(request)
    _say_dropped(request, dropped)
    return render(request, "zones/shortlist.html", {
        "items": items, "limit": shortlist.LIMIT, "compare_limit": shortlist.COMPARE_LIMIT})


@require_GET
def compare(request):
    """Up to four zones or plots side by side (``?items=<key>&items=<key>…``)."""
    result = comparison.build(request.GET.getlist("items"), request)
    _say_dropped(request, result.dropped)
    if result.left_out:
        messages.warning(request, _("At most %(limit)d can be compared side by side; left out: %(keys)s.")
                         % {"limit": shortlist.COMPARE_LIMIT, "keys": ", ".join(result.left_out)})
    assumptions = _assumptions_query(request)
    return render(request, "zones/compare.html", {
        "comparison": result, "cost_form": comparison_costs.assumptions_form(request),
        "share_url": request.build_absolute_uri(result.url + assumptions) if result.columns else "",
        "xlsx_url": _export_url(result, "xlsx", assumptions), "pdf_url": _export_url(result, "pdf", assumptions)})


def _assumptions_query(request) -> str:
    """The cost assumptions the page was asked with, as a query-string tail ("&years=10…"), so that the shared
    link and the downloads cost the same way."""
    given = [(name, request.GET[name]) for name in comparison_costs.CostAssumptionsForm.base_fields
             if request.GET.get(name)]
    return f"&{urlencode(given)}" if given else ""


def _export_url(result: comparison.Comparison, fmt: str, assumptions: str = "") -> str:
    url = result.url
    return reverse("zones:compare_export", args=[fmt]) + url[url.index("?"):] + assumptions if result.columns else ""


EXPORTS = {"xlsx": (comparison_export.xlsx, comparison_export.XLSX_TYPE),
           "pdf": (comparison_export.pdf, comparison_export.PDF_TYPE)}


@require_GET
def compare_export(request, fmt: str):
    """The comparison of ``?items=…`` as a download: ``xlsx`` or ``pdf``."""
    if fmt not in EXPORTS:
        raise Http404("Unknown export format")
    result = comparison.build(request.GET.getlist("items"), request)
    if not result.columns:
        raise Http404("Nothing to compare")
    render_to, content_type = EXPORTS[fmt]
    response = HttpResponse(render_to(result), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{comparison_export.filename(result, fmt)}"'
    return response
