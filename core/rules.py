"""The rule engine: conditions on a project profile, AND/OR groups, negation, reasons in words.

A rule is data (``core.models.AbstractRule`` and ``AbstractRuleCondition``, made concrete by the apps that
keep rules: incentive eligibility in ``zones``, procedure applicability in ``licensing``). A condition
compares one profile field with a value (``compile_condition`` checks and parses it once); conditions with
the same group number must all hold (AND), a rule applies when any group holds (OR), and a rule without
conditions applies to every project. ``negate`` turns a condition into its opposite ("outside a difficult
area"). ``Rule.evaluate`` says whether a rule applies and why, in the active language.

A profile may leave fields unknown (``ProjectProfile.unknown``): ``Rule.verdict`` then answers in three
values (applies, does not apply, may apply) and names the unknown fields that decide a "may apply";
``completions`` lists the ways the unknown fields can be answered that make a difference to given rules."""

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .i18n import localized
from .profile import FOREIGN_CONTROL_THRESHOLD, EnvironmentalGroup, ProjectProfile, ZoneKind

DECIMAL, INTEGER, TEXT, BOOLEAN = "decimal", "integer", "text", "boolean"

#: Profile fields a condition can test: (label, kind, value labels).
FIELDS: dict[str, tuple] = {
    "foreign_ownership_pct": (_("Foreign ownership (%)"), DECIMAL, None),
    # xgettext:no-python-format
    "is_foreign_controlled": (_("Foreign-controlled (more than 50% foreign)"), BOOLEAN, None),
    "has_foreign_capital": (_("Has foreign capital"), BOOLEAN, None),
    "sector_code": (_("Sector (VSIC code)"), TEXT, None),
    "capital_usd": (_("Investment capital (USD)"), DECIMAL, None),
    "employees": (_("Planned employees"), INTEGER, None),
    "land_area_m2": (_("Land area (m²)"), DECIMAL, None),
    "inside_zone": (_("Inside a zone"), BOOLEAN, None),
    "zone_kind": (_("Kind of zone"), TEXT, ZoneKind),
    "zone_code": (_("Zone (code)"), TEXT, None),
    "difficult_area": (_("Difficult area"), BOOLEAN, None),
    "high_tech": (_("High-tech project"), BOOLEAN, None),
    "environmental_group": (_("Environmental group"), TEXT, EnvironmentalGroup),
    "needs_construction": (_("Needs construction"), BOOLEAN, None),
}
FIELD_CHOICES = [(name, label) for name, (label, _kind, _labels) in FIELDS.items()]
#: Fields about where the project is (known for a zone before the project is); the others are about the project.
LOCATION_FIELDS = frozenset({"inside_zone", "zone_kind", "zone_code", "difficult_area"})


def normalise_sector_code(code: str) -> str:
    """A VSIC code upper-cased, without its section letter when digits follow ("c2610" -> "2610")."""
    code = (code or "").strip().upper()
    if len(code) > 1 and code[0].isalpha() and code[1:].isdigit():
        return code[1:]
    return code


