"""The investor's pathway: a project profile -> the procedures that apply, ordered and dated.

Procedures come from the in-memory catalogue (``catalogue.current()``); rules are evaluated without a
query. Prerequisites order the procedures (a prerequisite that does not apply is skipped through, so its own
prerequisites still count); procedures whose prerequisites are all done form a stage and run in parallel.
Dates come from the working-day calendar."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from projects.profile import ProjectProfile

from . import catalogue as catalogue_module
from .calendar import WorkingCalendar
from .calendar import calendar as current_calendar
from .catalogue import Catalogue, ProcedureEntry
from .graph import stages as topological_stages
from .models.base import localized
from .rules import profile_values


@dataclass(frozen=True)
class Reason:
    """Why a procedure applies, in both languages."""

    text_en: str
    text_vi: str

    @property
    def text(self) -> str:
        return localized(self, "text")

    def __str__(self):
        return self.text


@dataclass
class PathwayStep:
    """One procedure of the pathway with its dates."""

    procedure: ProcedureEntry
    reasons: list[Reason]
    requires: list[str]
    stage: int
    starts: date
    ends: date
    critical: bool = False

    @property
    def code(self) -> str:
        return self.procedure.code


@dataclass
class Pathway:
    """The ordered procedures, their stages, the completion date and the total fees."""

    profile: ProjectProfile
    start: date
    steps: list[PathwayStep]
    stages: list[list[PathwayStep]]
    completion: date
    working_days: int
    critical_path: list[str]
    total_fees: dict[str, Decimal] = field(default_factory=dict)

    @property
    def procedure_ids(self) -> list[int]:
        return [step.procedure.id for step in self.steps]


def applicable(catalogue: Catalogue, profile: ProjectProfile, on: date) -> dict[str, tuple[ProcedureEntry, list]]:
    """The procedures in force on ``on`` that apply to ``profile``, each with the reasons it applies."""
    values = profile_values(profile)
    found = {}
    for code, entry in catalogue.in_force(on).items():
        reasons = [Reason(entry.reason_all_en, entry.reason_all_vi)] if entry.applies_to_all else []
        for rule in entry.rules:
            if rule.applies(values):
                reasons.append(Reason(rule.reason_en, rule.reason_vi))
        if reasons:
            found[code] = (entry, reasons)
    return found


def _effective_requirements(code: str, in_force: dict[str, ProcedureEntry], chosen: dict) -> set[str]:
    """The applicable procedures ``code`` waits for, looking through prerequisites that do not apply."""
    needed, seen = set(), set()
    stack = list(in_force[code].requires)
    while stack:
        other = stack.pop()
        if other in seen:
            continue
        seen.add(other)
        if other in chosen:
            needed.add(other)
        elif other in in_force:
            stack.extend(in_force[other].requires)
    return needed


def build(profile: ProjectProfile, start: date | None = None, *, catalogue: Catalogue | None = None,
          working_calendar: WorkingCalendar | None = None) -> Pathway:
    """The pathway of ``profile`` if the investor starts on ``start`` (today by default)."""
    start = start or timezone.localdate()
    catalogue = catalogue or catalogue_module.current()
    working_calendar = working_calendar or current_calendar()
    in_force = catalogue.in_force(start)
    chosen = applicable(catalogue, profile, start)
    requires = {code: _effective_requirements(code, in_force, chosen) for code in chosen}
    layers = topological_stages(requires)

    ends: dict[str, date] = {}
    steps: dict[str, PathwayStep] = {}
    stage_list = []
    for number, layer in enumerate(layers, start=1):
        stage_steps = []
        for code in sorted(layer):
            entry, reasons = chosen[code]
            begins = max((ends[other] for other in requires[code]), default=start)
            ends[code] = working_calendar.add_days(begins, entry.time_limit, entry.time_unit)
            step = PathwayStep(entry, reasons, sorted(requires[code]), number, begins, ends[code])
            steps[code] = step
            stage_steps.append(step)
        stage_list.append(stage_steps)

    completion = max(ends.values(), default=start)
    critical = []
    if steps:
        code = max(ends, key=lambda c: (ends[c], c))
        while code is not None:
            critical.append(code)
            steps[code].critical = True
            before = [other for other in requires[code] if ends[other] == steps[code].starts]
            code = before[0] if before else None
        critical.reverse()

    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry, _reasons in chosen.values():
        for fee in entry.fees:
            totals[fee.currency] += fee.amount
    ordered = [step for layer in stage_list for step in layer]
    return Pathway(profile=profile, start=start, steps=ordered, stages=stage_list, completion=completion,
                   working_days=working_calendar.working_days_between(start, completion),
                   critical_path=critical, total_fees=dict(totals))
