"""Demo leads: eight illustrative potential projects at every stage of the pipeline, with their stage history,
calls, meetings and visits, owned by the demo administrator when there is one. The investors are invented;
two leads link to projects of the demo registry (which they leave unchanged). Loading twice changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project
from zones.models import Sector

from . import pipeline
from .models import ActivityKind, Lead, LeadActivity, LeadStageChange, LostReason

MARKER = "Illustrative demo lead"
# (investor, organisation, country, VSIC code, capital USD, jobs, ha, likelihood, stays (stage, days), next action
#  (text, days from today; negative is overdue), lost reason, activities (kind, days ago, summary))
LEADS = [
    ("Kim Ji-ho", "Hanbit Precision Co.", "KR", "2610", "25000000", 600, "8", 80,
     [("enquiry", 6), ("qualified", 20), ("site_visit", 25), ("committed", 0)],
     ("Send the draft land lease for VSIP III plot B-04", 5), "",
     [("call", 50, "First call: looking for 8 ha near the expressway."),
      ("site_visit", 30, "Visited two zones with the board's engineer."),
      ("meeting", 6, "Board approved the investment in Seoul; waiting for the lease terms.")]),
    ("Sato Haruki", "Sakura Foods Vietnam", "JP", "10", "8000000", 250, "3", 50,
     [("enquiry", 4), ("qualified", 15), ("site_visit", 0)],
     ("Share water and wastewater figures", -3), "",
     [("email", 25, "Sent the incentives for food processing."), ("site_visit", 9, "Site visit with the buyer.")]),
    ("Chen Wei", "Mekong Textiles Ltd.", "TW", "", "12000000", 900, "6", 30,
     [("enquiry", 10), ("qualified", 0)], ("Call about labour availability", 2), "",
     [("call", 12, "Asked about wages and training support.")]),
    ("Lars Nielsen", "Nordic Solar Components", "DK", "", "40000000", 300, "15", 10,
     [("enquiry", 0)], ("Answer the first questions on power supply", 1), "", []),
    ("Tan Mei Ling", "Lotus Packaging Pte. Ltd.", "SG", "", "5000000", 120, "2", 0,
     [("enquiry", 5), ("qualified", 12), ("lost", 0)], ("", None), LostReason.COSTS,
     [("meeting", 20, "Land rent above their budget; they chose a zone in another province.")]),
    ("Jonas Becker", "Danube Auto Parts GmbH", "DE", "", "15000000", 400, "5", 40,
     [("enquiry", 3), ("qualified", 0)], ("Send the licensing plan", -7), "",
     [("call", 14, "Interested in the supporting-industry incentives.")]),
    ("Park Soo-min", "Registry investor (demo)", "KR", "", "20000000", 400, "3", 100,
     [("enquiry", 8), ("qualified", 20), ("site_visit", 15), ("committed", 0)], ("", None), "registered",
     [("meeting", 40, "Signed the memorandum of understanding.")]),
    ("Nguyen Thi Hoa", "Registry investor (demo)", "VN", "", "3000000", 150, "1", 100,
     [("enquiry", 5), ("qualified", 10), ("committed", 0)], ("", None), "operating",
     [("call", 60, "Domestic investor expanding from Binh Duong.")]),
]


def _owner():
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(username="admin").first() or users.filter(is_superuser=True).order_by("pk").first()


def _history(lead: Lead, stays, start, owner) -> None:
    at, previous = start, ""
    for index, (stage, days) in enumerate(stays):
        LeadStageChange.objects.create(lead=lead, from_stage=previous, to_stage=stage, at=at, actor=owner,
                                       note=MARKER if index == 0 else "")
        previous = stage
        if index < len(stays) - 1:
            at = at + timedelta(days=days)
    lead.stage, lead.stage_since = previous, at
    lead.save(update_fields=["stage", "stage_since"])


def _registry_project(statuses):
    """The most recent registry project in one of ``statuses`` that no lead links to yet."""
    return (Project.objects.filter(status__in=statuses, leads__isnull=True)
            .order_by("-registered_on", "code").first())


@transaction.atomic
def load() -> int:
    """Create the demo leads once; returns how many were created."""
    if Lead.objects.filter(notes__startswith=MARKER).exists():
        return 0
    owner, now, today = _owner(), timezone.now(), timezone.localdate()
    created = 0
    for (name, organisation, country, code, capital, jobs, hectares, likelihood, stays, (action, due), lost,
         activities) in LEADS:
        total_days = sum(days for _stage, days in stays[:-1])
        start = now - timedelta(days=total_days + 3)
        lead = Lead.objects.create(
            investor_name=name, organisation=organisation, country=country,
            sector=Sector.objects.filter(code=code).first() if code else None, capital_usd=Decimal(capital),
            jobs=jobs, land_ha=Decimal(hectares), likelihood=likelihood, owner=owner,
            expected_registration_on=today + timedelta(days=90) if likelihood >= 30 else None,
            next_action=action, next_action_on=today + timedelta(days=due) if action else None,
            lost_reason=lost if lost in LostReason.values else "",
            notes=f"{MARKER}: the investor and figures are invented.", created_at=start, stage_since=start)
        _history(lead, stays, start, owner)
        LeadActivity.objects.bulk_create([
            LeadActivity(lead=lead, kind=ActivityKind(kind), date=today - timedelta(days=ago), summary=summary,
                         actor=owner) for kind, ago, summary in activities])
        if lost in ("registered", "operating"):
            statuses = [ProjectStatus.OPERATING] if lost == "operating" else sorted(
                pipeline.REGISTERED_STATUSES - {ProjectStatus.OPERATING})
            project = _registry_project(statuses)
            if project is not None:
                lead.project = project
                lead.country = project.lead_country if project.kind == ProjectKind.FDI else "VN"
                lead.save(update_fields=["project", "country"])
                pipeline.sync_with_project(lead, owner, f"{MARKER}: linked to {project.code}")
        created += 1
    return created

