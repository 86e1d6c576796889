"""Applicability rules: the profile fields a condition can test, its operators, and fast evaluation.

Rules are data (``ApplicabilityRule`` + ``RuleCondition``); here each condition is compiled once into a
``(field, operator function, value)`` triple, so evaluating thousands of rules against a profile is a loop
over tuples with no query."""

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from projects.profile import ProjectProfile

DECIMAL, INTEGER, TEXT, BOOLEAN = "decimal", "integer", "text", "boolean"

FIELDS: dict[str, tuple] = {
    "foreign_ownership_pct": (_("Foreign ownership (%)"), DECIMAL),
    "is_foreign_controlled": (_("Foreign-controlled (more than 50% foreign)"), BOOLEAN),
    "has_foreign_capital": (_("Has foreign capital"), BOOLEAN),
    "sector_code": (_("Sector (VSIC code)"), TEXT),
    "capital_usd": (_("Investment capital (USD)"), DECIMAL),
    "employees": (_("Planned employees"), INTEGER),
    "land_area_m2": (_("Land area (m²)"), DECIMAL),
    "inside_zone": (_("Inside a zone"), BOOLEAN),
    "zone_kind": (_("Kind of zone"), TEXT),
    "difficult_area": (_("Difficult area"), BOOLEAN),
    "high_tech": (_("High-tech project"), BOOLEAN),
    "environmental_group": (_("Environmental group"), TEXT),
    "needs_construction": (_("Needs construction"), BOOLEAN),
}
FIELD_CHOICES = [(name, label) for name, (label, _type) in FIELDS.items()]


def _prefix(actual: str, expected: tuple[str, ...]) -> bool:
    return actual.startswith(expected)


OPERATORS: dict[str, tuple] = {
    "eq": (_("equals"), operator.eq),
    "ne": (_("differs from"), operator.ne),
    "gt": (_("greater than"), operator.gt),
    "gte": (_("at least"), operator.ge),
    "lt": (_("less than"), operator.lt),
    "lte": (_("at most"), operator.le),
    "in": (_("is one of"), lambda actual, expected: actual in expected),
    "not_in": (_("is none of"), lambda actual, expected: actual not in expected),
    "prefix": (_("starts with one of"), _prefix),
    "not_prefix": (_("starts with none of"), lambda actual, expected: not _prefix(actual, expected)),
}
OPERATOR_CHOICES = [(name, label) for name, (label, _func) in OPERATORS.items()]
ORDERED = {"gt", "gte", "lt", "lte"}
LISTS = {"in", "not_in", "prefix", "not_prefix"}
SELECTIVE = {"prefix", "in", "eq"}  # evaluated first inside a group: they usually decide it


def _parse(kind: str, raw: str):
    raw = raw.strip()
    if kind == BOOLEAN:
        if raw.lower() in {"true", "yes", "1", "có"}:
            return True
        if raw.lower() in {"false", "no", "0", "không"}:
            return False
        raise ValueError(f"'{raw}' is not true or false")
    if kind == DECIMAL:
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise ValueError(f"'{raw}' is not a number") from exc
    if kind == INTEGER:
        return int(raw)
    return raw


def compile_condition(field: str, op: str, raw: str) -> tuple[str, Callable, object]:
    """A condition as ``(field, function, value)``; ``ValueError`` names what is wrong."""
    if field not in FIELDS:
        raise ValueError(f"unknown profile field '{field}'")
    if op not in OPERATORS:
        raise ValueError(f"unknown operator '{op}'")
    kind = FIELDS[field][1]
    if field == "sector_code":
        raw = raw.upper()
    if op in ORDERED and kind not in (DECIMAL, INTEGER):
        raise ValueError(f"'{op}' needs a numeric field, '{field}' is not")
    if op in {"prefix", "not_prefix"} and kind != TEXT:
        raise ValueError(f"'{op}' needs a text field, '{field}' is not")
    if op in LISTS:
        value = tuple(_parse(kind, part) for part in raw.split(",") if part.strip())
        if not value:
            raise ValueError("give at least one value")
        if op in {"prefix", "not_prefix"}:
            value = tuple(str(part) for part in value)
    else:
        value = _parse(kind, raw)
    return field, OPERATORS[op][1], value


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to evaluate: its groups of compiled conditions (AND inside a group, OR between)."""

    rule_id: int
    procedure_id: int
    reason_en: str
    reason_vi: str
    groups: tuple[tuple[tuple[str, Callable, object], ...], ...]

    def applies(self, values: dict) -> bool:
        for group in self.groups:
            for field, func, expected in group:
                if not func(values[field], expected):
                    break
            else:
                return True
        return False


def compile_rule(rule_id, procedure_id, reason_en, reason_vi,
                 conditions: Iterable[tuple[int, str, str, str]]) -> CompiledRule:
    """Compile ``(group, field, operator, value)`` rows; a rule without conditions never applies."""
    groups: dict[int, list] = {}
    for group, field, op, raw in sorted(conditions, key=lambda c: (c[0], c[2] not in SELECTIVE)):
        groups.setdefault(group, []).append(compile_condition(field, op, raw))
    return CompiledRule(rule_id, procedure_id, reason_en, reason_vi,
                        tuple(tuple(group) for _key, group in sorted(groups.items())))


class RuleIndex:
    """Rule groups indexed by the sector prefixes they require, so a profile only checks the groups that can
    match its sector code (plus those that name no sector)."""

    def __init__(self, rules: Iterable[tuple[str, CompiledRule]]):
        self.by_prefix: dict[str, list] = {}
        self.unindexed: list = []
        for code, rule in rules:
            for group in rule.groups:
                prefix_condition = next((c for c in group if c[1] is _prefix and c[0] == "sector_code"), None)
                if prefix_condition is None:
                    self.unindexed.append((code, rule, group))
                    continue
                rest = tuple(c for c in group if c is not prefix_condition)
                for prefix in prefix_condition[2]:
                    self.by_prefix.setdefault(prefix, []).append((code, rule, rest))

    def matches(self, values: dict):
        """``(code, rule)`` for every rule with a group that holds for ``values`` (a rule at most once)."""
        sector = values["sector_code"]
        candidates = list(self.unindexed)
        for length in range(len(sector) + 1):
            candidates.extend(self.by_prefix.get(sector[:length], ()))
        seen = set()
        for code, rule, conditions in candidates:
            if rule.rule_id in seen:
                continue
            for field, func, expected in conditions:
                if not func(values[field], expected):
                    break
            else:
                seen.add(rule.rule_id)
                yield code, rule


def profile_values(profile: ProjectProfile) -> dict:
    """The profile as the flat dictionary conditions read."""
    return {
        "foreign_ownership_pct": profile.foreign_ownership_pct,
        "is_foreign_controlled": profile.is_foreign_controlled,
        "has_foreign_capital": profile.has_foreign_capital,
        "sector_code": (profile.sector_code or "").upper(),
        "capital_usd": profile.capital_usd,
        "employees": profile.employees,
        "land_area_m2": profile.land_area_m2,
        "inside_zone": profile.inside_zone,
        "zone_kind": profile.zone_kind,
        "difficult_area": profile.difficult_area,
        "high_tech": profile.high_tech,
        "environmental_group": profile.environmental_group,
        "needs_construction": profile.needs_construction,
    }
