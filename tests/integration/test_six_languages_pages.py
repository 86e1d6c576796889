"""Every page and export reads reference data in the visitor's language: the plan, the procedure catalogue, the
dashboard and its CSV export in Korean show the Korean names, in Japanese the Japanese ones; a name missing in
the visitor's language falls back to English, marked lang="en"."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from licensing.models import Agency, ApplicabilityRule, Procedure, ProcedureDocument, ProcedureFee, RuleCondition
from projects.models import Project
from projects.services import Share
from tests.factories import zone_index
from tests.factories_licensing import fresh_caches
from tests.factories_projects import dashboard_url, investor, make_sectors, project
from tests.factories_zones import make_zone
from zones.models import Sector

pytestmark = pytest.mark.django_db
PLAN = {"submitted": "1", "foreign_ownership_pct": "100", "zone_kind": "industrial_park"}


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def procedures(home_page):
    """An agency and two procedures named in Korean and Japanese (one of them applying to every project, the
    other by a rule), and a third procedure, with its agency, that has no Korean name."""
    board = Agency.objects.create(code="bql-six", level="zone_board", name_vi="Ban Quản lý", name_en="Zone board",
                                  name_ko="경제구역 관리위원회", name_ja="経済区管理委員会")
    finance = Agency.objects.create(code="stc-six", level="province", name_vi="Sở Tài chính",
                                    name_en="Department of Finance", name_ja="財務局")
    certificate = Procedure.objects.create(
        code="SIX-01", agency=board, time_limit=15, effective_from=date(2021, 1, 1), applies_to_all=True,
        name_vi="Cấp giấy chứng nhận", name_en="Investment certificate", name_ko="투자등록증 발급",
        name_ja="投資登録証明書の発行", reason_all_vi="Mọi dự án", reason_all_en="Every project",
        reason_all_ko="모든 프로젝트", reason_all_ja="すべてのプロジェクト")
    ProcedureFee.objects.create(procedure=certificate, amount=Decimal("1000"), currency="VND",
                                note_vi="Phí", note_en="Appraisal fee", note_ko="심사 수수료", note_ja="審査手数料")
    ProcedureDocument.objects.create(procedure=certificate, name_vi="Đơn", name_en="Application form",
                                     name_ko="신청서", name_ja="申請書")
    foreign = Procedure.objects.create(
        code="SIX-02", agency=board, time_limit=10, effective_from=date(2021, 1, 1),
        name_vi="Thủ tục nước ngoài", name_en="Foreign investor procedure", name_ko="외국인 투자 절차",
        name_ja="外国投資手続")
    rule = ApplicabilityRule.objects.create(procedure=foreign, reason_vi="Vốn nước ngoài",
                                            reason_en="Foreign-owned", reason_ko="외국인 소유",
                                            reason_ja="外国資本")
    RuleCondition.objects.create(rule=rule, field="foreign_ownership_pct", operator="gt", value="50")
    Procedure.objects.create(code="SIX-03", agency=finance, time_limit=5, effective_from=date(2021, 1, 1),
                             applies_to_all=True, name_vi="Mã số thuế", name_en="Tax code", name_ja="税番号",
                             reason_all_vi="Mọi dự án", reason_all_en="Every project")
    fresh_caches()


def test_the_plan_in_korean_shows_the_korean_names(client, procedures):
    page = text(client.get(url("licensing:plan", "ko"), PLAN))
    assert "투자등록증 발급" in page and "외국인 투자 절차" in page and "경제구역 관리위원회" in page
    assert "모든 프로젝트" in page and "외국인 소유" in page and "심사 수수료" in page and "신청서" in page
    assert "Investment certificate" not in page and "Foreign-owned" not in page and "Appraisal fee" not in page
    # Neither SIX-03 nor its agency has a Korean name: English, marked as such.
    assert '<span lang="en">Tax code</span>' in page and '<span lang="en">Department of Finance</span>' in page
    assert '<span lang="en">Every project</span>' in page
    assert '<span lang="en">투자등록증 발급' not in page


def test_the_plan_in_japanese_shows_the_japanese_names(client, procedures):
    page = text(client.get(url("licensing:plan", "ja"), PLAN))
    assert "投資登録証明書の発行" in page and "外国投資手続" in page and "経済区管理委員会" in page and "財務局" in page
    assert "外国資本" in page and "審査手数料" in page and "申請書" in page and "税番号" in page
    assert "경제구역" not in page and "Zone board" not in page


def test_the_procedure_catalogue_in_korean_and_japanese(client, procedures):
    korean = text(client.get(url("licensing:procedures", "ko")))
    assert "경제구역 관리위원회" in korean and "투자등록증 발급" in korean and "외국인 투자 절차" in korean
    assert '<span lang="en">Department of Finance</span>' in korean and '<span lang="en">Tax code</span>' in korean
    japanese = text(client.get(url("licensing:procedures", "ja")))
    assert "経済区管理委員会" in japanese and "財務局" in japanese and "税番号" in japanese
    assert "Tax code" not in japanese and "Department of Finance" not in japanese


def test_a_procedure_page_in_korean(client, procedures):
    with translation.override("ko"):
        page = text(client.get(reverse("licensing:procedure", args=["SIX-01"])))
    assert "<h1>투자등록증 발급</h1>" in page and "심사 수수료" in page and "신청서" in page
    assert "경제구역 관리위원회" in page and "Appraisal fee" not in page


@pytest.fixture
def registry(home_page):
    """Projects in a sector class named in Korean and Japanese, and in a division without a Korean name; one
    project in a zone whose page is translated into Simplified Chinese."""
    sectors = make_sectors()
    Sector.objects.filter(code="26").update(name_en="Electronics", name_ko="전자", name_ja="電子機器", name_zh_hans="")
    Sector.objects.filter(code="2610").update(name_en="Electronic components", name_ko="전자 부품", name_ja="電子部品",
                                              name_zh_hans="")
    Sector.objects.filter(code="10").update(name_en="Food", name_ko="", name_ja="食品", name_zh_hans="")
    korean = investor("Hanil", "KR")
    zone = make_zone(zone_index(home_page), "six-zone", "Six Languages Industrial Park")
    chinese = zone.copy_for_translation(Locale.objects.get(language_code="zh-hans"), copy_parents=True)
    chinese.title = "六语工业园"
    chinese.save_revision().publish()
    electronics = project("SIX-P1", shares=[Share(korean, Decimal("100"))], sector=sectors["2610"],
                          capital=Decimal("3000000"))
    Project.objects.filter(pk=electronics.pk).update(zone=zone)
    project("SIX-P2", shares=[Share(korean, Decimal("100"))], sector=sectors["10"])


def test_the_dashboard_names_sectors_in_korean_and_japanese(client, registry):
    korean = text(client.get(dashboard_url("ko", period="year", year=2021)))
    top = korean[korean.index('data-table="sector"'):]
    top = top[:top.index("</table>")]
    assert "26 – 전자" in top and '<td lang="en">10 – Food</td>' in top and "Electronics" not in top
    assert '<option value="26">26 – 전자</option>' in korean
    japanese = text(client.get(dashboard_url("ja", period="year", year=2021)))
    assert "26 – 電子機器" in japanese and "<td>10 – 食品</td>" in japanese and 'lang="en">10 – Food' not in japanese


def test_the_dashboard_names_projects_with_their_fallback_marked(client, registry):
    korean = text(client.get(dashboard_url("ko", period="year", year=2021)))
    assert '<span lang="en">Project SIX-P1</span>' in korean
    english = text(client.get(dashboard_url("en", period="year", year=2021)))
    assert ">Project SIX-P1</a>" in english and '<span lang="en">Project SIX-P1' not in english


def test_the_dashboard_in_chinese_uses_the_chinese_zone_title(client, registry):
    page = text(client.get(dashboard_url("zh-hans", period="year", year=2021)))
    top_zones = page[page.index('data-table="zone"'):]
    assert "<td>六语工业园</td>" in top_zones[:top_zones.index("</table>")]
    latest = page[page.index("dashboard-projects"):]
    assert "<td>六语工业园</td>" in latest[:latest.index("</table>")]
    assert '<option value="six-zone">六语工业园</option>' in page


def export(client, language: str) -> list[list[str]]:
    with translation.override(language):
        response = client.get(reverse("projects:export_csv"), {"period": "year", "year": "2021"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_export_names_sectors_in_the_page_language(client, registry):
    for language, electronics, food in [("ko", "전자 부품", "Food"), ("ja", "電子部品", "食品"),
                                        ("zh-hans", "Electronic components", "Food")]:
        rows = export(client, language)
        code, name, zone = (rows[0].index(title) for title in (_title("Sector (VSIC)", language),
                                                               _title("Sector", language), _title("Zone", language)))
        by_code = {row[code]: (row[name], row[zone]) for row in rows[1:]}
        assert by_code["2610"][0] == electronics and by_code["10"][0] == food
        if language == "zh-hans":
            assert by_code["2610"][1] == "六语工业园"


def _title(english: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(english)
