"""Business rules of the leads pipeline: a lead made from an enquiry, moves between stages through one function
with an allowed-transitions table (every move writes a history row), the link to the registry's project (whose
registration moves the lead), activities and the next action.

Every change is made in a transaction. Reading needs ``promotion.view_lead``; every change here is for people
holding ``promotion.change_lead`` (``promotion.add_lead`` to create a lead)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.choices import ProjectStatus
from projects.countries import COUNTRIES
from projects.models import Project
from zones import profiles
from zones.models import ZonePage

from . import aftercare
from .models import OPEN_STAGES, ActivityKind, Enquiry, Lead, LeadActivity, LeadStage, LeadStageChange, LostReason

#: Where an officer may move a lead from each stage. A lost lead may be reopened; an operating one is done.
ALLOWED_MOVES = {
    LeadStage.ENQUIRY: {LeadStage.QUALIFIED, LeadStage.LOST},
    LeadStage.QUALIFIED: {LeadStage.SITE_VISIT, LeadStage.COMMITTED, LeadStage.LOST},
    LeadStage.SITE_VISIT: {LeadStage.COMMITTED, LeadStage.LOST},
    LeadStage.COMMITTED: {LeadStage.REGISTERED, LeadStage.LOST},
    LeadStage.REGISTERED: {LeadStage.OPERATING, LeadStage.LOST},
    LeadStage.OPERATING: set(),
    LeadStage.LOST: {LeadStage.ENQUIRY, LeadStage.QUALIFIED},
}
#: The registry's statuses of a project that is registered (neither planned nor terminated).
REGISTERED_STATUSES = frozenset(ProjectStatus.values) - {ProjectStatus.PLANNED, ProjectStatus.TERMINATED}
SQUARE_METRES_PER_HA = Decimal("10000")


class LeadError(ValidationError):
    """A change the lead's state does not allow; its message is meant for the person who tried."""


class IllegalMove(LeadError):
    """A stage move the transitions table does not allow."""


def _may_change(actor, codename: str = "change_lead") -> None:
    if actor is None or not actor.is_active or not actor.has_perm(f"promotion.{codename}"):
        raise LeadError(_("You may not change leads."))


def _record(lead: Lead, stage: str, actor, note: str, at=None) -> LeadStageChange:
    at = at or timezone.now()
    change = LeadStageChange.objects.create(lead=lead, from_stage=lead.stage if lead.pk and lead.stage != stage
                                            else "", to_stage=stage, at=at, actor=actor, note=note[:255])
    lead.stage, lead.stage_since = stage, at
    return change


def _fields_from_profile(values) -> dict:
    """What the enquiry's kept project profile says about the lead (read through the profile form, the one
    validator of a profile): capital, jobs, land in hectares and sector. Nothing from a profile that no longer
    validates."""
    form = profiles.form_of(values if isinstance(values, dict) else {})
    if form is None:
        return {}
    data, fields = form.cleaned_data, {}
    if data.get("capital_usd") is not None:
        fields["capital_usd"] = data["capital_usd"]
    if data.get("employees") is not None:
        fields["jobs"] = data["employees"]
    if data.get("land_area_m2") is not None:
        fields["land_ha"] = (data["land_area_m2"] / SQUARE_METRES_PER_HA).quantize(Decimal("0.01"))
    if form.sector is not None:
        fields["sector"] = form.sector
    return fields


def _zones_of(enquiry: Enquiry) -> list:
    """The zones an enquiry was about: its profile's zone and the zone of the page it was sent from, one page
    per zone (translations of a zone page count once)."""
    zones = []
    zone_id = str((enquiry.profile or {}).get("zone_id", "")).strip()
    if zone_id.isdigit():
        zones += list(ZonePage.objects.filter(pk=int(zone_id)))
    if enquiry.zone_code:
        zones += list(ZonePage.objects.filter(code__iexact=enquiry.zone_code).order_by("pk")[:1])
    return list({zone.translation_key: zone for zone in reversed(zones)}.values())


def lead_for(enquiry: Enquiry) -> Lead | None:
    """The lead made from ``enquiry``, or None."""
    return Lead.objects.filter(enquiry=enquiry).first()


