"""The Find a site page (en, vi), the zone page's fitting plots and the one area unit across table, map and
filter."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import zone_index
from tests.factories_siting import plot_row
from tests.factories_zones import make_zone
from zones import profiles, units

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"
NEEDS = {"submitted": "1", "land_area_m2": "5", "land_unit": "ha"}


@pytest.fixture
def park(home_page):
    zone = make_zone(zone_index(home_page), "park", "Park")
    plot_row(zone, [600, 300, 300, 300], [30, 0, 11], codes=["R1", HOSTILE, "R3", "R4"])
    zone.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True).save_revision().publish()
    return zone


def sites_url(language: str) -> str:
    return f"/{language}/zones-api/sites/"


@pytest.mark.parametrize(("language", "fits", "adjacent"), [
    ("en", "Fits:", "adjacent: 6 ha together, you need 5 ha"),
    ("vi", "Phù hợp:", "liền kề: tổng cộng 6 ha, bạn cần 5 ha"),
])
def test_the_sites_page_lists_the_options_with_reasons_and_escapes_plot_codes(client, park, language, fits,
                                                                              adjacent):
    response = client.get(sites_url(language), NEEDS)
    assert response.status_code == 200
    text = response.text
    assert fits in text and adjacent in text
    assert HOSTILE not in text and "alert(1)" in text  # the code is shown, escaped, in the list and the map
    assert "&lt;script&gt;alert(1)&lt;/script&gt; + R3" in text
    # The map label (a Leaflet tooltip, set as HTML): escaped HTML inside escaped JSON.
    assert '"label": "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;"' in text
    assert 'class="map-label"' not in text and "map-label" in text
    assert f'<a href="/{language}/zones/park/">' in text  # the zone page in the page's language
    assert profiles.stored(response.wsgi_request)["land_unit"] == "ha"  # the submitted needs are kept


def test_the_sites_page_is_prefilled_from_the_kept_profile_and_keeps_its_other_answers(client, park):
    client.get(reverse("zones:profile"))
    session = client.session
    session[profiles.SESSION_KEY] = {"land_area_m2": "50000", "capital_usd": "20000000"}
    session.save()
    response = client.get(sites_url("en"))
    assert response.context["search"] is not None  # the kept profile is judged at once
    assert 'name="capital_usd" value="20000000"' in response.text  # not asked here, kept through a submit
    assert response.context["form"]["land_area_m2"].value() == "50000"


@pytest.mark.parametrize(("query", "field", "message"), [
    ({"power_mva": "-5"}, "Power needed (MVA)", "greater than or equal to 0"),
    ({"land_area_m2": "abc"}, "Land needed", "Enter a number"),
    ({"max_road_km": "50"}, "At most (km by road)", "A distance needs a place"),
    ({"water_m3_day": "1e30"}, "Water needed (m³/day)", ""),
    ({"place": "nowhere"}, "Near a place", "Select a valid choice"),
    ({"land_budget_usd": "9" * 40}, "Land budget (USD)", ""),
])
def test_bad_input_gives_errors_naming_the_field_never_a_server_error(client, park, query, field, message):
    response = client.get(sites_url("en"), {"submitted": "1", **query})
    assert response.status_code == 200
    summary = response.text.split('data-testid="error-summary"')[1].split("</ul>")[0]
    links = re.findall(r'<a href="#id_\w+">([^<]*)</a>', summary)
    assert any(link.startswith(f"{field}:") and message in link for link in links)
    assert response.context["search"] is None


def test_the_zone_page_marks_the_fitting_plots_in_the_table_and_the_map(client, park):
    client.get(sites_url("en"), NEEDS)
    text = client.get(park.url).text
    table = text.split('class="plots-table"')[1].split("</table>")[0]
    assert table.count("Fits your project") == 3  # R1 alone; the hostile plot + R3 together; R4 not
    row = table.split("R4")[1].split("</tr>")[0]
    assert "Fits your project" not in row
    assert "map-plot-fits" in text and "Fits your project (outlined, labelled)" in text


def test_one_unit_for_table_popup_and_filter(client, park):
    index_url = park.get_parent().url
    text = client.get(park.url, {"unit": "m2"}).text
    assert "Area (m²)" in text and "Area: 59,984 m²" in text.replace("\\u00b2", "²")
    assert "A site of at least (m²)" in client.get(index_url).text  # the choice is kept for the visit
    text = client.get(park.url).text
    assert "Area (m²)" in text
    text = client.get(park.url, {"unit": "ha"}).text
    assert "Area (ha)" in text and "Area: 6 ha" in text
    assert "A site of at least (ha)" in client.get(index_url).text
    # The filter reads the site size in the unit chosen: 50,000 m² is 5 ha.
    client.get(park.url, {"unit": "m2"})
    found = client.get(index_url, {"min_available_ha": "50000"}).context["zones"]
    assert [zone.code for zone in found] == ["park"]
    assert client.get(index_url, {"min_available_ha": "70000"}).context["zones"] == []


def test_switching_the_unit_converts_the_site_size_already_typed(client, park):
    index_url = park.get_parent().url
    client.get(index_url, {"unit": "ha"})
    request = client.get(index_url, {"min_available_ha": "5"}).context["request"]
    links = {link["unit"]: link["url"] for link in units.switch(request)}
    assert "min_available_ha=50000" in links["m2"] and "unit=m2" in links["m2"]
    assert "min_available_ha=5" in links["ha"]
    found = client.get(links["m2"]).context["zones"]  # the same 5 ha, now written in m²
    assert [zone.code for zone in found] == ["park"]
