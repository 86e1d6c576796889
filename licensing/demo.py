"""Demo content of the licensing app: agencies, legal documents, the procedure catalogue (vi + en) and the
calendar's compensatory days. Idempotent: a second run adds nothing."""

from decimal import Decimal

from django.db import transaction

from . import demo_catalogue as data
from .models import (
    Agency,
    ApplicabilityRule,
    CalendarException,
    LegalDocument,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    RuleCondition,
)


def _procedure(spec: dict, agencies: dict, documents: dict) -> Procedure:
    all_reason = spec.get("all")
    procedure, created = Procedure.objects.get_or_create(
        code=spec["code"], effective_from=spec.get("effective_from", data.V2021),
        defaults={
            "name_vi": spec["vi"], "name_en": spec["en"], "agency": agencies[spec["agency"]],
            "time_limit": spec["time"], "time_unit": spec["unit"], "online_level": spec["online"],
            "result_vi": spec["result"][0], "result_en": spec["result"][1],
            "effective_to": spec.get("effective_to"), "applies_to_all": bool(all_reason),
            "reason_all_vi": all_reason[0] if all_reason else "", "reason_all_en": all_reason[1] if all_reason else "",
        })
    if not created:
        return procedure
    procedure.legal_basis.set([documents[number] for number in spec.get("basis", [])])
    for amount, currency, note_vi, note_en in spec.get("fees", []):
        ProcedureFee.objects.create(procedure=procedure, amount=Decimal(amount), currency=currency,
                                    note_vi=note_vi, note_en=note_en)
    for order, (name_vi, name_en) in enumerate(spec.get("documents", [])):
        ProcedureDocument.objects.create(procedure=procedure, sort_order=order, name_vi=name_vi, name_en=name_en)
    for reason_vi, reason_en, conditions in spec.get("rules", []):
        rule = ApplicabilityRule.objects.create(procedure=procedure, reason_vi=reason_vi, reason_en=reason_en)
        for group, field, op, value in conditions:
            RuleCondition.objects.create(rule=rule, group=group, field=field, operator=op, value=value)
    return procedure


@transaction.atomic
def load() -> None:
    """Create the demo catalogue unless it exists."""
    agencies = {}
    for code, name_vi, name_en, level, centre in data.AGENCIES:
        agencies[code], _ = Agency.objects.get_or_create(code=code, defaults={
            "name_vi": name_vi, "name_en": name_en, "level": level, "one_stop_centre": centre})
    documents = {}
    for number, title_vi, title_en, effective in data.LEGAL_DOCUMENTS:
        documents[number], _ = LegalDocument.objects.get_or_create(number=number, defaults={
            "title_vi": title_vi, "title_en": title_en, "effective_from": effective})
    procedures = [(spec, _procedure(spec, agencies, documents)) for spec in data.PROCEDURES]
    by_code: dict[str, list[Procedure]] = {}
    for _spec, procedure in procedures:
        by_code.setdefault(procedure.code, []).append(procedure)
    for spec, procedure in procedures:
        for required_code in spec.get("requires", []):
            for required in by_code.get(required_code, []):
                if required.is_in_force(procedure.effective_to or procedure.effective_from) or \
                        len(by_code[required_code]) == 1:
                    ProcedurePrerequisite.objects.get_or_create(procedure=procedure, requires=required)
    for day, kind, reason in data.CALENDAR_EXCEPTIONS:
        CalendarException.objects.get_or_create(date=day, defaults={"kind": kind, "reason": reason})
