"""One project profile, asked once: kept in the session or the account, copied at sign-in, shared by a link
that is only used when the visitor says so, and read by the incentive finder, the zone pages, the zone index
and the licensing plan."""

import pytest
from django.urls import reverse

from tests.factories import zone_index
from tests.factories_licensing import load_catalogue, user
from tests.factories_zones import incentive_index, make_plots, make_policy, make_zone, rule
from tests.integration.test_zones_sectors import ROWS, index
from zones import profiles
from zones.models import NamedPlace, SavedProfile
from zones.sectors import load_classification

pytestmark = pytest.mark.django_db

FINDER = reverse("zones:incentive_finder")
PROFILE = reverse("zones:profile")
ELECTRONICS = {"submitted": "1", "sector_code": "electronics", "capital_usd": "20000000", "land_area_m2": "50000",
               "foreign_ownership_pct": "100", "zone_kind": "industrial_park", "employees": "300"}


@pytest.fixture
def sectors(home_page):
    load_classification(ROWS)
    index()


@pytest.fixture
def high_tech_zone(home_page, sectors):
    """A park with a high-tech incentive (the issue's case) and a large-project incentive."""
    policies = incentive_index(home_page)
    make_policy(policies, "high-tech", [rule("the project applies high technology",
                                             ("zone_kind", "in", "industrial_park"), ("high_tech", "eq", "true"))],
                title="High-tech incentive")
    make_policy(policies, "large", [rule("large projects", ("zone_kind", "in", "industrial_park"),
                                         ("capital_usd", "gte", "6000000"))], title="Large project incentive")
    zone = make_zone(zone_index(home_page), "profile-park", "Profile Park")
    make_plots(zone, 4, side_m=230)  # 4 plots of 5.29 ha, 21 ha available
    return zone


def kept(client) -> dict:
    return client.session.get(profiles.SESSION_KEY, {})


def test_the_incentive_finder_understands_electronics_and_keeps_the_profile(client, high_tech_zone):
    response = client.get(FINDER, ELECTRONICS)
    text = response.text
    assert response.status_code == 200 and "Enter a valid value" not in text
    assert "Sector: 2610 · Manufacture of electronic components and boards" in text
    assert "Large project incentive" in text
    assert kept(client)["sector_code"] == "2610" and kept(client)["capital_usd"] == "20000000"
    # Coming back: the form is filled in from the kept profile and the panel says it in words.
    again = client.get(FINDER)
    assert again.context["form"]["sector_code"].value() == "2610"
    panel = again.text.split('class="profile-panel"')[1].split("</aside>")[0]
    assert ("Manufacture of electronic components and boards (2610) · 20 million USD · 5 ha · 100% foreign · "
            "300 employees · Industrial park") in panel
    assert 'Change</a>' in panel and "Share</a>" in panel


def test_the_panel_invites_a_visitor_without_a_profile(client, high_tech_zone):
    panel = client.get(FINDER).text.split('class="profile-panel"')[1].split("</aside>")[0]
    assert "Describe your project" in panel and "Share" not in panel


def test_the_panel_speaks_vietnamese(client, high_tech_zone):
    client.get(FINDER, ELECTRONICS)
    text = client.get("/vi/zones-api/incentive-finder/").text
    assert "Sản xuất linh kiện điện tử (2610) · 20 triệu USD · 5 ha · 100% nước ngoài" in text


def test_a_signed_in_investor_keeps_the_profile_in_the_account(client, high_tech_zone):
    investor = user("profile-investor")
    client.force_login(investor)
    client.get(FINDER, ELECTRONICS)
    assert SavedProfile.objects.get(user=investor).data["sector_code"] == "2610"
    client.logout()
    client.force_login(investor)  # a new session: read from the account
    assert client.get(FINDER).context["form"]["sector_code"].value() == "2610"


def test_signing_in_copies_the_visitors_profile_to_the_account(client, high_tech_zone):
    investor = user("profile-signin")
    client.get(FINDER, ELECTRONICS)
    assert not SavedProfile.objects.filter(user=investor).exists()
    client.force_login(investor)
    assert SavedProfile.objects.get(user=investor).data["capital_usd"] == "20000000"


