"""zones.siting: the zones and plots that fit a project's site needs, with their reasons; the zone index's
site filter."""

from decimal import Decimal

import pytest
from django.utils import translation

from tests.factories import zone_index
from tests.factories_siting import distance, place, plot_row
from tests.factories_zones import make_zone
from zones.choices import PlotStatus
from zones.models import Sector
from zones.services import filter_zones, zones_under
from zones.siting import FAILS, FITS, NOTE, UNKNOWN, SiteNeeds, find_sites

pytestmark = pytest.mark.django_db

FIVE_HA = Decimal("50000")


@pytest.fixture
def index(home_page):
    return zone_index(home_page)


@pytest.fixture
def park(index):
    """R1 6 ha alone; R2 + R3, 3 ha each, touching; R4 3 ha across an 11 m road; R5 6 ha but leased."""
    zone = make_zone(index, "park", "Park", power_mva=Decimal("112"))
    plot_row(zone, [600, 300, 300, 300, 600], [30, 0, 11, 30], statuses={4: PlotStatus.LEASED})
    return zone


def en(needs, **kwargs):
    with translation.override("en"):
        return find_sites(needs, **kwargs)


def words(checks) -> list[str]:
    return [check.words for check in checks]


def codes(found) -> list[tuple[str, ...]]:
    return [option.codes for option in found.options]


def test_a_single_plot_or_touching_plots_fit_and_plots_across_a_road_are_not_merged(park):
    found = en(SiteNeeds(land_m2=FIVE_HA)).for_zone(park)
    assert codes(found) == [("R1",), ("R2", "R3")]  # one plot first; R4 is 11 m away; R5 is leased
    assert found.options[0].checks[0].words == "Plot R1: 6 ha, you need 5 ha"
    assert found.options[1].checks[0].words == "Plots R2 + R3, adjacent: 6 ha together, you need 5 ha"
    assert found.options[0].checks[1].state == NOTE and found.options[0].checks[1].words.startswith("Land rent ")
    assert found.fits and words(found.checks) == ["Enough land: 1 plot of at least 5 ha, and sets of adjacent "
                                                  "plots (1)"]
    # 7 ha: no plot alone and no neighbours large enough together.
    found = en(SiteNeeds(land_m2=Decimal("70000"))).for_zone(park)
    assert found.options == [] and found.failed == 1
    assert words(found.checks) == ["Not enough land: no available plot, alone or with adjacent plots, of 7 ha; the "
                                   "largest available plot is 6 ha"]


def test_areas_follow_the_unit_asked(park):
    area = round(park.all_plots().get(code="R1").area_m2)  # 600 m x 100 m on the UTM grid: 59,984 m²
    found = en(SiteNeeds(land_m2=FIVE_HA), unit="m2").for_zone(park)
    assert found.options[0].checks[0].words == f"Plot R1: {area:,} m², you need 50,000 m²"
    with translation.override("vi"):
        found = find_sites(SiteNeeds(land_m2=FIVE_HA), zones=[park], unit="m2").for_zone(park)
        assert found.options[0].checks[0].words == f"Lô R1: {area:,} m²".replace(",", ".") + ", bạn cần 50.000 m²"


def test_power_water_and_distance_are_judged_with_reasons_and_missing_figures_are_unknown(park, index):
    cat_lai = place()
    distance(park, cat_lai, 106)
    far = make_zone(index, "far", "Far Park", power_mva=Decimal("10"), water_supply_m3_day=5000)
    plot_row(far, [600])
    distance(far, cat_lai, 130)
    needs = SiteNeeds(land_m2=FIVE_HA, power_mva=Decimal("20"), water_m3_day=Decimal("100"), place_code="cat-lai",
                      max_road_km=Decimal("120"))
    search = en(needs)
    near = search.for_zone(park)
    assert "Power 112 MVA available, you need 20 MVA" in words(near.checks)
    assert "Cat Lai port: 106 km by road, within your 120 km" in words(near.checks)
    assert "Water supply not stated, you need 100 m³/day" in words(near.checks)
    assert near.unknown == 1 and near.failed == 0 and not near.fits  # a missing figure never silently fits
    far_found = search.for_zone(far)
    assert "Power only 10 MVA available, you need 20 MVA" in words(far_found.checks)
    assert "Water 5,000 m³/day available, you need 100 m³/day" in words(far_found.checks)
    assert "Cat Lai port: 130 km by road, more than your 120 km" in words(far_found.checks)
    assert far_found.failed == 2
    assert [found.zone.code for found in search.zones] == ["park", "far"]  # fewer failed checks first
    place("hoa-lu", "Hoa Lu border gate", "Cửa khẩu Hoa Lư")
    unrecorded = en(SiteNeeds(place_code="hoa-lu", max_road_km=Decimal("50"))).for_zone(park)
    assert [(c.state, c.words) for c in unrecorded.checks] == [
        (UNKNOWN, "Hoa Lu border gate: road distance not recorded")]