def sector_matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether the VSIC ``code`` falls under one of ``prefixes`` (codes or their beginnings: "26" covers
    "2610"); section letters before digits are ignored on both sides, and an empty code matches nothing."""
    code = normalise_sector_code(code)
    return bool(code) and any(code.startswith(normalise_sector_code(prefix)) for prefix in prefixes)


def sector_prefixes(code: str) -> list[str]:
    """Every prefix the VSIC ``code`` falls under, shortest first ("2610" -> "2", "26", "261", "2610")."""
    code = normalise_sector_code(code)
    return [code[:length] for length in range(1, len(code) + 1)]


def _sector_prefix(actual: str, expected: tuple[str, ...]) -> bool:
    return sector_matches(actual, expected)


OPERATORS: dict[str, tuple] = {
    "eq": (_("equals"), operator.eq),
    "in": (_("is one of"), lambda actual, expected: actual in expected),
    "prefix": (_("starts with one of"), _sector_prefix),
    "gt": (_("greater than"), operator.gt),
    "gte": (_("at least"), operator.ge),
    "lt": (_("less than"), operator.lt),
    "lte": (_("at most"), operator.le),
}
OPERATOR_CHOICES = [(name, label) for name, (label, _func) in OPERATORS.items()]
ORDERED = {"gt", "gte", "lt", "lte"}
LISTS = {"in", "prefix"}
SELECTIVE = {"prefix", "in", "eq"}  # evaluated first inside a group: they usually decide it
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1", "có"}, {"false", "no", "0", "không"}


def _parse(kind: str, raw: str):
    raw = raw.strip()
    if kind == BOOLEAN:
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
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


@dataclass(frozen=True)
class Condition:
    """One compiled comparison of a profile field with a value, possibly negated."""

    field: str
    operator: str
    value: object
    negate: bool = False
    func: Callable = field(default=operator.eq, compare=False, repr=False)

    def holds(self, values: Mapping) -> bool:
        """Whether the condition holds for the profile ``values`` (see ``profile_values``)."""
        return self.func(values[self.field], self.value) != self.negate

    def holds_if_known(self, values: Mapping, unknown: frozenset | set) -> bool | None:
        """Whether the condition holds, or None when its field is one of the ``unknown`` fields."""
        return None if self.field in unknown else self.holds(values)

    def opposite(self) -> "Condition":
        """The condition that holds exactly when this one fails."""
        return Condition(self.field, self.operator, self.value, not self.negate, self.func)

    def describe(self, value_labels: Mapping[str, Mapping] | None = None) -> str:
        """The condition in words, in the active language; ``value_labels`` names values of a field (e.g.
        zone titles by code)."""
        label, kind, choices = FIELDS[self.field]
        if kind == BOOLEAN:
            yes, no = BOOLEAN_WORDS[self.field]
            return str(yes if bool(self.value) != self.negate else no)
        names = dict(choices.choices) if choices else {}
        names.update((value_labels or {}).get(self.field, {}))
        items = self.value if isinstance(self.value, tuple) else (self.value,)
        shown = ", ".join(str(names.get(item, names.get(str(item).lower(), self._number(item)))) for item in items)
        phrase = PHRASES.get((self.field, self.operator))
        if phrase is not None:
            return str(phrase[1] if self.negate else phrase[0]) % {"value": shown}
        text = gettext("%(field)s %(operator)s %(value)s") % {
            "field": label, "operator": OPERATORS[self.operator][0], "value": shown}
        return gettext("not: %(condition)s") % {"condition": text} if self.negate else text

    @staticmethod
    def _number(item) -> str:
        if isinstance(item, Decimal):
            return f"{item:,.0f}" if item == item.to_integral_value() else f"{item:,}"
        return str(item)


# How the common conditions read (every yes-no field has its words); the others read
# "<field> <operator> <value>".
BOOLEAN_WORDS = {
    "inside_zone": (_("located in a zone"), _("located outside any zone")),
    "difficult_area": (_("located in a commune with difficult socio-economic conditions"),
                       _("located outside communes with difficult socio-economic conditions")),
    "high_tech": (_("a high-tech project"), _("not a high-tech project")),
    "needs_construction": (_("the project builds"), _("the project builds nothing")),
    "is_foreign_controlled": (
        # xgettext:no-python-format
        _("more than 50% foreign-owned"),
        # xgettext:no-python-format
        _("at most 50% foreign-owned"),
    ),
    "has_foreign_capital": (_("with foreign capital"), _("without foreign capital")),
}
PHRASES = {
    ("zone_kind", "in"): (_("located in a zone of kind: %(value)s"), _("not located in a zone of kind: %(value)s")),
    ("zone_kind", "eq"): (_("located in a zone of kind: %(value)s"), _("not located in a zone of kind: %(value)s")),
    ("zone_code", "in"): (_("located in one of the zones: %(value)s"), _("located outside the zones: %(value)s")),
    ("zone_code", "eq"): (_("located in one of the zones: %(value)s"), _("located outside the zones: %(value)s")),
    ("sector_code", "prefix"): (_("sector (VSIC) starting with %(value)s"),
                                _("sector (VSIC) starting with none of %(value)s")),
    ("capital_usd", "gte"): (_("capital of at least %(value)s USD"), _("capital below %(value)s USD")),
    ("employees", "gte"): (_("at least %(value)s employees"), _("fewer than %(value)s employees")),
    ("land_area_m2", "gte"): (_("land of at least %(value)s m²"), _("land below %(value)s m²")),
    ("environmental_group", "eq"): (_("environmental group: %(value)s"),
                                    _("an environmental group other than %(value)s")),
    ("environmental_group", "in"): (_("environmental group: one of %(value)s"),
                                    _("an environmental group other than %(value)s")),
}


def split_values(raw: str) -> list[str]:
    """The values of a list typed by an officer ("26, 27; 2610"), separated by commas or semicolons."""
    return [part.strip() for part in (raw or "").replace(";", ",").split(",") if part.strip()]


def compile_condition(field_name: str, op: str, raw: str, negate: bool = False) -> Condition:
    """A stored condition compiled for evaluation; ``ValueError`` names what is wrong."""
    if field_name not in FIELDS:
        raise ValueError(f"unknown profile field '{field_name}'")
    if op not in OPERATORS:
        raise ValueError(f"unknown operator '{op}'")
    kind = FIELDS[field_name][1]
    raw = raw or ""
    if field_name == "sector_code":
        raw = raw.upper()
    elif field_name == "zone_code":
        raw = raw.lower()
    if op in ORDERED and kind not in (DECIMAL, INTEGER):
        raise ValueError(f"'{op}' needs a numeric field, '{field_name}' is not")
    if op == "prefix" and field_name != "sector_code":
        raise ValueError(f"'{op}' needs the sector code, '{field_name}' is not")
    if op in LISTS:
        value = tuple(_parse(kind, part) for part in split_values(raw))
        if not value:
            raise ValueError("give at least one value")
    else:
        value = _parse(kind, raw)
    if field_name == "sector_code":
        for code in value if op in LISTS else (value,):
            if not re.fullmatch(r"[A-U]?\d*", code):
                raise ValueError(f"'{code}' is not a VSIC code")
        value = tuple(map(normalise_sector_code, value)) if op in LISTS else normalise_sector_code(value)
    return Condition(field_name, op, value, bool(negate), OPERATORS[op][1])


@dataclass(frozen=True)
class Evaluation:
    """Whether a rule applies, and why: the conditions of the group that held (or of the first group)."""

    applies: bool
    reasons: list[str]


APPLIES, DOES_NOT_APPLY, MAY_APPLY = "applies", "does_not_apply", "may_apply"


@dataclass(frozen=True)
class Verdict:
    """A rule on a profile with unknown fields: ``state`` is ``APPLIES``, ``DOES_NOT_APPLY`` or ``MAY_APPLY``;
    ``reasons`` are the conditions in words (those that held; for "may apply" those of the first undecided
    group; for "does not apply" why not, see ``Rule.why_not``); ``questions`` are the unknown fields that
    decide a "may apply", in the order the rule names them."""

    state: str
    reasons: list[str]
    questions: tuple[str, ...] = ()

    @property
    def applies(self) -> bool:
        return self.state == APPLIES

    @property
    def may_apply(self) -> bool:
        return self.state == MAY_APPLY


@dataclass(frozen=True)
class Standing:
    """One group of a rule judged on a profile with unknown fields: its state and its conditions met, unmet
    (what would change the answer) and open (decided by an unknown field)."""

    state: str
    met: tuple[Condition, ...]
    unmet: tuple[Condition, ...]
    open: tuple[Condition, ...]

    @property
    def rank(self) -> tuple:
        return ({APPLIES: 0, MAY_APPLY: 1, DOES_NOT_APPLY: 2}[self.state], len(self.unmet), len(self.open))


@dataclass(frozen=True)
class Rule:
    """A rule ready to evaluate: its reason (in English, Vietnamese and, when given, the other site languages)
    and its groups of conditions (AND inside a group, OR between)."""

    key: object
    reason_en: str
    reason_vi: str
    groups: tuple[tuple[Condition, ...], ...]
    reason_ko: str = ""
    reason_ja: str = ""
    reason_zh_hans: str = ""
    reason_zh_hant: str = ""

    @property
    def reason(self) -> str:
        """Why the rule exists, in the active language."""
        return localized(self, "reason")

    def applies(self, values: Mapping) -> bool:
        """Whether any group holds for ``values`` (a rule without conditions always applies)."""
        return not self.groups or any(all(c.holds(values) for c in group) for group in self.groups)

    def evaluate(self, values: Mapping, *, value_labels: Mapping | None = None,
                 notes: Mapping[str, str] | None = None) -> Evaluation:
        """Whether the rule applies to ``values`` and the conditions that decided it, in words. ``notes``
        adds a detail to the words of a field's condition that held (e.g. which commune is difficult)."""
        if not self.groups:
            return Evaluation(True, [gettext("applies to every project")])
        chosen = next((group for group in self.groups if all(c.holds(values) for c in group)), None)
        group = chosen if chosen is not None else self.groups[0]
        return Evaluation(chosen is not None, [self._words(c, values, value_labels, notes) for c in group])

    def evaluate_known(self, values: Mapping, known: Iterable[str], *, value_labels: Mapping | None = None,
                       notes: Mapping[str, str] | None = None) -> tuple[list[str], list[str]] | None:
        """For a profile of which only the ``known`` fields are known (a zone before its project): the first
        group whose known conditions hold, as (reasons met, conditions still to meet), or None."""
        known = set(known)
        for group in self.groups or ((),):
            met = [c for c in group if c.field in known]
            if all(c.holds(values) for c in met):
                return ([self._words(c, values, value_labels, notes) for c in met],
                        [c.describe(value_labels) for c in group if c.field not in known])
        return None

    def verdict(self, values: Mapping, unknown: Iterable[str] = (), *, value_labels: Mapping | None = None,
                notes: Mapping[str, str] | None = None) -> Verdict:
        """Whether the rule applies to ``values`` of which the ``unknown`` fields are not known: a group holds
        when all its conditions hold, fails when one of its known conditions fails, and is undecided
        otherwise; the rule applies when a group holds, does not when every group fails, and may apply
        otherwise, decided by the unknown fields of its undecided groups."""
        unknown = frozenset(unknown)
        if not unknown:
            result = self.evaluate(values, value_labels=value_labels, notes=notes)
            if result.applies:
                return Verdict(APPLIES, result.reasons)
            return Verdict(DOES_NOT_APPLY, self.why_not(values, value_labels=value_labels))
        if not self.groups:
            return Verdict(APPLIES, [gettext("applies to every project")])
        undecided = []
        for group in self.groups:
            results = [c.holds_if_known(values, unknown) for c in group]
            if all(results):
                return Verdict(APPLIES, [self._words(c, values, value_labels, notes) for c in group])
            if False not in results:
                undecided.append(group)
        if not undecided:
            return Verdict(DOES_NOT_APPLY, self.why_not(values, unknown, value_labels=value_labels))
        questions = tuple(dict.fromkeys(c.field for group in undecided for c in group if c.field in unknown))
        return Verdict(MAY_APPLY, [c.describe(value_labels) for c in undecided[0]], questions)

    def standing(self, values: Mapping, unknown: Iterable[str] = (),
                 where: Iterable[str] = ()) -> "Standing | None":
        """The rule's group closest to holding for ``values`` of which the ``unknown`` fields are not known:
        its conditions split into met, unmet and open (on an unknown field), ranked applies, may apply, does
        not apply, then by fewest unmet and open conditions. Only groups whose conditions on the ``where``
        fields hold count (a zone page: the place is given); None when no group is left."""
        unknown, where = frozenset(unknown), frozenset(where)
        best = None
        for group in self.groups or ((),):
            if not all(c.holds(values) for c in group if c.field in where):
                continue
            met = tuple(c for c in group if c.field not in unknown and c.holds(values))
            unmet = tuple(c for c in group if c.field not in unknown and not c.holds(values))
            open_ = tuple(c for c in group if c.field in unknown)
            state = DOES_NOT_APPLY if unmet else MAY_APPLY if open_ else APPLIES
            candidate = Standing(state, met, unmet, open_)
            if best is None or candidate.rank < best.rank:
                best = candidate
        return best

    def why_not(self, values: Mapping, unknown: Iterable[str] = (), *,
                value_labels: Mapping | None = None) -> list[str]:
        """Why the rule does not apply to ``values``, in words: the opposite of the first known condition that
        fails in each group (without repeats)."""
        unknown = frozenset(unknown)
        words = []
        for group in self.groups:
            failing = next((c for c in group if c.field not in unknown and not c.holds(values)), None)
            if failing is not None:
                words.append(failing.opposite().describe(value_labels))
        return list(dict.fromkeys(words))

    def describe(self, value_labels: Mapping | None = None) -> str:
        """When the rule applies, in words: the conditions of a group joined by "and", the groups by "or"."""
        if not self.groups:
            return gettext("applies to every project")
        groups = [gettext(" and ").join(c.describe(value_labels) for c in group) for group in self.groups]
        return gettext("; or ").join(groups)

    @staticmethod
    def _words(condition: Condition, values, value_labels, notes) -> str:
        words = condition.describe(value_labels)
        note = (notes or {}).get(condition.field)
        if note and condition.holds(values) and values.get(condition.field):
            words = f"{words} ({note})"
        return words


