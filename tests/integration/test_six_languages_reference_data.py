"""Reference data read in every site language outside the pages: the leads report by sector, the VSIC loader
(which writes the other languages' names a file gives and leaves alone those it does not), and the procedure
catalogue kept for every language at once."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from core.profile import ProjectProfile
from licensing import catalogue, pathway
from licensing.models import Agency, ApplicabilityRule, Procedure, ProcedureFee, RuleCondition
from promotion import pipeline_reports
from tests.factories_leads import START, lead_officer, lead_with_history
from tests.factories_licensing import fresh_caches
from tests.factories_projects import make_sectors
from zones.models import Sector
from zones.sectors import load_classification

pytestmark = pytest.mark.django_db


def test_the_leads_report_names_sectors_in_the_asked_language(db):
    sectors = make_sectors()
    Sector.objects.filter(code="2610").update(name_en="Electronic components", name_ko="전자 부품",
                                              name_ja="電子部品", name_zh_hant="")
    Sector.objects.filter(code="10").update(name_en="Food", name_ko="", name_ja="食品", name_zh_hant="")
    officer = lead_officer("six")
    for sector in (sectors["2610"], sectors["10"]):
        lead_with_history(officer, [("enquiry", 0)], start=START + timedelta(days=1), investor_name="L",
                          country="KR", sector=sector, capital_usd=Decimal("1"), likelihood=10, jobs=1)
    korean = {row["label"] for row in pipeline_reports.by_sector(language="ko")}
    assert korean == {"2610 · 전자 부품", "10 · Food"}
    assert {row["label"] for row in pipeline_reports.by_sector(language="ja")} == {"2610 · 電子部品", "10 · 食品"}
    with translation.override("zh-hant"):
        assert {row["label"] for row in pipeline_reports.by_sector()} == {"2610 · Electronic components",
                                                                          "10 · Food"}
    with translation.override("ko"):
        assert {row["label"] for row in pipeline_reports.by_sector()} == korean


def _row(code, level, parent, **names):
    return {"code": code, "level": level, "parent": parent, "checked": True, "source": "test", **names}


def test_the_classification_loader_writes_every_language_it_is_given():
    rows = [_row("Y", "section", None, name_en="Test section", name_vi="Ngành thử", name_ko="시험 부문",
                 keywords_ko=["시험"]),
            _row("Y98", "division", "Y", name_en="Test division", name_vi="Phân ngành thử", name_ja="試験部門")]
    load_classification(rows)
    section, division = Sector.objects.get(code="Y"), Sector.objects.get(code="Y98")
    assert (section.name_ko, section.keywords_ko, division.name_ja) == ("시험 부문", "시험", "試験部門")
    with translation.override("ko"):
        assert section.name == "시험 부문" and division.name == "Test division"
    # A file without Korean names (the shipped one) leaves the Korean names alone.
    result = load_classification([_row("Y", "section", None, name_en="Test section", name_vi="Ngành thử")])
    section.refresh_from_db()
    assert (result.unchanged, section.name_ko, section.keywords_ko) == (1, "시험 부문", "시험")


def test_the_catalogue_keeps_every_language_and_the_plan_reads_the_active_one(db):
    agency = Agency.objects.create(code="six-a", level="province", name_vi="Sở", name_en="Department",
                                   name_zh_hans="厅", name_zh_hant="廳")
    procedure = Procedure.objects.create(code="SIX-C", agency=agency, time_limit=5, effective_from=date(2021, 1, 1),
                                         name_vi="Thủ tục", name_en="Procedure", name_zh_hant="程序")
    ProcedureFee.objects.create(procedure=procedure, amount=Decimal("5"), currency="VND", note_vi="Phí",
                                note_en="Fee", note_ja="手数料")
    rule = ApplicabilityRule.objects.create(procedure=procedure, reason_vi="Lý do", reason_en="Reason",
                                            reason_zh_hans="理由")
    RuleCondition.objects.create(rule=rule, field="foreign_ownership_pct", operator="gt", value="50")
    fresh_caches()
    plan = pathway.build(ProjectProfile(foreign_ownership_pct=Decimal("100")), date(2026, 3, 2))
    step = next(step for step in plan.steps if step.code == "SIX-C")
    with translation.override("zh-hant"):
        assert (step.procedure.name, step.procedure.agency, step.reasons[0].text) == ("程序", "廳", "Reason")
    with translation.override("zh-hans"):
        assert (step.procedure.name, step.procedure.agency, step.reasons[0].text) == ("Procedure", "厅", "理由")
    with translation.override("ja"):
        assert step.procedure.fees[0].note == "手数料"
    with translation.override("vi"):
        assert (step.procedure.name, step.reasons[0].text) == ("Thủ tục", "Lý do")
    assert catalogue.current().by_code["SIX-C"][0].name_zh_hant == "程序"
