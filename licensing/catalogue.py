"""The procedure catalogue as in-memory structures for the pathway.

The whole catalogue (every version, its fees, documents, prerequisites and compiled rules) is read with a
handful of queries and kept per process; a version token in the shared cache, renewed whenever a
catalogue row is saved or deleted (``signals.py``), tells every process to reload."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from graphlib import TopologicalSorter

from core.caching import ProcessCache
from core.i18n import OTHER_LANGUAGES, all_columns, localized, texts
from core.rules import Rule, RuleIndex, compile_rule

CACHE_KEY = "licensing:catalogue-version"


@dataclass(frozen=True)
class Fee:
    amount: Decimal
    currency: str
    note_en: str
    note_vi: str
    note_ko: str = ""
    note_ja: str = ""
    note_zh_hans: str = ""
    note_zh_hant: str = ""

    @property
    def note(self) -> str:
        return localized(self, "note")


@dataclass(frozen=True)
class Document:
    name_en: str
    name_vi: str
    copies: int
    original: bool
    name_ko: str = ""
    name_ja: str = ""
    name_zh_hans: str = ""
    name_zh_hant: str = ""

    @property
    def name(self) -> str:
        return localized(self, "name")


@dataclass
class ProcedureEntry:
    """One procedure version with everything the pathway shows; its name, agency and reason in every site
    language (read through ``core.i18n``)."""

    id: int
    code: str
    name_en: str
    name_vi: str
    agency_id: int
    agency_en: str
    agency_vi: str
    time_limit: int
    time_unit: str
    online_level: str
    portal_url: str
    effective_from: date
    effective_to: date | None
    applies_to_all: bool
    reason_all_en: str
    reason_all_vi: str
    fees: list[Fee] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    requires: set[str] = field(default_factory=set)
    rules: list[Rule] = field(default_factory=list)
    name_ko: str = ""
    name_ja: str = ""
    name_zh_hans: str = ""
    name_zh_hant: str = ""
    agency_ko: str = ""
    agency_ja: str = ""
    agency_zh_hans: str = ""
    agency_zh_hant: str = ""
    reason_all_ko: str = ""
    reason_all_ja: str = ""
    reason_all_zh_hans: str = ""
    reason_all_zh_hant: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or self.effective_to >= on)

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def agency(self) -> str:
        return localized(self, "agency")


@dataclass
class InForce:
    """The versions in force on one day, keyed by code, their codes in prerequisite order, and their rules
    indexed by sector prefix."""

    entries: dict[str, ProcedureEntry]
    order: list[str]
    rules: RuleIndex


@dataclass
class Catalogue:
    """Every procedure version, grouped by national code."""

    by_code: dict[str, list[ProcedureEntry]]
    _days: dict[date, InForce] = field(default_factory=dict)

    def in_force(self, on: date) -> dict[str, ProcedureEntry]:
        """The version of each code in force on ``on``."""
        return self.snapshot(on).entries

    def snapshot(self, on: date) -> InForce:
        """What is in force on ``on``, computed once per day asked for."""
        cached = self._days.get(on)
        if cached is None:
            entries = {}
            for code, versions in self.by_code.items():
                for entry in versions:
                    if entry.in_force(on):
                        entries[code] = entry
                        break
            graph = {code: {r for r in entry.requires if r in entries} for code, entry in entries.items()}
            order = list(TopologicalSorter(graph).static_order())
            if len(self._days) > 64:
                self._days.clear()
            index = RuleIndex((code, rule) for code, entry in entries.items() for rule in entry.rules)
            cached = self._days[on] = InForce(entries, order, index)
        return cached


def load() -> Catalogue:
    """Read the catalogue from the database (six queries, whatever its size)."""
    from .models import (
        ApplicabilityRule,
        Procedure,
        ProcedureDocument,
        ProcedureFee,
        ProcedurePrerequisite,
        RuleCondition,
    )

    entries: dict[int, ProcedureEntry] = {}
    for row in Procedure.objects.values("id", "code", "agency_id", "time_limit", "time_unit", "online_level",
                                        "portal_url", "effective_from", "effective_to", "applies_to_all",
                                        *all_columns("name"), *all_columns("agency__name"),
                                        *all_columns("reason_all")):
        entries[row["id"]] = ProcedureEntry(
            id=row["id"], code=row["code"], agency_id=row["agency_id"], time_limit=row["time_limit"],
            time_unit=row["time_unit"], online_level=row["online_level"], portal_url=row["portal_url"],
            effective_from=row["effective_from"], effective_to=row["effective_to"],
            applies_to_all=row["applies_to_all"], **texts(row, "name"), **texts(row, "agency__name", "agency"),
            **texts(row, "reason_all"))
    for row in ProcedureFee.objects.order_by("pk").values("procedure_id", "amount", "currency",
                                                          *all_columns("note")):
        entries[row["procedure_id"]].fees.append(Fee(row["amount"], row["currency"], **texts(row, "note")))
    for row in ProcedureDocument.objects.order_by("sort_order", "pk").values(
            "procedure_id", "copies", "original", *all_columns("name")):
        entries[row["procedure_id"]].documents.append(Document(copies=row["copies"], original=row["original"],
                                                               **texts(row, "name")))
    for procedure_id, required_code in ProcedurePrerequisite.objects.values_list("procedure_id", "requires__code"):
        entries[procedure_id].requires.add(required_code)
    conditions = defaultdict(list)
    for rule_id, group, field_name, op, value, negate in RuleCondition.objects.values_list(
            "rule_id", "group", "field", "operator", "value", "negate"):
        conditions[rule_id].append((group, field_name, op, value, negate))
    for row in ApplicabilityRule.objects.filter(active=True).values("id", "procedure_id", *all_columns("reason")):
        entries[row["procedure_id"]].rules.append(compile_rule(
            row["id"], row["reason_en"], row["reason_vi"], conditions[row["id"]],
            **texts(row, "reason", suffixes=OTHER_LANGUAGES)))
    by_code: dict[str, list[ProcedureEntry]] = defaultdict(list)
    for entry in sorted(entries.values(), key=lambda e: (e.code, e.effective_from), reverse=True):
        by_code[entry.code].append(entry)
    return Catalogue(by_code=dict(by_code))


def invalidate() -> None:
    """Tell every process to reload the catalogue."""
    _catalogue.invalidate()


_catalogue = ProcessCache(CACHE_KEY, load)


def current() -> Catalogue:
    """The catalogue, loaded once per process and reloaded after a change."""
    return _catalogue.get()
