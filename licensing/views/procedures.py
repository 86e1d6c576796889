"""Public pages of the procedure catalogue: the procedures in force by agency, and one procedure."""

from urllib.parse import urlsplit

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from .. import catalogue, services
from ..models import Procedure, ProcedureFee, ProcedurePrerequisite


def procedure_list(request):
    """The procedures in force today, grouped by agency (agencies and procedures by name)."""
    return render(request, "licensing/procedure_list.html",
                  {"groups": services.procedures_by_agency(timezone.localdate())})


def plan_back_url(value: str) -> str | None:
    """The plan address to return to, from a ``back`` parameter: only a relative address of this site's plan
    page is accepted, and it is rebuilt on the plan page of the active language with its query string."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return None
    parts = urlsplit(value)
    try:
        with translation.override(translation.get_language_from_path(parts.path) or translation.get_language()):
            if resolve(parts.path).view_name != "licensing:plan":
                return None
    except Resolver404:
        return None
    return f"{reverse('licensing:plan')}?{parts.query}" if parts.query else reverse("licensing:plan")


def procedure_detail(request, code: str):
    """The version of procedure ``code`` in force today, with everything an investor needs to file it: when it
    applies (its rules in words), its prerequisites and when each may be skipped, the agency's contacts, the
    online service, and a way back to the visitor's plan.

    Prerequisites link to their own page only when a version of them is in force today."""
    today = timezone.localdate()
    procedure = (
        Procedure.objects.in_force(today).filter(code=code).select_related("agency")
        .prefetch_related(
            "documents", "steps", "legal_basis",
            Prefetch("fees", queryset=ProcedureFee.objects.order_by("pk")),
            Prefetch("prerequisites", queryset=ProcedurePrerequisite.objects.select_related("requires")
                     .order_by("requires__code")),
        )
        .first()
    )
    if procedure is None:
        raise Http404("No procedure with this code is in force.")
    entries = catalogue.current().snapshot(today).entries
    required = [prerequisite.requires for prerequisite in procedure.prerequisites.all()]
    prerequisites = [{"procedure": p, "in_force": p.code in entries,
                      "always": p.code in entries and entries[p.code].applies_to_all,
                      "when": services.when_it_applies(entries[p.code]) if p.code in entries else []}
                     for p in required]
    entry = entries.get(procedure.code)
    return render(request, "licensing/procedure_detail.html", {
        "procedure": procedure, "prerequisites": prerequisites, "today": today,
        "when": services.when_it_applies(entry) if entry else [],
        "back_url": plan_back_url(request.GET.get("back", ""))})