@transaction.atomic
def lead_from_enquiry(enquiry: Enquiry, actor) -> Lead:
    """Make ``enquiry`` a lead at stage "enquiry", owned by ``actor``: investor, organisation and country from
    the enquiry; capital, jobs, land (in ha) and sector from its project profile; the zone it was about and
    the profile's zone as zones considered. An enquiry that already is a lead gives that lead back."""
    _may_change(actor, "add_lead")
    Enquiry.objects.select_for_update().filter(pk=enquiry.pk).first()
    existing = lead_for(enquiry)
    if existing is not None:
        return existing
    lead = Lead(investor_name=enquiry.name, organisation=enquiry.organisation,
                country=enquiry.country if enquiry.country in COUNTRIES else "", owner=actor, enquiry=enquiry,
                **_fields_from_profile(enquiry.profile))
    lead.full_clean(exclude=["zones_considered"])
    lead.save()
    lead.zones_considered.set(_zones_of(enquiry))
    _record(lead, LeadStage.ENQUIRY, actor, str(_("From enquiry %(reference)s") % {"reference": enquiry}),
            at=lead.stage_since)
    return lead


@transaction.atomic
def create_lead(actor, *, stage: str = LeadStage.ENQUIRY, zones=(), **fields) -> Lead:
    """A lead the board found itself (a fair, a visit), created at ``stage`` (an open stage) with ``fields``."""
    _may_change(actor, "add_lead")
    if stage not in (LeadStage.ENQUIRY, LeadStage.QUALIFIED, LeadStage.SITE_VISIT, LeadStage.COMMITTED):
        raise IllegalMove(_("A new lead starts at an open stage."))
    fields.setdefault("owner", actor)
    lead = Lead(stage=stage, **fields)
    lead.full_clean(exclude=["zones_considered", "project", "enquiry"])
    lead.save()
    lead.zones_considered.set(zones)
    _record(lead, stage, actor, str(_("Created")), at=lead.stage_since)
    return lead


def _check_registered(lead: Lead) -> None:
    if lead.project_id is None:
        raise IllegalMove(_("Link the lead to its project in the registry before marking it registered."))
    if lead.project.status not in REGISTERED_STATUSES:
        raise IllegalMove(_("The linked project %(code)s is not registered yet (status: %(status)s).")
                          % {"code": lead.project.code, "status": lead.project.get_status_display()})


@transaction.atomic
def move(lead: Lead, stage: str, actor, note: str = "", lost_reason: str = "", lost_note: str = "") -> Lead:
    """Move ``lead`` to ``stage`` if the transitions table allows it and record the move. Registered needs a
    linked registry project that is registered; operating a linked project that is operating; lost needs a
    reason (``lost_reason`` from ``LostReason``, ``lost_note`` in words). ``IllegalMove`` otherwise."""
    _may_change(actor)
    current = Lead.objects.select_for_update(of=("self",)).select_related("project").get(pk=lead.pk)
    if stage not in LeadStage.values or stage not in ALLOWED_MOVES[LeadStage(current.stage)]:
        raise IllegalMove(_("A lead cannot go from %(old)s to %(new)s.") % {
            "old": current.get_stage_display(),
            "new": LeadStage(stage).label if stage in LeadStage.values else stage})
    if stage == LeadStage.REGISTERED:
        _check_registered(current)
    if stage == LeadStage.OPERATING and (current.project_id is None
                                         or current.project.status != ProjectStatus.OPERATING):
        raise IllegalMove(_("A lead is operating when its registry project is operating."))
    fields = ["stage", "stage_since"]
    if stage == LeadStage.LOST:
        if lost_reason not in LostReason.values:
            raise LeadError(_("Say why the lead was lost."))
        if lost_reason == LostReason.OTHER and not lost_note.strip():
            raise LeadError(_("Describe the reason in a few words."))
        current.lost_reason, current.lost_note = lost_reason, lost_note.strip()[:255]
        fields += ["lost_reason", "lost_note"]
    elif current.stage == LeadStage.LOST:
        current.lost_reason, current.lost_note = "", ""
        fields += ["lost_reason", "lost_note"]
    _record(current, stage, actor, note)
    current.save(update_fields=fields)
    _copy(current, lead, fields)
    return lead


def _copy(source: Lead, target: Lead, fields) -> None:
    for field in fields:
        setattr(target, field, getattr(source, field))


