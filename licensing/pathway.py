"""The investor's pathway: a project profile -> the procedures that apply, ordered and dated.

Procedures come from the in-memory catalogue (``catalogue.current()``), with their prerequisite order
computed once per day; rules are evaluated without a query. Prerequisites order the procedures (a
prerequisite that does not apply is skipped through, so its own prerequisites still count); procedures
whose prerequisites are all done form a stage and run in parallel.
Dates come from the working-day calendar.

A profile that leaves questions unanswered (``ProjectProfile.unknown``) never loses a procedure silently:
a procedure whose rules depend on an unanswered question "may apply", and is shown with the questions that
decide it; the totals become ranges, from the best case (no such procedure applies) to the worst case over
every way of answering those questions (``core.rules.completions``)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext

from core.i18n import SUFFIXES, localized
from core.profile import QUESTION_OF, QUESTIONS, ProjectProfile
from core.rules import MAY_APPLY, completions, profile_values

from . import catalogue as catalogue_module
from .calendar import WorkingCalendar
from .calendar import calendar as current_calendar
from .catalogue import Catalogue, InForce, ProcedureEntry


@dataclass(frozen=True)
class Reason:
    """Why a procedure applies, in every site language."""

    text_en: str
    text_vi: str
    text_ko: str = ""
    text_ja: str = ""
    text_zh_hans: str = ""
    text_zh_hant: str = ""

    @classmethod
    def of(cls, source, field: str) -> "Reason":
        """The reason ``source`` (a procedure entry or a rule) keeps in ``field``, in every language."""
        return cls(**{f"text_{code}": getattr(source, f"{field}_{code}", "") for code in SUFFIXES})

    @property
    def text(self) -> str:
        return localized(self, "text")

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class LeftOut:
    """A prerequisite of a step that the plan leaves out, and why (in the active language at build time)."""

    code: str
    procedure: ProcedureEntry | None
    why: str


@dataclass
class PathwayStep:
    """One procedure of the pathway with its dates. A step that ``may_apply`` depends on the unanswered
    ``questions`` (profile form fields); ``conditions`` say in words when it applies."""

    procedure: ProcedureEntry
    reasons: list[Reason]
    requires: list[str]
    stage: int
    starts: date
    ends: date
    critical: bool = False
    may_apply: bool = False
    questions: list[str] = field(default_factory=list)
    conditions: str = ""
    explain: Callable[[str], list[LeftOut]] | None = field(default=None, repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.procedure.code

    @property
    def left_out(self) -> list[LeftOut]:
        """The prerequisites of this step that the plan leaves out, with why (worked out when first read)."""
        return self.explain(self.code) if self.explain else []


@dataclass(frozen=True)
class Range:
    """A figure from its best case to its worst case (equal once every deciding question is answered)."""

    low: object
    high: object

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass
class Pathway:
    """The ordered procedures, their stages, the completion date and the total fees.

    ``completion``, ``working_days`` and ``total_fees`` are those of the timeline shown (every procedure that
    applies or may apply); the ``*_range`` figures go from the best case to the worst case, and ``questions``
    lists the unanswered questions that decide them (with the codes of the procedures each one decides)."""

    profile: ProjectProfile
    start: date
    steps: list[PathwayStep]
    stages: list[list[PathwayStep]]
    completion: date
    working_days: int
    critical_path: list[str]
    total_fees: dict[str, Decimal] = field(default_factory=dict)
    procedure_range: Range | None = None
    completion_range: Range | None = None
    working_days_range: Range | None = None
    fees_range: dict[str, Range] = field(default_factory=dict)
    questions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def procedure_ids(self) -> list[int]:
        return [step.procedure.id for step in self.steps]

    @property
    def uncertain(self) -> bool:
        """Whether some procedure may apply, depending on an unanswered question."""
        return bool(self.questions)

    @property
    def may_apply(self) -> list[PathwayStep]:
        return [step for step in self.steps if step.may_apply]


def applicable(catalogue: Catalogue, profile: ProjectProfile, on: date) -> dict[str, tuple[ProcedureEntry, list]]:
    """The procedures in force on ``on`` that surely apply to ``profile``, each with the reasons it applies."""
    return _assess(catalogue.snapshot(on), profile)[0]


def _assess(snapshot: InForce, profile: ProjectProfile):
    """(procedures that apply with their reasons, procedures that may apply with (reasons, questions,
    conditions, rules that may apply))."""
    values = profile_values(profile)
    found: dict[str, tuple[ProcedureEntry, list]] = {}
    maybe: dict[str, tuple[ProcedureEntry, list, list, list, list]] = {}
    for code, entry in snapshot.entries.items():
        if entry.applies_to_all:
            found[code] = (entry, [Reason.of(entry, "reason_all")])
    if profile.unknown:
        for code, entry in snapshot.entries.items():
            if code in found:
                continue
            for rule in entry.rules:
                verdict = rule.verdict(values, profile.unknown)
                if verdict.applies:
                    found.setdefault(code, (entry, []))[1].append(Reason.of(rule, "reason"))
                elif verdict.state == MAY_APPLY:
                    _entry, reasons, questions, conditions, rules = maybe.setdefault(code, (entry, [], [], [], []))
                    reasons.append(Reason.of(rule, "reason"))
                    questions.extend(q for q in verdict.questions if q not in questions)
                    conditions.append(gettext(" and ").join(verdict.reasons))
                    rules.append(rule)
        for code in found:
            maybe.pop(code, None)
    else:
        for code, rule in snapshot.rules.matches(values):
            if code not in found:
                found[code] = (snapshot.entries[code], [])
            found[code][1].append(Reason.of(rule, "reason"))
    for _entry, reasons in found.values():
        if len(reasons) > 1:
            reasons.sort(key=lambda reason: reason.text_en)
    return found, maybe


@dataclass
class _Schedule:
    waits_for: dict[str, list[str]]
    stage_of: dict[str, int]
    starts: dict[str, date]
    ends: dict[str, date]
    completion: date


def _schedule(snapshot: InForce, chosen, start: date, working_calendar: WorkingCalendar) -> _Schedule:
    """Stages and dates of the ``chosen`` codes, in one pass in prerequisite order: what each procedure waits
    for among the chosen ones (looking through prerequisites that are not chosen), its stage and dates."""
    waits_for: dict[str, frozenset] = {}
    stage_of: dict[str, int] = {}
    starts: dict[str, date] = {}
    ends: dict[str, date] = {}
    # Only the chosen procedures and the prerequisites reached through ones that are not chosen matter.
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
        starts[code] = max((ends[other] for other in needed), default=start)
        ends[code] = working_calendar.add_days(starts[code], entry.time_limit, entry.time_unit)
    return _Schedule({code: sorted(waits_for[code]) for code in stage_of}, stage_of, starts, ends,
                     max(ends.values(), default=start))


def _fees(entries) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        for fee in entry.fees:
            totals[fee.currency] += fee.amount
    return dict(totals)


def _left_out(snapshot: InForce, entry: ProcedureEntry, planned, values: dict, unknown,
              explained: set[str]) -> list[LeftOut]:
    """The prerequisites of ``entry`` that the plan leaves out, each with why (except those ``explained``)."""
    result = []
    for code in sorted(entry.requires.difference(planned, explained)):
        other = snapshot.entries.get(code)
        if other is None:
            result.append(LeftOut(code, None, gettext("Not in force on the start date.")))
            continue
        words = list(dict.fromkeys(word for rule in other.rules for word in rule.why_not(values, unknown)))
        why = (gettext("Not needed for your project: %(reasons)s.") % {"reasons": "; ".join(words)} if words
               else gettext("Not needed for your project."))
        result.append(LeftOut(code, other, why))
    return result


def _explainer(snapshot: InForce, ordered: list[PathwayStep], planned, values: dict, unknown):
    """A function giving each step's left-out prerequisites; all of them are worked out on the first call, each
    prerequisite explained once, at the first step in timeline order that names it."""
    found: dict[str, list[LeftOut]] = {}

    def explain(code: str) -> list[LeftOut]:
        if not found:
            explained: set[str] = set()
            for step in ordered:
                found[step.code] = _left_out(snapshot, step.procedure, planned, values, unknown, explained)
                explained.update(item.code for item in found[step.code])
        return found.get(code, [])

    return explain


def build(profile: ProjectProfile, start: date | None = None, *, catalogue: Catalogue | None = None,
          working_calendar: WorkingCalendar | None = None) -> Pathway:
    """The pathway of ``profile`` if the investor starts on ``start`` (today by default)."""
    start = start or timezone.localdate()
    catalogue = catalogue or catalogue_module.current()
    working_calendar = working_calendar or current_calendar()
    snapshot = catalogue.snapshot(start)
    chosen, maybe = _assess(snapshot, profile)
    shown = {**{code: entry for code, (entry, _r) in chosen.items()},
             **{code: spec[0] for code, spec in maybe.items()}}
    plan = _schedule(snapshot, shown, start, working_calendar)
    values = profile_values(profile)

    steps: dict[str, PathwayStep] = {}
    for code, entry in shown.items():
        step = PathwayStep(entry, chosen[code][1] if code in chosen else maybe[code][1], plan.waits_for[code],
                           plan.stage_of[code], plan.starts[code], plan.ends[code])
        if code in maybe:
            step.may_apply = True
            step.questions = list(dict.fromkeys(QUESTION_OF.get(q, q) for q in maybe[code][2]))
            step.conditions = gettext("; or ").join(maybe[code][3])
        steps[code] = step
    ends = plan.ends
    stage_list: list[list[PathwayStep]] = [[] for _n in range(max(plan.stage_of.values(), default=0))]
    for code in sorted(steps):
        stage_list[steps[code].stage - 1].append(steps[code])

    completion = plan.completion
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

    ordered = [step for layer in stage_list for step in layer]
    explain = _explainer(snapshot, ordered, shown, values, profile.unknown)
    for step in ordered:
        step.explain = explain
    working_days = working_calendar.working_days_between(start, completion)
    total_fees = _fees(shown.values())
    result = Pathway(profile=profile, start=start, steps=ordered, stages=stage_list, completion=completion,
                     working_days=working_days, critical_path=critical, total_fees=total_fees)
    _ranges(result, snapshot, chosen, maybe, values, working_calendar)
    return result


def _ranges(result: Pathway, snapshot: InForce, chosen: dict, maybe: dict, values: dict,
            working_calendar: WorkingCalendar) -> None:
    """Fill in the best-to-worst ranges and the deciding questions of ``result``."""
    if not maybe:
        fees = {currency: Range(amount, amount) for currency, amount in result.total_fees.items()}
        result.procedure_range = Range(len(result.steps), len(result.steps))
        result.completion_range = Range(result.completion, result.completion)
        result.working_days_range = Range(result.working_days, result.working_days)
        result.fees_range = fees
        return
    order = list(QUESTIONS)
    questions: dict[str, list[str]] = {}
    for step in result.steps:
        for question in step.questions:
            questions.setdefault(question, []).append(step.code)
    result.questions = dict(sorted(questions.items(), key=lambda item: order.index(item[0])
                                   if item[0] in order else len(order)))
    sure = frozenset(chosen)
    rules = [(code, rule) for code, spec in maybe.items() for rule in spec[4]]
    scenarios = completions(values, result.profile.unknown,
                            [condition for _code, rule in rules for group in rule.groups for condition in group])
    if scenarios is None:  # too many ways to answer: the bounds are "none of them" and "all of them"
        sets = {sure, sure | set(maybe)}
    else:
        sets = {sure | {code for code, rule in rules if rule.applies(answer)} for answer in scenarios}
    entries = {**{code: spec[0] for code, spec in chosen.items()}, **{code: spec[0] for code, spec in maybe.items()}}
    counts, completions_, days, fees = [], [], [], defaultdict(list)
    for codes in sets:
        completion = _schedule(snapshot, codes, result.start, working_calendar).completion
        counts.append(len(codes))
        completions_.append(completion)
        days.append(working_calendar.working_days_between(result.start, completion))
        totals = _fees(entries[code] for code in codes)
        for currency in result.total_fees:
            fees[currency].append(totals.get(currency, Decimal("0")))
    result.procedure_range = Range(min(counts), max(counts))
    result.completion_range = Range(min(completions_), max(completions_))
    result.working_days_range = Range(min(days), max(days))
    result.fees_range = {currency: Range(min(amounts), max(amounts)) for currency, amounts in fees.items()}
