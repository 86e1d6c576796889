"""Public pages of the procedure catalogue: the procedures in force by agency, and one procedure."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .. import services
from ..models import Procedure, ProcedureFee, ProcedurePrerequisite


def procedure_list(request):
    """The procedures in force today, grouped by agency (agencies and procedures by name)."""
    return render(request, "licensing/procedure_list.html",
                  {"groups": services.procedures_by_agency(timezone.localdate())})


def procedure_detail(request, code: str):
    """The version of procedure ``code`` in force today, with everything an investor needs to file it.

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
    required = [prerequisite.requires for prerequisite in procedure.prerequisites.all()]
    in_force = set(Procedure.objects.in_force(today).filter(code__in={p.code for p in required})
                   .values_list("code", flat=True))
    prerequisites = [{"procedure": p, "in_force": p.code in in_force} for p in required]
    return render(request, "licensing/procedure_detail.html", {
        "procedure": procedure, "prerequisites": prerequisites, "today": today})
