"""Public pages: plan your investment, track a dossier, agency performance."""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import throttle
from core.profile import QUESTION_TEXT, ProjectProfileForm, ZoneKind
from zones import profiles
from zones.forms import InvestorProfileForm

from .. import environment as environment_service
from .. import pathway, quality, services
from ..forms import EnvironmentForm, PerformanceFilterForm, SavePathwayForm, TrackingForm

TRACK_LIMIT, TRACK_WINDOW = 20, 600
#: What a link into the plan may carry (a zone page's zone, a procedure page's sector).
LINK_PARAMETERS = ("zone_id", "zone_kind", "sector_code", "foreign_ownership_pct", "capital_usd", "land_area_m2")


def _profile_form(request, project) -> ProjectProfileForm:
    """Bound to the query string once the investor submitted it (a valid profile is kept for the other tools);
    pre-filled from one of the investor's projects when one is chosen; otherwise bound to the profile the
    investor keeps (completed by a zone link's values), so that the plan shows at once."""
    link = {key: request.GET[key] for key in LINK_PARAMETERS if request.GET.get(key)}
    if project is not None and not profiles.submitted(request):
        return InvestorProfileForm(initial={**project.profile_initial(), **link})
    return profiles.form_for(request, InvestorProfileForm, prefill=link)


def _zone_of(form: ProjectProfileForm):
    """The zone page the profile names, in the active language, to show which zone the plan is for."""
    return profiles.zone_named(form.data.get("zone_id") if form.is_bound else form.initial.get("zone_id"))


@require_http_methods(["GET", "POST"])
def plan(request):
    """Plan your investment: the profile form and, once submitted, the pathway as a timeline."""
    projects = services.projects_for(request.user)
    chosen = request.GET.get("project", "")
    project = projects.select_related("sector", "zone").filter(pk=int(chosen)).first() if chosen.isdigit() else None
    form = _profile_form(request, project)
    result = form.profile() if form.is_bound and form.is_valid() else None
    plan_result = pathway.build(result) if result is not None else None
    save_form = (SavePathwayForm(request.POST or None, projects=projects, initial={"project": project})
                 if request.user.is_authenticated else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('licensing:signin')}?{urlencode({'next': request.get_full_path()})}")
        if not request.user.investor_memberships.exists():
            raise PermissionDenied
        if plan_result is not None and save_form.is_valid():
            saved = services.save_plan(request.user, save_form.cleaned_data["project"], plan_result)
            messages.success(request, _("The plan was saved to your project."))
            return redirect("licensing:my_project", pk=saved.project_id)
    return render(request, "licensing/plan.html", {
        "form": form, "pathway": plan_result, "save_form": save_form,
        "practice": quality.practice_for(plan_result.procedure_ids) if plan_result is not None else {},
        "is_investor": request.user.is_authenticated and request.user.investor_memberships.exists(),
        "project": project, "zone": _zone_of(form), "questions": _questions(request, plan_result),
        "questionnaire_url": f"{reverse('licensing:environment')}?{_plan_query(_answers(form))}"})


#: The parameters of the plan's address that the questionnaire passes back to the plan.
PLAN_PARAMETERS = frozenset(ProjectProfileForm.base_fields) | {"submitted", "project"}


def _answers(form) -> QueryDict:
    """The answers a plan's form holds (submitted or kept), as the plan's query parameters."""
    answers = QueryDict(mutable=True)
    if form.is_bound:
        for key in form.data:
            values = form.data.getlist(key) if isinstance(form.data, QueryDict) else [form.data[key]]
            answers.setlist(key, [str(value) for value in values])
        answers["submitted"] = "1"
    return answers


def _plan_query(params, **changes) -> str:
    """The plan's own parameters of ``params`` (a QueryDict), with ``changes``, as a query string."""
    kept = [(key, value) for key in params if key in PLAN_PARAMETERS and key not in changes
            for value in params.getlist(key)]
    return urlencode(kept + list(changes.items()))


def _questions(request, plan_result) -> list[dict]:
    """The unanswered questions that decide the plan, each in words with the codes it decides and where to
    answer it."""
    if plan_result is None:
        return []
    return [{"field": field, "text": QUESTION_TEXT.get(field, field), "codes": codes,
             "questionnaire": field == "environmental_group"}
            for field, codes in plan_result.questions.items()]