def sync_with_project(lead: Lead, actor=None, note: str = "") -> Lead:
    """Bring the lead's stage in step with its registry project: a registered project makes the lead
    registered (from any stage before it, lost included: the registry is the truth), an operating one makes
    it operating (through registered). A planned or terminated project changes nothing. Callers hold a
    transaction."""
    project = lead.project
    if project is None or project.status not in REGISTERED_STATUSES:
        return lead
    note = note or str(_("Project %(code)s is %(status)s in the registry")
                       % {"code": project.code, "status": project.get_status_display()})
    fields = ["stage", "stage_since"]
    if lead.stage not in (LeadStage.REGISTERED, LeadStage.OPERATING):
        _record(lead, LeadStage.REGISTERED, actor, note)
        if lead.lost_reason or lead.lost_note:
            lead.lost_reason, lead.lost_note = "", ""
            fields += ["lost_reason", "lost_note"]
    if project.status == ProjectStatus.OPERATING and lead.stage != LeadStage.OPERATING:
        _record(lead, LeadStage.OPERATING, actor, note)
        aftercare.keep_the_named_officer(project, lead.owner)
    lead.save(update_fields=fields)
    return lead


@transaction.atomic
def link_project(lead: Lead, project: Project, actor) -> Lead:
    """Link the lead to its project in the registry (planned or registered); a project already registered
    or operating brings the lead's stage in step. One lead per project."""
    _may_change(actor)
    other = Lead.objects.filter(project=project).exclude(pk=lead.pk).first()
    if other is not None:
        raise LeadError(_("Project %(code)s is already linked to the lead of %(investor)s.")
                        % {"code": project.code, "investor": other.investor_name})
    lead.project = project
    lead.save(update_fields=["project"])
    return sync_with_project(lead, actor)


@transaction.atomic
def unlink_project(lead: Lead, actor) -> Lead:
    """Remove the link to a registry project from a lead that is not yet registered."""
    _may_change(actor)
    if lead.stage in (LeadStage.REGISTERED, LeadStage.OPERATING):
        raise LeadError(_("A registered lead keeps its project."))
    lead.project = None
    lead.save(update_fields=["project"])
    return lead


def on_project_status_change(change) -> list[Lead]:
    """A registry project changed status (a ``ProjectStatusChange`` row was written): the leads linked to it
    follow when it leaves "planned" for a registered status and when it becomes operating."""
    moved = []
    registered = change.from_status == ProjectStatus.PLANNED and change.to_status in REGISTERED_STATUSES
    if not registered and change.to_status != ProjectStatus.OPERATING:
        return moved
    note = str(_("Project %(code)s: %(status)s in the registry")
               % {"code": change.project.code, "status": ProjectStatus(change.to_status).label})
    with transaction.atomic():
        linked = Lead.objects.select_for_update(of=("self",)).select_related("project")
        for lead in linked.filter(project=change.project_id):
            lead.project.status = change.to_status
            moved.append(sync_with_project(lead, change.actor, note))
    return moved


@transaction.atomic
def log_activity(lead: Lead, actor, *, kind: str, summary: str, on: date | None = None) -> LeadActivity:
    """Record a call, meeting, site visit, e-mail or note about the lead (today unless ``on`` is given)."""
    _may_change(actor)
    if kind not in ActivityKind.values:
        raise LeadError(_("Choose what kind of activity it was."))
    if not summary.strip():
        raise LeadError(_("Write what happened."))
    return LeadActivity.objects.create(lead=lead, actor=actor, kind=kind, summary=summary.strip(),
                                       date=on or timezone.localdate())


@transaction.atomic
def set_next_action(lead: Lead, actor, action: str, on: date | None) -> Lead:
    """Say what happens next on the lead and by when (an empty action clears both)."""
    _may_change(actor)
    action = action.strip()
    if action and on is None:
        raise LeadError(_("Give the date of the next action."))
    lead.next_action, lead.next_action_on = action[:255], on if action else None
    lead.save(update_fields=["next_action", "next_action_on"])
    return lead


@transaction.atomic
def update_lead(lead: Lead, actor, form) -> Lead:
    """Save the edit form of the lead's own fields (not its stage, project or enquiry)."""
    _may_change(actor)
    return form.save()


def board_counts(today: date | None = None) -> dict[str, int]:
    """What the board's dashboard counts, in one query: the open leads of each open stage (keyed by stage)
    and those whose next action is ``overdue``."""
    today = today or timezone.localdate()
    counts = {stage.value: Count("pk", filter=Q(stage=stage)) for stage in OPEN_STAGES}
    return Lead.objects.open().aggregate(**counts, overdue=Count("pk", filter=Q(next_action_on__lt=today)))
