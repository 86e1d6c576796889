"""Loading the demo fills the Korean, Japanese and Chinese columns of the reference data (needs the loader
changes in zones/demo.py, licensing/demo.py and portal/demo.py)."""

import pytest
from django.utils import translation

from licensing import demo as licensing_demo
from licensing.models import Agency, LegalDocument, Procedure
from portal import demo as portal_demo
from zones import demo as zones_demo
from zones.models import AdministrativeUnit, NamedPlace, Sector

pytestmark = pytest.mark.django_db


def test_the_reference_data_loads_in_every_language():
    zones_demo.load_reference()
    with translation.override("zh-hans"):
        assert Sector.objects.get(code="2610").name == "电子元件和电路板制造"
        assert Sector.objects.get(code="2720").keywords()[:2] == ["电池", "锂"]
        assert NamedPlace.objects.get(code="tan-son-nhat").name == "新山一机场"
        assert AdministrativeUnit.objects.get(code="70").name == "平福省"
        assert AdministrativeUnit.objects.get(code="70-minh-hung").name == "Minh Hung ward"  # a proper name
    with translation.override("ko"):
        assert Sector.objects.get(code="C").path() == "C 제조업"


def test_the_catalogue_loads_in_every_language():
    licensing_demo.load_catalogue()
    with translation.override("ja"):
        permit = Procedure.objects.get(code="XD-02")
        assert (permit.name, permit.result) == ("建築許可", "建築許可")
        assert permit.fees.get().note == "許可手数料（デモ用の金額）"
        assert permit.documents.first().name == "建築許可申請書"
        assert permit.rules.get().reason.startswith("区域外での建設")
        reason = Procedure.objects.filter(code="DN-01").first().reason_all
        assert reason == "すべての新規事業は実施のために企業を設立する"
        agency = Agency.objects.get(code="bql-kkt")
        assert (agency.name, agency.one_stop_centre) == ("省経済区管理委員会", "経済区管理委員会ワンストップ窓口")
        assert agency.opening_hours.startswith("月曜日～金曜日")
        assert LegalDocument.objects.get(number="61/2020/QH14").title == "投資法"


def test_the_site_settings_load_in_every_language(home_page):
    site_settings = portal_demo.ensure_site_settings()
    assert site_settings.localized("footer_text", "zh-hant") == "示範內容：數據與邊界僅供示意。"
    assert site_settings.localized("organisation_name", "ko") == "투자촉진센터 (데모)"
