"""Sectors in plain words: loading the VSIC classification, the picker's suggestions, the sector field that
takes words or codes, and sector names wherever a rule names a code."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from core import text as core_text
from projects.models import Project
from search.backends import get_backend
from search.registry import REGISTRY
from tests.factories import zone_index
from tests.factories_projects import project as make_project
from tests.factories_zones import incentive_index, make_policy, make_zone, rule
from zones.forms import InvestorProfileForm
from zones.models import Sector
from zones.sectors import MAX_QUERY_LENGTH, load_classification, resolve

pytestmark = pytest.mark.django_db


def row(code, level, parent, name_en, name_vi, keywords_en=(), keywords_vi=(), checked=False):
    return {"code": code, "level": level, "parent": parent, "name_en": name_en, "name_vi": name_vi,
            "keywords_en": list(keywords_en), "keywords_vi": list(keywords_vi), "checked": checked,
            "source": "test rows"}


ROWS = [
    row("C", "section", None, "Manufacturing", "Công nghiệp chế biến, chế tạo"),
    row("D", "section", None, "Electricity, gas, steam and air conditioning supply", "Sản xuất và phân phối điện"),
    row("14", "division", "C", "Manufacture of wearing apparel", "Sản xuất trang phục", ["garment"], ["may mặc"]),
    row("141", "group", "14", "Manufacture of wearing apparel, except fur apparel", "May trang phục"),
    row("1410", "class", "141", "Manufacture of wearing apparel, except fur apparel", "May trang phục",
        ["garment", "clothing"], ["may mặc"]),
    row("26", "division", "C", "Manufacture of computer, electronic and optical products",
        "Sản xuất sản phẩm điện tử, máy vi tính và sản phẩm quang học"),
    row("261", "group", "26", "Manufacture of electronic components and boards", "Sản xuất linh kiện điện tử"),
    row("2610", "class", "261", "Manufacture of electronic components and boards", "Sản xuất linh kiện điện tử",
        ["electronics", "semiconductor", "chip", "solar panel"], ["điện tử", "bán dẫn"], checked=True),
    row("26100", "subclass", "2610", "Manufacture of electronic components and boards",
        "Sản xuất linh kiện điện tử"),
    row("35", "division", "D", "Electricity, gas, steam and air conditioning supply", "Sản xuất và phân phối điện"),
    row("351", "group", "35", "Electric power generation, transmission and distribution", "Sản xuất, truyền tải điện"),
    row("3511", "class", "351", "Electric power generation", "Sản xuất điện", ["power plant"], ["nhà máy điện"]),
    row("35116", "subclass", "3511", "Solar power generation", "Điện mặt trời", ["solar farm"],
        ["năng lượng mặt trời"]),
]
CODES = [r["code"] for r in ROWS]


def index(codes=CODES):
    """Index the search documents of the sectors ``codes`` only (the tests know nothing of the others)."""
    definition = REGISTRY["sector"]
    sectors = definition.queryset(Sector).filter(code__in=codes)
    get_backend().bulk(doc for sector in sectors for doc in definition.documents(sector))


@pytest.fixture
def sectors():
    load_classification(ROWS)
    index()
    return {sector.code: sector for sector in Sector.objects.filter(code__in=CODES)}


def suggest(client, q, language="en"):
    response = client.get(f"/{language}/zones-api/sectors/suggest/", {"q": q})
    assert response.status_code == 200
    return response, [item["code"] for item in response.json()["results"]]


# Loading the classification


def test_loading_updates_by_code_keeps_rows_and_links_and_writes_parents_first():
    Sector.objects.filter(code__startswith="2610").exclude(code="2610").delete()
    division, _ = Sector.objects.update_or_create(code="26", defaults={"level": "division", "name_vi": "cũ"})
    old, _ = Sector.objects.update_or_create(code="2610", defaults={
        "level": "class", "parent": division, "name_vi": "cũ", "name_en": "old name"})
    project = make_project("P-VSIC", sector=old)
    children_first = list(reversed(ROWS))  # parents always earlier in the file; the loader must not rely on it
    result = load_classification(children_first)
    assert result.created >= 1 and result.updated >= 2
    sector = Sector.objects.select_related("parent__parent__parent").get(code="2610")
    assert sector.pk == old.pk and Project.objects.get(pk=project.pk).sector_id == old.pk
    assert sector.parent.code == "261" and sector.parent.parent.code == "26" and sector.parent.parent.parent.code == "C"
    assert (sector.name_en, sector.checked) == ("Manufacture of electronic components and boards", True)
    assert sector.keywords("en") == ["electronics", "semiconductor", "chip", "solar panel"]
    assert sector.keywords("vi") == ["điện tử", "bán dẫn"]
    assert Sector.objects.get(code="26100").parent_id == sector.pk
    again = load_classification(ROWS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(ROWS))


def test_loading_refuses_a_row_whose_parent_is_missing():
    with pytest.raises(ValueError, match="9999"):
        load_classification([row("99999", "subclass", "9999", "Orphan", "Mồ côi")])
    assert not Sector.objects.filter(code="99999").exists()


def test_load_vsic_command_reads_a_file_and_indexes(tmp_path, capsys):
    path = tmp_path / "vsic.json"
    path.write_text(json.dumps({"rows": ROWS}, ensure_ascii=False), encoding="utf-8")
    call_command("load_vsic", "--file", str(path))
    assert "Search documents written" in capsys.readouterr().out
    assert Sector.objects.get(code="35116").path("en") == (
        "D Electricity, gas, steam and air conditioning supply › 35 Electricity, gas, steam and air conditioning "
        "supply › 351 Electric power generation, transmission and distribution › 3511 Electric power generation "
        "› 35116 Solar power generation")


def test_a_sector_shows_its_code_and_name_in_the_active_language(sectors):
    sector = sectors["2610"]
    assert str(sector) == sector.display_name == "2610 · Manufacture of electronic components and boards"
    with translation.override("vi"):
        assert sector.display_name == "2610 · Sản xuất linh kiện điện tử"
        assert sector.path().startswith("C Công nghiệp chế biến, chế tạo › 26 Sản xuất sản phẩm điện tử")


# The picker


def test_picker_finds_sectors_by_words_in_both_languages_and_shows_their_path(client, sectors):
    response, codes = suggest(client, "electronics")
    assert codes[0] == "2610"
    first = response.json()["results"][0]
    assert first["label"] == "2610 · Manufacture of electronic components and boards"
    assert first["path"].startswith("C Manufacturing › 26 Manufacture of computer, electronic and optical products")
    assert first["parents"] == ("C Manufacturing › 26 Manufacture of computer, electronic and optical products › "
                                "261 Manufacture of electronic components and boards")
    assert suggest(client, "semiconductor")[1][0] == "2610"
    assert suggest(client, "điện tử")[1][0] == "2610"
    assert suggest(client, "dien tu")[1][0] == "2610"
    _response, vi_codes = suggest(client, "electronics", "vi")
    assert vi_codes[0] == "2610"
    assert _response.json()["results"][0]["label"] == "2610 · Sản xuất linh kiện điện tử"
    assert {"14", "1410"} <= set(suggest(client, "garment")[1])
    assert "2610" in suggest(client, "electr")[1]  # while typing: the beginning of a word of the name


@pytest.mark.skipif(not hasattr(core_text, "stem"), reason="needs the search's English stemming")
def test_picker_finds_plural_words(client, sectors):
    assert suggest(client, "solar panels")[1][0] == "2610"


def test_picker_finds_codes_and_code_beginnings(client, sectors):
    assert suggest(client, "2610")[1][0] == "2610"
    assert suggest(client, "C2610")[1][0] == "2610"
    assert suggest(client, "261")[1][:3] == ["261", "2610", "26100"]
    assert suggest(client, "c")[1][0] == "C" and "14" in suggest(client, "C")[1]


def test_picker_answers_hostile_and_long_input_safely_and_is_cacheable(client, sectors):
    response, codes = suggest(client, "<script>alert(1)</script>")
    assert codes == [] and "<script>" not in response.content.decode().replace("\\u003c", "<").split('"results"')[1]
    for q in ["' OR 1=1 --", '"', "*", "NEAR(", "%", "\x00"]:
        assert suggest(client, q)[0].status_code == 200
    long = "electronics " * 500
    response, codes = suggest(client, long)
    assert len(response.json()["query"]) == MAX_QUERY_LENGTH and len(codes) <= 10
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert len(suggest(client, "manufacture")[1]) <= 10


# The sector field


def test_sector_field_resolves_codes_and_a_clear_best_match(sectors):
    for typed in ("2610", "C2610", "c2610", "electronics", "điện tử", "semiconductor"):
        form = InvestorProfileForm({"sector_code": typed})
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["sector_code"] == "2610" and form.sector.code == "2610"
        assert form.profile().sector_code == "2610"


def test_sector_field_offers_the_matches_to_choose_from_when_several_are_as_good(sectors):
    Sector.objects.filter(code__in=["1410", "3511"]).update(keywords_en="uniforms")
    index()
    assert resolve("uniforms").sector is None
    form = InvestorProfileForm({"sector_code": "uniforms"})
    assert not form.is_valid()
    assert {sector.code for sector in form.sector_choices} == {"1410", "3511"}
    assert "matches several sectors" in form.errors["sector_code"][0]
    chosen = InvestorProfileForm({"sector_code": "uniforms", "sector_choice": "3511"})
    assert chosen.is_valid() and chosen.cleaned_data["sector_code"] == "3511"


def test_sector_field_says_when_nothing_matches(client, sectors):
    form = InvestorProfileForm({"sector_code": "xylophone repair"})
    assert not form.is_valid() and "No sector matches “xylophone repair”" in form.errors["sector_code"][0]
    form = InvestorProfileForm({"sector_code": "2999"})
    assert not form.is_valid() and "No sector has the VSIC code “2999”" in form.errors["sector_code"][0]
    text = client.get(reverse("zones:incentive_finder"), {"submitted": "1", "sector_code": "xylophone"}).text
    assert "Sector: No sector matches “xylophone”" in text


# Names wherever a code is


def test_rule_conditions_name_their_sectors(client, home_page, sectors):
    policies = incentive_index(home_page)
    make_policy(policies, "electronics-policy", [rule("Electronics", ("zone_kind", "in", "industrial_park"),
                                                      ("sector_code", "prefix", "26"))], title="Electronics policy")
    zone = make_zone(zone_index(home_page), "sector-zone")
    text = client.get(zone.url).text
    assert "26 · Manufacture of computer, electronic and optical products" in text
    finder = client.get(reverse("zones:incentive_finder"), {"submitted": "1", "sector_code": "2610",
                                                            "zone_kind": "industrial_park"}).text
    assert "Electronics policy" in finder and "26 · Manufacture of computer, electronic and optical products" in finder


def test_project_search_documents_carry_the_sectors_code_name_and_keywords(sectors):
    from projects.search_documents import project_documents

    documents = {doc.locale: doc for doc in project_documents(make_project("P-DOC", sector=sectors["2610"]))}
    assert "Manufacture of electronic components and boards" in documents["en"].summary
    assert "2610" in documents["en"].body and "electronics" in documents["en"].body
    assert "điện tử" in documents["vi"].body