def test_the_sector_is_targeted_restricted_or_neither(park, index):
    electronics, _ = Sector.objects.get_or_create(code="26", defaults={"level": "division", "name_vi": "Điện tử"})
    garments, _ = Sector.objects.get_or_create(code="14", defaults={"level": "division", "name_vi": "May mặc"})
    park.target_sectors.set([electronics])
    park.save()
    other = make_zone(index, "other", "Other Park")
    other.restricted_sectors.set([electronics])
    other.target_sectors.set([garments])
    other.save()
    plot_row(other, [600])
    search = en(SiteNeeds(land_m2=FIVE_HA, sector_code="2610"))
    assert search.for_zone(park).checks[1].state == FITS
    assert search.for_zone(other).checks[1].state == FAILS
    assert f"restricted here: {electronics.display_name}" in search.for_zone(other).checks[1].words
    neither = en(SiteNeeds(sector_code="14")).for_zone(park)
    assert [c.state for c in neither.checks] == [NOTE]
    assert [found.zone.code for found in search.zones] == ["park", "other"]


def test_the_budget_checks_the_land_rent_of_each_option_and_ranks_within_budget_first(index):
    zone = make_zone(index, "priced", "Priced Park", land_price_min_usd=Decimal("50"))
    plots = plot_row(zone, [600, 300, 300], [30, 0], prices=[100, 1, 1])  # ~6,000,000 USD alone; ~60,000 together
    rent = [round(plot.area_m2) * price for plot, price in zip(plots, [100, 1, 1], strict=True)]
    found = en(SiteNeeds(land_m2=FIVE_HA, budget_usd=Decimal("100000"))).for_zone(zone)
    assert codes(found) == [("R2", "R3"), ("R1",)]  # within the budget beats fewer plots
    assert found.options[0].rent_usd == rent[1] + rent[2]
    assert (f"Land rent {rent[1] + rent[2]:,} USD, within your budget of 100,000 USD"
            in words(found.options[0].checks))
    assert f"Land rent {rent[0]:,} USD, over your budget of 100,000 USD" in words(found.options[1].checks)
    assert found.options[1].checks[1].state == FAILS and found.fits
    too_little = en(SiteNeeds(land_m2=FIVE_HA, budget_usd=Decimal("1000"))).for_zone(zone)
    assert too_little.failed == 1
    assert (f"No site within your budget of 1,000 USD: the cheapest costs {rent[1] + rent[2]:,} USD"
            in words(too_little.checks))
    unpriced = make_zone(index, "unpriced", "Unpriced Park", land_price_min_usd=None)
    plot_row(unpriced, [600])
    found = en(SiteNeeds(land_m2=FIVE_HA, budget_usd=Decimal("100000"))).for_zone(unpriced)
    assert found.unknown == 1 and found.options[0].checks[1].state == UNKNOWN


def test_a_zone_without_plots_is_judged_on_its_stated_land(index):
    zone = make_zone(index, "plotless", "Plotless Park")  # 60 ha leasable - 20 ha leased = 40 ha
    assert en(SiteNeeds(land_m2=FIVE_HA)).for_zone(zone).fits
    found = en(SiteNeeds(land_m2=Decimal("500000"))).for_zone(zone)
    assert found.failed == 1 and "the zone states 40 ha available" in found.checks[0].words


def test_queries_do_not_grow_with_the_number_of_plots(index, django_assert_max_num_queries):
    small = make_zone(index, "small", "Small")
    plot_row(small, [300, 300])
    with django_assert_max_num_queries(20) as few:
        en(SiteNeeds(land_m2=FIVE_HA, place_code="x", sector_code="26"))
    plot_row(make_zone(index, "big", "Big"), [100] * 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        en(SiteNeeds(land_m2=FIVE_HA, place_code="x", sector_code="26"))


def test_the_zone_index_land_filter_means_a_site_of_that_size(park, index):
    apart = make_zone(index, "apart", "Apart Park")
    plot_row(apart, [300, 300, 300], [11, 11])  # 9 ha available, but no site of 5 ha
    make_zone(index, "plotless", "Plotless Park")  # 40 ha stated
    base = zones_under(index)
    assert sorted(z.code for z in filter_zones(base, {"min_available_ha": Decimal("5")})) == ["park", "plotless"]
    assert sorted(z.code for z in filter_zones(base, {"min_available_ha": Decimal("2.9")})) == [
        "apart", "park", "plotless"]


def test_a_zone_that_targets_the_sector_ranks_before_one_that_only_allows_it(index):
    electronics = Sector.objects.get_or_create(code="26", defaults={"level": "division", "name_vi": "Điện tử"})[0]
    allows = make_zone(index, "allows", "Allows Park", power_mva=Decimal("112"))
    targets = make_zone(index, "targets", "Targets Park", power_mva=Decimal("112"))
    targets.target_sectors.add(electronics)
    allows.target_sectors.add(Sector.objects.get_or_create(code="13", defaults={"level": "division",
                                                                                "name_vi": "Dệt"})[0])
    targets.save()
    allows.save()  # parental relations are written when the page is saved
    plot_row(allows, [600], [])  # the closer fit: it would come first on land alone
    plot_row(targets, [700], [])
    ranked = [found.zone.code for found in en(SiteNeeds(land_m2=FIVE_HA, sector_code="26")).zones]
    assert ranked.index("targets") < ranked.index("allows")
