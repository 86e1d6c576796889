"""Builders for the leads pipeline tests: officers holding lead permissions, leads with a history written at
given times, and registry projects (planned or registered) to link."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from projects.services import declare_planned_project
from promotion import pipeline
from promotion.models import Lead, LeadStageChange
from tests.factories_projects import investor
from tests.factories_projects import project as registered_project
from tests.factories_promotion import officer

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 1, 5, 9, tzinfo=HANOI)

__all__ = ["HANOI", "START", "lead", "lead_officer", "lead_with_history", "planned_project", "registered_project"]


def lead_officer(username: str = "mai", *codenames: str):
    """A staff user holding ``promotion.<codename>`` for each codename (all three lead permissions by
    default)."""
    return officer(username, *(codenames or ("view_lead", "change_lead", "add_lead")))


def lead(actor, **fields) -> Lead:
    """A lead created through the service at its stage (enquiry unless ``stage`` is given)."""
    values = {"investor_name": "Hanbit Electronics", "country": "KR", "capital_usd": Decimal("1000000"),
              "jobs": 100, "likelihood": 50}
    values.update(fields)
    return pipeline.create_lead(actor, **values)


def lead_with_history(actor, stays: list[tuple[str, float]], *, start: datetime = START, **fields) -> Lead:
    """A lead whose history is ``stays``: (stage, days spent in it) in order, the first being the stage it was
    created at; the last stay's days are ignored (it is the current stage). Rows are written directly with
    their times so that durations are known exactly."""
    first_stage = stays[0][0]
    item = lead(actor, stage=first_stage, created_at=start, stage_since=start, **fields)
    LeadStageChange.objects.filter(lead=item).update(at=start)
    at, previous = start, first_stage
    for (_stage, days), (stage, _days) in zip(stays, stays[1:], strict=False):
        at = at + timedelta(days=days)
        LeadStageChange.objects.create(lead=item, from_stage=previous, to_stage=stage, at=at, actor=actor)
        previous = stage
    Lead.objects.filter(pk=item.pk).update(stage=previous, stage_since=at)
    item.refresh_from_db()
    return item


def planned_project(name: str = "Hanbit plant", country: str = "KR"):
    """A project an investor declared: status planned, outside the registry's statistics."""
    return declare_planned_project(investor(f"{name} investor", country), name=name,
                                   capital_usd=Decimal("5000000"))

