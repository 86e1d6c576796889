"""The investor's pathway: a project profile -> the procedures that apply, ordered and dated.

Procedures come from the in-memory catalogue (``catalogue.current()``), with their prerequisite order
computed once per day; rules are evaluated without a query. Prerequisites order the procedures (a
prerequisite that does not apply is skipped through, so its own prerequisites still count); procedures
whose prerequisites are all done form a stage and run in parallel.
Dates come from the working-day calendar."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from core.i18n import localized
from core.profile import ProjectProfile
from core.rules import profile_values

from . import catalogue as catalogue_module
from .calendar import WorkingCalendar
from .calendar import calendar as current_calendar
from .catalogue import Catalogue, ProcedureEntry


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
    snapshot = catalogue.snapshot(on)
    found: dict[str, tuple[ProcedureEntry, list]] = {}
    for code, entry in snapshot.entries.items():
        if entry.applies_to_all:
            found[code] = (entry, [Reason(entry.reason_all_en, entry.reason_all_vi)])
    for code, rule in snapshot.rules.matches(profile_values(profile)):
        if code not in found:
            found[code] = (snapshot.entries[code], [])
        found[code][1].append(Reason(rule.reason_en, rule.reason_vi))
    for _entry, reasons in found.values():
        if len(reasons) > 1:
            reasons.sort(key=lambda reason: reason.text_en)
    return found


def build(profile: ProjectProfile, start: date | None = None, *, catalogue: Catalogue | None = None,
          working_calendar: WorkingCalendar | None = None) -> Pathway:
    """The pathway of ``profile`` if the investor starts on ``start`` (today by default)."""
    start = start or timezone.localdate()
    catalogue = catalogue or catalogue_module.current()
    working_calendar = working_calendar or current_calendar()
    snapshot = catalogue.snapshot(start)
    chosen = applicable(catalogue, profile, start)

    # One pass in prerequisite order: what each procedure waits for among the chosen ones (looking through
    # prerequisites that do not apply), its stage, and its dates.
    waits_for: dict[str, frozenset] = {}
    stage_of: dict[str, int] = {}
    ends: dict[str, date] = {}
    steps: dict[str, PathwayStep] = {}
    # Only the chosen procedures and the prerequisites reached through ones that do not apply matter.
    relevant, stack = set(chosen), list(chosen)
    while stack:
        for other in snapshot.entries[stack.pop()].requires:
            if other not in relevant and other in snapshot.entries:
                relevant.add(other)
                stack.append(other)
    for code in snapshot.order:
        if code not in relevant:
            continue
        entry = snapshot.entries[code]
        needed: set = set()
        for other in entry.requires:
            if other in chosen:
                needed.add(other)
            elif other in waits_for:
                needed |= waits_for[other]
        waits_for[code] = frozenset(needed)
        if code not in chosen:
            continue
        stage_of[code] = 1 + max((stage_of[other] for other in needed), default=0)
        begins = max((ends[other] for other in needed), default=start)
        ends[code] = working_calendar.add_days(begins, entry.time_limit, entry.time_unit)
        steps[code] = PathwayStep(entry, chosen[code][1], sorted(needed), stage_of[code], begins, ends[code])

    stage_list: list[list[PathwayStep]] = [[] for _n in range(max(stage_of.values(), default=0))]
    for code in sorted(steps):
        stage_list[steps[code].stage - 1].append(steps[code])

    completion = max(ends.values(), default=start)
    critical = []
    if steps:
        code = max(ends, key=lambda c: (ends[c], c))
        while code is not None:
            critical.append(code)
            steps[code].critical = True
            before = [other for other in steps[code].requires if ends[other] == steps[code].starts]
            code = before[0] if before else None
        critical.reverse()
        # Every step without slack is critical: it ends on the completion day, or a critical step waits for it.
        pending = [code for code in steps if ends[code] == completion]
        while pending:
            code = pending.pop()
            steps[code].critical = True
            pending += [other for other in steps[code].requires
                        if ends[other] == steps[code].starts and not steps[other].critical]

    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry, _reasons in chosen.values():
        for fee in entry.fees:
            totals[fee.currency] += fee.amount
    ordered = [step for layer in stage_list for step in layer]
    return Pathway(profile=profile, start=start, steps=ordered, stages=stage_list, completion=completion,
                   working_days=working_calendar.working_days_between(start, completion),
                   critical_path=critical, total_fees=dict(totals))
