"""The demo's reference data in Korean, Japanese and Chinese: every catalogue text, sector and infrastructure
feature has its four translations, and loading the demo infrastructure fills the columns."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from core.i18n import OTHER_LANGUAGES
from licensing import demo_catalogue as catalogue
from licensing.models import Procedure
from zones.demo_infrastructure import DATA as INFRASTRUCTURE
from zones.demo_infrastructure import load_infrastructure
from zones.models import InfrastructureFeature

REFERENCE = json.loads((Path(catalogue.__file__).resolve().parents[1] / "zones" / "demo_data" / "reference.json")
                       .read_text(encoding="utf-8"))


def catalogue_texts() -> set[str]:
    """Every English text of the demo catalogue that the loader writes to a translated column."""
    texts = {catalogue.DEMO_HOURS[1]}
    for _code, _vi, name_en, _level, (_centre_vi, centre_en) in catalogue.AGENCIES:
        texts.update({name_en, centre_en})
    texts.update(title_en for _number, _vi, title_en, _date in catalogue.LEGAL_DOCUMENTS)
    for spec in catalogue.PROCEDURES:
        texts.update({spec["en"], spec["result"][1], (spec.get("all") or ("", ""))[1]})
        texts.update(note_en for *_amount, note_en in spec.get("fees", []))
        texts.update(name_en for _vi, name_en in spec.get("documents", []))
        texts.update(reason_en for _vi, reason_en, _conditions in spec.get("rules", []))
    return texts - {""}


def test_every_catalogue_text_has_its_four_translations():
    missing = {text for text in catalogue_texts() if len(catalogue.other_languages("x", text)) != 4}
    assert not missing


def test_other_languages_names_the_columns():
    assert catalogue.other_languages("name", "Construction permit") == {
        "name_ko": "건축허가", "name_ja": "建築許可", "name_zh_hans": "建筑许可证", "name_zh_hant": "建築執照"}
    assert catalogue.other_languages("name", "Not in the catalogue") == {}


def test_agency_contacts_carry_the_opening_hours_in_every_language():
    contacts = next(iter(catalogue.AGENCY_CONTACTS.values()))
    assert {f"opening_hours_{suffix}" for suffix in OTHER_LANGUAGES} <= contacts.keys()


def test_every_demo_sector_is_named_in_every_language():
    codes = {row[0] for row in REFERENCE["sectors"]}
    sectors = REFERENCE["translations"]["sectors"]
    assert sectors.keys() == codes
    assert all(sectors[code].get(f"name_{suffix}") for code in codes for suffix in OTHER_LANGUAGES)
    assert sectors["2720"]["keywords_zh_hant"].split(", ")[:2] == ["電池", "鋰"]


def test_translated_units_and_places_exist():
    units = {row["code"] for row in REFERENCE["administrative_units"]}
    places = {row[0] for row in REFERENCE["places"]}
    assert REFERENCE["translations"]["administrative_units"].keys() <= units
    assert REFERENCE["translations"]["places"].keys() <= places


@pytest.mark.django_db
def test_loading_the_demo_infrastructure_fills_every_language():
    count = load_infrastructure(INFRASTRUCTURE)
    features = InfrastructureFeature.objects.all()
    assert features.count() == count
    assert all(getattr(feature, f"name_{suffix}") for feature in features for suffix in OTHER_LANGUAGES)
    port = features.get(code="cang-cai-mep")
    with translation.override("zh-hant"):
        assert (port.name, port.details) == ("蓋梅港", "深水港，巴地頭頓")
    with translation.override("ko"):
        road = features.get(code="ql14")
        assert road.name == "14번 국도"
        assert road.details == "Chon Thanh – Dong Xoai – Bu Dang – Dak Nong"  # proper names only: English


@pytest.mark.django_db
def test_a_procedure_made_with_the_catalogue_translations_reads_them():
    spec = catalogue.PROCEDURES[0]
    agency_code, agency_vi, agency_en, level, _centre = catalogue.AGENCIES[0]
    from licensing.models import Agency

    agency = Agency.objects.create(code=agency_code, name_vi=agency_vi, name_en=agency_en, level=level,
                                   **catalogue.other_languages("name", agency_en))
    procedure = Procedure.objects.create(code=spec["code"], name_vi=spec["vi"], name_en=spec["en"], agency=agency,
                                         time_limit=spec["time"], effective_from=catalogue.V2021,
                                         **catalogue.other_languages("name", spec["en"]))
    with translation.override("ja"):
        assert Procedure.objects.get(pk=procedure.pk).name == "投資方針承認（省人民委員会）"
        assert procedure.agency.name == "省人民委員会"