def compile_rule(key, reason_en: str, reason_vi: str, conditions: Iterable[tuple[int, str, str, str, bool]],
                 **other_reasons: str) -> Rule:
    """A rule from its stored ``(group, field, operator, value, negate)`` rows; ``other_reasons`` are its reason
    in the other site languages (``reason_ko=…``, see ``core.i18n.texts``)."""
    groups: dict[int, list] = {}
    for group, field_name, op, raw, negate in sorted(conditions, key=lambda c: (c[0], c[2] not in SELECTIVE)):
        groups.setdefault(group, []).append(compile_condition(field_name, op, raw, negate))
    return Rule(key, reason_en, reason_vi, tuple(tuple(group) for _number, group in sorted(groups.items())),
                **other_reasons)


def profile_values(profile: ProjectProfile) -> dict:
    """The profile as the flat dictionary conditions read."""
    return {
        "foreign_ownership_pct": profile.foreign_ownership_pct,
        "is_foreign_controlled": profile.is_foreign_controlled,
        "has_foreign_capital": profile.has_foreign_capital,
        "sector_code": normalise_sector_code(profile.sector_code),
        "capital_usd": profile.capital_usd,
        "employees": profile.employees,
        "land_area_m2": profile.land_area_m2,
        "inside_zone": profile.inside_zone,
        "zone_kind": profile.zone_kind,
        "zone_code": (profile.zone_code or "").lower(),
        "difficult_area": profile.difficult_area,
        "high_tech": profile.high_tech,
        "environmental_group": profile.environmental_group,
        "needs_construction": profile.needs_construction,
    }


