"""Which cached public pages show the procedure catalogue (``core.page_cache``): a procedure, its fees, documents,
steps, prerequisites and applicability rules are shown on the procedure list, the procedure's page and the plan;
an agency on the pages of its procedures and the performance page."""

from django.db.models.signals import m2m_changed

from core import page_cache

from .models import (
    Agency,
    ApplicabilityRule,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedurePrerequisite,
    ProcedureStep,
    RuleCondition,
)


def procedure_paths(procedure: Procedure) -> list[str]:
    """The procedure list, the procedure's own page and the plan, in every language."""
    return (page_cache.route_paths("licensing:procedures") + page_cache.route_paths("licensing:plan")
            + page_cache.route_paths("licensing:procedure", code=procedure.code))


def _part_paths(part) -> list[str]:
    procedure = Procedure.objects.filter(pk=part.procedure_id).first()
    return procedure_paths(procedure) if procedure is not None else []


def _condition_paths(condition: RuleCondition) -> list[str]:
    rule = ApplicabilityRule.objects.filter(pk=condition.rule_id).first()
    return _part_paths(rule) if rule is not None else []


def agency_paths(agency: Agency) -> list[str]:
    """The pages of the agency's procedures and the performance page."""
    paths = page_cache.route_paths("licensing:performance")
    for procedure in Procedure.objects.filter(agency=agency).only("code"):
        paths += procedure_paths(procedure)
    return paths


def _legal_basis_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Procedure):
        page_cache.purge(instance)


def connect() -> None:
    """Register this app's paths (from ``LicensingConfig.ready``)."""
    page_cache.register(Procedure, procedure_paths)
    for part in (ProcedureDocument, ProcedureFee, ProcedurePrerequisite, ProcedureStep, ApplicabilityRule):
        page_cache.register(part, _part_paths)
    page_cache.register(RuleCondition, _condition_paths)
    page_cache.register(Agency, agency_paths)
    m2m_changed.connect(_legal_basis_changed, sender=Procedure.legal_basis.through,
                        dispatch_uid="licensing.page_cache.legal_basis")
