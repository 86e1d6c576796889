"""The admin edits the Korean, Japanese and Chinese columns in a collapsed "Other languages" panel beside the
Vietnamese and English ones."""

import pytest
from wagtail.admin.panels import MultiFieldPanel, get_edit_handler

from core.i18n import OTHER_LANGUAGES
from licensing.models import (
    Agency,
    ApplicabilityRule,
    EnvironmentalCriterion,
    LegalDocument,
    PollutingActivity,
    Procedure,
    ProcedureDocument,
    ProcedureFee,
    ProcedureStep,
)
from portal.models import SiteSettings
from zones.models import AdministrativeUnit, EligibilityRule, InfrastructureFeature, NamedPlace, Sector

TRANSLATED = [
    (AdministrativeUnit, ["name"]), (Sector, ["name", "keywords"]), (NamedPlace, ["name"]),
    (InfrastructureFeature, ["name", "details"]), (EligibilityRule, ["reason"]), (ApplicabilityRule, ["reason"]),
    (Agency, ["name", "one_stop_centre", "opening_hours"]), (LegalDocument, ["title"]),
    (Procedure, ["name", "result", "reason_all"]), (PollutingActivity, ["name", "unit"]),
    (EnvironmentalCriterion, ["text"]), (SiteSettings, ["organisation_name", "address", "footer_text"]),
]


def other_language_panels(panel):
    """The "Other languages" panels under ``panel``."""
    found = [panel] if isinstance(panel, MultiFieldPanel) and str(panel.heading) == "Other languages" else []
    for child in getattr(panel, "children", []):
        found += other_language_panels(child)
    return found


@pytest.mark.parametrize(("model", "fields"), TRANSLATED, ids=[model.__name__ for model, _fields in TRANSLATED])
def test_the_other_languages_are_in_a_collapsed_panel(model, fields):
    handler = get_edit_handler(model)
    wanted = {f"{field}_{suffix}" for field in fields for suffix in OTHER_LANGUAGES}
    assert wanted <= set(handler.get_form_class().base_fields)
    panels = other_language_panels(handler)
    assert panels and all("collapsed" in panel.classname for panel in panels)
    assert wanted == {name for panel in panels for name in panel.get_form_options()["fields"]}


@pytest.mark.parametrize("model", [ProcedureFee, ProcedureDocument, ProcedureStep])
def test_the_procedure_children_edit_their_other_languages(model):
    field = "note" if model is ProcedureFee else "name"
    panels = [panel for panel in model.panels if isinstance(panel, MultiFieldPanel)]
    names = {child.field_name for panel in panels for child in panel.children}
    assert names == {f"{field}_{suffix}" for suffix in OTHER_LANGUAGES}