#: Fields worked out from another one: the questions that answer them are answered together.
LINKED = (("foreign_ownership_pct", "is_foreign_controlled", "has_foreign_capital"),
          ("inside_zone", "zone_kind", "zone_code"))


def _number_candidates(field_name: str, conditions: list[Condition]) -> list:
    """Values of a numeric field on each side of every threshold the conditions compare it with."""
    integer = FIELDS[field_name][1] == INTEGER
    step = 1 if integer else Decimal("0.01")
    found = {0 if integer else Decimal("0")}
    for condition in conditions:
        for value in condition.value if isinstance(condition.value, tuple) else (condition.value,):
            found.update(v for v in (value - step, value, value + step) if v >= 0)
    return sorted(found)


def _candidates(group: tuple[str, ...], conditions: list[Condition]) -> list[dict]:
    """The assignments of the fields of ``group`` (one field, or linked ones) that make every outcome of
    ``conditions`` possible."""
    on = [c for c in conditions if c.field in group]
    name = group[0]
    if name == "foreign_ownership_pct":
        shares = set(_number_candidates(name, on)) | {Decimal("0"), Decimal("0.01"), FOREIGN_CONTROL_THRESHOLD,
                                                        FOREIGN_CONTROL_THRESHOLD + Decimal("0.01"), Decimal("100")}
        return [{name: share, "is_foreign_controlled": share > FOREIGN_CONTROL_THRESHOLD,
                 "has_foreign_capital": share > 0} for share in sorted(shares)]
    if name == "inside_zone":
        kinds = [kind for kind, _label in ZoneKind.choices]
        codes = [""] + sorted({v for c in on if c.field == "zone_code"
                               for v in (c.value if isinstance(c.value, tuple) else (c.value,))})
        return [{"inside_zone": False, "zone_kind": "", "zone_code": ""}] + [
            {"inside_zone": True, "zone_kind": kind, "zone_code": code} for kind in kinds for code in codes]
    kind, labels = FIELDS[name][1], FIELDS[name][2]
    if kind == BOOLEAN:
        return [{name: True}, {name: False}]
    if kind in (DECIMAL, INTEGER):
        return [{name: value} for value in _number_candidates(name, on)]
    if labels is not None:
        return [{name: value} for value, _label in labels.choices]
    texts = {""} | {v for c in on for v in (c.value if isinstance(c.value, tuple) else (c.value,))}
    return [{name: value} for value in sorted(texts)]