#: Kinds of zone whose central plant treats the wastewater of the projects in them.
SERVICED_ZONE_KINDS = {ZoneKind.INDUSTRIAL_PARK, ZoneKind.EXPORT_PROCESSING_ZONE, ZoneKind.HIGH_TECH_PARK}


def _hectares(square_metres: str | None) -> Decimal | None:
    """A land area in m² typed in the plan, in hectares (None when it is not a number)."""
    try:
        area = Decimal(square_metres or "")
    except (InvalidOperation, ValueError):
        return None
    return (area / 10_000).quantize(Decimal("0.01")) if area.is_finite() and 0 < area < 10**12 else None


def environment(request):
    """The environmental questionnaire: a few questions -> the environmental group and the criterion that
    decided it, with a link that returns to the plan with the group set (the plan's parameters kept)."""
    sector = request.GET.get("sector_code", "")
    activity = environment_service.activity_for_sector(sector) if sector else None
    bound = any(key.startswith("env-") for key in request.GET)
    form = EnvironmentForm(request.GET if bound else None, initial={
        "sector_code": sector, "activity": activity.pk if activity else None,
        "site_area_ha": _hectares(request.GET.get("land_area_m2")),
        "in_serviced_park": request.GET.get("zone_kind") in SERVICED_ZONE_KINDS})
    decision = environment_service.decide(form.answers()) if bound and form.is_valid() else None
    plan_url = reverse("licensing:plan")
    use_url = (f"{plan_url}?{_plan_query(request.GET, environmental_group=decision.group, submitted='1')}"
               "#pathway-title" if decision else None)
    passed = [(key, value) for key in request.GET if key in PLAN_PARAMETERS for value in request.GET.getlist(key)]
    return render(request, "licensing/environment.html", {
        "form": form, "decision": decision, "use_url": use_url, "passed": passed,
        "back_url": f"{plan_url}?{_plan_query(request.GET)}" if passed else plan_url})


@require_http_methods(["GET", "POST"])
def track(request):
    """Public tracking by dossier code and tracking key: minimal information, rate-limited per client. The key
    is posted, never read from the address, so that it stays out of histories, logs and Referer headers."""
    form = TrackingForm(request.POST if request.method == "POST" else None)
    application = None
    not_found = False
    if form.is_bound:
        if not throttle.hit("track", throttle.client_address(request), TRACK_LIMIT, TRACK_WINDOW):
            return HttpResponse(_("Too many lookups. Try again in a few minutes."), status=429,
                                content_type="text/plain; charset=utf-8")
        if form.is_valid():
            try:
                application = services.track(form.cleaned_data["dossier_code"], form.cleaned_data["token"])
            except Http404:
                not_found = True
    status = 404 if not_found else 200
    return render(request, "licensing/track.html", {
        "form": form, "application": application, "not_found": not_found,
        "deadline": services.deadline(application) if application else None}, status=status)


def performance(request):
    """Agency performance: on-time rate, late and overdue counts, average processing days, with charts."""
    form = PerformanceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    group_by = filters.get("group_by") or "agency"
    agency = filters.get("agency")
    rows = services.performance(group_by, filters.get("date_from"), filters.get("date_to"),
                                agency_id=agency.pk if agency else None)
    chart = {
        "labels": [row["label"] for row in rows],
        "on_time_rate": [row["on_time_rate"] for row in rows],
        "on_time": [row["on_time"] for row in rows],
        "late": [row["late"] for row in rows],
        "overdue": [row["overdue"] for row in rows],
        "average_days": [row["average_days"] for row in rows],
        "text": {"rate": _("On-time rate (%)"), "on_time": _("On time"), "late": _("Late"),
                 "overdue": _("Overdue (open)"), "days": _("Average processing days")},
    }
    return render(request, "licensing/performance.html", {
        "form": form, "rows": rows, "chart": chart, "group_by": group_by, "today": timezone.localdate(),
        "satisfaction": quality.agency_satisfaction(filters.get("date_from"), filters.get("date_to"))})