def test_a_shared_link_shows_the_profile_and_is_only_used_after_the_visitors_click(client, high_tech_zone):
    client.get(FINDER, ELECTRONICS)
    mine = dict(kept(client))
    link = profiles.share_url({"sector_code": "1410", "capital_usd": "3000000", "foreign_ownership_pct": "0"})
    assert link.startswith(PROFILE) and "shared=1" in link
    page = client.get(link)
    text = page.text
    assert "Someone shared this project with you" in text
    assert "Manufacture of wearing apparel, except fur apparel (1410) · 3 million USD · domestic" in text
    assert "Using it replaces your own project profile" in text
    assert kept(client) == mine  # opening the link changed nothing
    assert client.get(FINDER).context["form"]["sector_code"].value() == "2610"
    fields = dict(__import__("re").findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', text))
    client.post(PROFILE, {**fields, "action": "save"})
    assert kept(client)["sector_code"] == "1410" and "land_area_m2" not in kept(client)


def test_the_profile_page_shows_shares_and_clears_the_profile(client, high_tech_zone):
    assert "Describe your project once" in client.get(PROFILE).text
    response = client.post(PROFILE, {"sector_code": "semiconductor", "capital_usd": "1500000", "action": "save",
                                     "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == PROFILE  # never off the site
    text = client.get(PROFILE).text
    assert "1.5 million USD" in text and 'id="share-link"' in text and "sector_code=2610" in text
    client.post(PROFILE, {"action": "clear"})
    assert kept(client) == {}


def test_what_is_kept_is_bounded_to_the_forms_fields(client, high_tech_zone):
    client.get(FINDER, {**ELECTRONICS, "evil": "x" * 5000, "employees": "300"})
    assert set(kept(client)) <= set(profiles.field_names()) and "evil" not in kept(client)
    assert profiles.clean_values({"sector_code": "a" * 5000, "other": "b", "employees": ["1"]}) == {
        "sector_code": "a" * profiles.MAX_VALUE_LENGTH}
    # A broken session entry or account row reads as no profile, never as an error.
    session = client.session
    session[profiles.SESSION_KEY] = {"capital_usd": "not a number"}
    session.save()
    assert client.get(FINDER).status_code == 200
    session[profiles.SESSION_KEY] = "garbage"
    session.save()
    assert "Describe your project" in client.get(FINDER).text


def test_a_zone_page_without_a_profile_says_who_can_get_each_incentive(client, high_tech_zone):
    text = client.get(high_tech_zone.url).text
    assert "Incentives available here" in text and "For your project" not in text
    assert "Why it applies" not in text and "Incentives that apply here" not in text
    section = text.split('class="zone-incentives"')[1].split("</section>")[0]
    assert "High-tech incentive" in section
    assert "Available to:</strong> a high-tech project" in section
    assert "In this zone:</strong> located in a zone of kind: Industrial park" in section


def test_a_zone_page_with_a_profile_says_what_applies_what_not_and_what_would_change_it(client, high_tech_zone):
    client.get(FINDER, {**ELECTRONICS, "capital_usd": "", "high_tech": "no"})
    section = client.get(high_tech_zone.url).text.split('class="zone-incentives"')[1].split("</section>")[0]
    assert "For your project" in section
    high_tech = section.split("High-tech incentive")[1].split("</li>")[0]
    assert "Does not apply" in high_tech and "It would apply if:</strong> a high-tech project" in high_tech
    large = section.split("Large project incentive")[1].split("</li>")[0]
    assert "May apply" in large and "capital of at least 6,000,000 USD" in large
    assert "Enough land: 4 plots of at least 5 ha" in section

    client.get(FINDER, {**ELECTRONICS, "high_tech": "on"})
    section = client.get(high_tech_zone.url).text.split('class="zone-incentives"')[1].split("</section>")[0]
    high_tech = section.split("High-tech incentive")[1].split("</li>")[0]
    assert "Applies" in high_tech and "Why it applies:</strong>" in high_tech and "a high-tech project" in high_tech
    assert "Applies" in section.split("Large project incentive")[1].split("</li>")[0]


def test_the_zone_index_marks_and_filters_the_zones_that_fit_the_project(client, home_page, high_tech_zone):
    small = make_zone(zone_index(home_page), "small-park", "Small Park")
    make_plots(small, 1, side_m=100)  # 1 ha
    client.get(FINDER, ELECTRONICS)
    index_url = high_tech_zone.get_parent().url
    text = client.get(index_url).text
    assert ("Not enough land: no available plot, alone or with adjacent plots, of 5 ha; the largest available plot "
            "is 1 ha") in text
    fitting = client.get(index_url, {"fits": "1"}).context["zones"]
    assert [zone.slug for zone in fitting] == ["profile-park"]


def test_the_plan_is_prefilled_from_the_kept_profile_and_keeps_what_is_submitted(client, high_tech_zone):
    load_catalogue()
    client.get(FINDER, ELECTRONICS)
    response = client.get(reverse("licensing:plan"))
    form = response.context["form"]
    assert form.is_valid() and response.context["pathway"] is not None  # the plan shows at once
    assert form.cleaned_data["sector_code"] == "2610" and form.cleaned_data["land_area_m2"] == 50000
    assert form.cleaned_data["zone_kind"] == "industrial_park" and form.cleaned_data["foreign_ownership_pct"] == 100
    response = client.get(reverse("licensing:plan"), {"submitted": "1", "sector_code": "garment",
                                                      "foreign_ownership_pct": "100"})
    assert response.status_code == 200 and response.context["form"].is_valid()
    assert kept(client)["sector_code"] in {"14", "1410"}


def test_the_panel_says_the_site_needs_too(client, high_tech_zone):
    NamedPlace.objects.create(code="cat-lai", kind="seaport", name_en="Cat Lai port", name_vi="Cảng Cát Lái")
    client.get(FINDER, {**ELECTRONICS, "power_mva": "20", "water_m3_day": "300", "place": "cat-lai",
                        "max_road_km": "120", "land_budget_usd": "4000000"})
    text = client.get(FINDER).text
    assert "· 20 MVA · 300 m³ of water a day · within 120 km of Cat Lai port · land budget 4 million USD" in text
    assert "cách Cảng Cát Lái không quá 120 km" in client.get("/vi/zones-api/incentive-finder/").text