def completions(values: Mapping, unknown: Iterable[str], conditions: Iterable[Condition],
                limit: int = 4096) -> Iterator[dict] | None:
    """Every way of answering the ``unknown`` fields that ``conditions`` test, as complete ``values``
    (one value on each side of every threshold, each choice, both answers of a yes/no question, linked
    fields answered together); None when there would be more than ``limit``."""
    unknown = frozenset(unknown)
    conditions = [c for c in conditions if c.field in unknown]
    tested = {c.field for c in conditions}
    groups = [linked for linked in LINKED if tested & set(linked)]
    groups += [(name,) for name in sorted(tested) if not any(name in linked for linked in LINKED)]
    options = [_candidates(group, conditions) for group in groups]
    total = 1
    for choices in options:
        total *= len(choices)
    if total > limit:
        return None
    return ({**values, **{k: v for part in parts for k, v in part.items()}} for parts in itertools.product(*options))


class RuleIndex:
    """Rule groups indexed by the sector prefixes they require, so that a profile only checks the groups that
    can match its sector code (plus those that name no sector)."""

    def __init__(self, rules: Iterable[tuple[object, Rule]]):
        self.by_prefix: dict[str, list] = {}
        self.unindexed: list = []
        for owner, rule in rules:
            for group in rule.groups or ((),):
                sector = next((c for c in group if c.operator == "prefix" and not c.negate), None)
                if sector is None:
                    self.unindexed.append((owner, rule, group))
                    continue
                rest = tuple(c for c in group if c is not sector)
                for prefix in {normalise_sector_code(p) for p in sector.value}:
                    self.by_prefix.setdefault(prefix, []).append((owner, rule, rest))

    def matches(self, values: Mapping):
        """``(owner, rule)`` for every rule with a group that holds for ``values`` (a rule at most once)."""
        sector = values["sector_code"]
        candidates = list(self.unindexed)
        if sector:
            for prefix in sector_prefixes(sector):
                candidates.extend(self.by_prefix.get(prefix, ()))
        seen = set()
        for owner, rule, conditions in candidates:
            if id(rule) in seen:
                continue
            if all(c.holds(values) for c in conditions):
                seen.add(id(rule))
                yield owner, rule
