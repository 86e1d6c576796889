"""The site finder on the demo: "5 ha, electronics, 20 MVA, within 120 km of Cat Lai port"."""

from decimal import Decimal

import pytest
from django.utils import translation

from zones.siting import SiteNeeds, find_sites

pytestmark = pytest.mark.django_db

DEMO_NEEDS = SiteNeeds(land_m2=Decimal("50000"), sector_code="26", power_mva=Decimal("20"), place_code="cat-lai",
                       max_road_km=Decimal("120"))


def test_the_demo_lists_fitting_plots_in_two_zones_and_an_adjacent_set(demo_registry):
    with translation.override("en"):
        search = find_sites(DEMO_NEEDS)
    fitting = {found.zone.code: found for found in search.fitting}
    assert {"minh-hung-3", "becamex-binh-phuoc"} <= set(fitting)
    assert search.zones[0].fits and not search.zones[-1].fits  # fitting zones first
    minh_hung = fitting["minh-hung-3"]
    words = [check.words for check in minh_hung.checks]
    assert "Cat Lai port: 106 km by road, within your 120 km" in words
    assert "Power 112 MVA available, you need 20 MVA" in words
    assert minh_hung.options[0].checks[0].words.startswith("Plot ")
    sets = [option for found in search.zones for option in found.options if option.adjacent]
    assert any(option.codes == ("B1", "B2") for option in sets)
    b1_b2 = next(option for option in sets if option.codes == ("B1", "B2"))
    assert b1_b2.checks[0].words == "Plots B1 + B2, adjacent: 9.64 ha together, you need 5 ha"
    assert all(found.zone.locale.language_code == "en" for found in search.zones)


def test_the_sites_page_lists_the_demo_sites_in_english_and_vietnamese(client, demo_registry):
    query = {"submitted": "1", "sector_code": "26", "land_area_m2": "5", "land_unit": "ha", "power_mva": "20",
             "place": "cat-lai", "max_road_km": "120"}
    response = client.get("/en/zones-api/sites/", query)
    assert response.status_code == 200
    text = response.text
    assert "Cat Lai port: 106 km by road, within your 120 km" in text
    assert "Plots B1 + B2, adjacent:" in text
    first = text.split('class="site-zone ')[1]
    assert first.startswith("site-zone-fits")
    assert "map-label" in text and '"label": "B1"' in text
    response = client.get("/vi/zones-api/sites/", query)
    assert response.status_code == 200
    assert "Cảng Cát Lái: 106 km đường bộ, trong phạm vi 120 km của bạn" in response.text
