"""zones.services: applicable incentives (dates, rules, reasons), incentives for a zone, zone filters,
statistics and map features."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.profile import ProjectProfile
from search.services import rebuild_index
from tests.factories import square_m, zone_index
from tests.factories_zones import (
    commune,
    incentive_index,
    make_plots,
    make_policy,
    make_zone,
    rule,
)
from zones.choices import PlotStatus, ZoneKind, ZoneStatus
from zones.models import NamedPlace, Sector, ZoneDistance, ZonePage
from zones.services import (
    applicable_incentives,
    filter_zones,
    incentives_for_zone,
    plot_map_features,
    zone_map_features,
    zone_statistics,
    zones_under,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def policies(home_page):
    index = incentive_index(home_page)
    return {
        "park": make_policy(index, "park", [rule("In an industrial park", ("zone_kind", "in", "industrial_park"))],
                            effective_from=datetime.date(2021, 3, 26)),
        "difficult": make_policy(index, "difficult", [
            rule("Difficult commune", ("difficult_area", "eq", "true")),
            rule("Border-gate EZ", ("zone_kind", "in", "border_gate_economic_zone"))]),
        "hoa-lu": make_policy(index, "hoa-lu", [rule("Logistics in Hoa Lu", ("zone_code", "in", "hoa-lu"),
                                                     ("sector_code", "prefix", "52"))]),
        "big": make_policy(index, "big", [rule("Big electronics", ("sector_code", "prefix", "26"),
                                               ("capital_usd", "gte", "250000000")),
                                          rule("Many workers", ("employees", "gte", "3000"))]),
        "expired": make_policy(index, "expired", [rule("Old park support", ("zone_kind", "in", "industrial_park"))],
                               effective_from=datetime.date(2019, 1, 1), effective_to=datetime.date(2020, 12, 31)),
    }


def slugs(matches):
    return sorted(match.policy.slug for match in matches)


@pytest.mark.smoke
def test_applicable_incentives_name_the_rule_and_reasons(policies):
    matches = applicable_incentives(ProjectProfile(zone_kind=ZoneKind.INDUSTRIAL_PARK, sector_code="2610",
                                                   capital_usd=Decimal("300000000")))
    assert slugs(matches) == ["big", "park"]
    big = next(m for m in matches if m.policy.slug == "big")
    assert big.rule.reason == "Big electronics"
    assert any("26" in reason for reason in big.reasons)
    assert applicable_incentives(ProjectProfile()) == []


def test_effective_dates_are_honoured(policies):
    profile = ProjectProfile(zone_kind=ZoneKind.INDUSTRIAL_PARK)
    assert slugs(applicable_incentives(profile, on_date=datetime.date(2020, 6, 1))) == ["expired"]
    assert slugs(applicable_incentives(profile, on_date=datetime.date(2021, 3, 26))) == ["park"]
    assert slugs(applicable_incentives(profile, on_date=datetime.date(2021, 3, 25))) == []


def test_second_rule_can_match(policies):
    matches = applicable_incentives(ProjectProfile(employees=3000))
    assert slugs(matches) == ["big"] and matches[0].rule.reason == "Many workers"
    assert applicable_incentives(ProjectProfile(employees=2999)) == []


def test_zone_and_commune_in_the_profile_are_resolved(policies, home_page):
    index = zone_index(home_page)
    loc_thanh = commune("loc-thanh", difficult=True, name_en="Loc Thanh commune")
    hoa_lu = make_zone(index, "hoa-lu", "Hoa Lu Border-Gate Economic Zone", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    hoa_lu.communes = [loc_thanh]
    hoa_lu.save()
    matches = applicable_incentives(ProjectProfile(zone_id=hoa_lu.pk, sector_code="5210"))
    assert slugs(matches) == ["difficult", "hoa-lu"]
    difficult = next(m for m in matches if m.policy.slug == "difficult")
    assert difficult.rule.reason == "Difficult commune" and "Loc Thanh commune" in difficult.reasons[0]
    named = next(m for m in matches if m.policy.slug == "hoa-lu")
    assert "located in one of the zones: Hoa Lu Border-Gate Economic Zone" in named.reasons  # its name, not code
    # A commune in the profile counts too; a commune without the flag does not.
    assert slugs(applicable_incentives(ProjectProfile(commune_id=loc_thanh.pk))) == ["difficult"]
    plain = commune("plain")
    assert applicable_incentives(ProjectProfile(commune_id=plain.pk)) == []


def test_incentives_for_zone_list_conditions_still_to_meet(policies, home_page):
    index = zone_index(home_page)
    park = make_zone(index, "park-zone")
    matches = incentives_for_zone(park)
    assert slugs(matches) == ["big", "park"]
    big = next(m for m in matches if m.policy.slug == "big")
    assert big.conditions and any("26" in c for c in big.conditions)
    hoa_lu = make_zone(index, "hoa-lu", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE)
    assert slugs(incentives_for_zone(hoa_lu)) == ["big", "difficult", "hoa-lu"]


@pytest.fixture
def zones(home_page):
    index = zone_index(home_page)
    hcmc = NamedPlace(code="hcmc", kind="city", name_vi="TP.HCM", name_en="HCMC")
    hcmc.set_geometry(square_m(106.70, 10.77, 10))
    hcmc.save()
    # The classification may be loaded already (a data migration): these rows replace its names.
    electronics, _ = Sector.objects.update_or_create(code="26", defaults={
        "level": "division", "name_vi": "Điện tử", "name_en": "Electronics"})
    components, _ = Sector.objects.update_or_create(code="2610", defaults={
        "level": "class", "name_vi": "Linh kiện", "name_en": "Components", "parent": electronics})
    food, _ = Sector.objects.update_or_create(code="10", defaults={
        "level": "division", "name_vi": "Thực phẩm", "name_en": "Food"})
    ward = commune("minh-hung")
    near = make_zone(index, "near", land_price_min_usd=Decimal("45"), status=ZoneStatus.OPERATING)
    near.distances = [ZoneDistance(place=hcmc, road_km=Decimal("90"))]
    near.target_sectors = [electronics]
    near.communes = [ward]
    near.save_revision().publish()
    far = make_zone(index, "far", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE, status=ZoneStatus.EXPANDING,
                    land_price_min_usd=Decimal("30"), geometry=square_m(106.56, 11.90, 3000))
    far.distances = [ZoneDistance(place=hcmc, road_km=Decimal("160"))]
    far.target_sectors = [food]
    far.save_revision().publish()
    plotted = make_zone(index, "plotted", land_price_min_usd=Decimal("80"), land_price_max_usd=Decimal("90"))
    make_plots(plotted, 2, status=PlotStatus.AVAILABLE, side_m=100)
    make_plots(plotted, 3, status=PlotStatus.LEASED, side_m=100, prefix="L")
    draft = make_zone(index, "draft", publish=False)
    return {"index": index, "near": near, "far": far, "plotted": plotted, "draft": draft, "hcmc": hcmc,
            "components": components, "ward": ward}


def codes(qs):
    return sorted(zone.code for zone in qs)


def test_filters_go_through_the_search_index(zones):
    rebuild_index()
    base = zones_under(zones["index"])
    assert codes(base) == ["far", "near", "plotted"]  # the draft is not published
    assert codes(filter_zones(base, {"kind": ZoneKind.BORDER_GATE_ECONOMIC_ZONE})) == ["far"]
    assert codes(filter_zones(base, {"status": ZoneStatus.EXPANDING})) == ["far"]
    assert codes(filter_zones(base, {"commune": zones["ward"]})) == ["near"]
    assert codes(filter_zones(base, {"sector": zones["components"]})) == ["near"]  # parent division targeted
    assert codes(filter_zones(base, {"sector": "2"})) == ["near"]  # children of a prefix
    assert codes(filter_zones(base, {"max_price": Decimal("45")})) == ["far", "near"]
    assert codes(filter_zones(base, {"place": zones["hcmc"], "max_distance_km": Decimal("100")})) == ["near"]
    assert codes(filter_zones(base, {"place": zones["hcmc"]})) == ["far", "near"]
    # 2 available plots of 1 ha: below 2.5 ha; the others fall back to 60 - 20 = 40 ha entered.
    assert codes(filter_zones(base, {"min_available_ha": Decimal("2.5")})) == ["far", "near"]
    # A site is one plot or adjacent plots: the two 1 ha plots lie 11 m apart, so no site of 1.5 ha.
    assert codes(filter_zones(base, {"min_available_ha": Decimal("1.5"), "max_price": Decimal("100"),
                                     "kind": ZoneKind.INDUSTRIAL_PARK})) == ["near"]
    assert codes(filter_zones(base, {"min_available_ha": Decimal("0.9"), "max_price": Decimal("100"),
                                     "kind": ZoneKind.INDUSTRIAL_PARK})) == ["near", "plotted"]


def test_statistics_and_map_features(zones):
    base = zones_under(zones["index"])
    stats = zone_statistics(base)
    assert stats["count"] == 3
    assert stats["available_ha"] == pytest.approx(40 + 40 + 2, rel=1e-2)
    assert dict(stats["by_kind"])[ZoneKind.INDUSTRIAL_PARK.label] == 2
    features = {f["code"]: f for f in zone_map_features(base)}
    near = features["near"]
    assert set(near) >= {"id", "code", "name", "url", "kind", "kind_label", "status", "status_label",
                         "available_ha", "price_min", "price_max", "geometry", "centroid"}
    assert near["url"].endswith("/zones/near/") and near["price_min"] == 45.0
    lon, lat = near["centroid"]
    assert 106.9 < lon < 106.92 and 11.53 < lat < 11.545
    plots = plot_map_features(ZonePage.objects.get(pk=zones["plotted"].pk))
    first = next(plot for plot in plots if plot["code"] == "P1")
    assert len(plots) == 5 and first["area_m2"] == pytest.approx(10_000, rel=1e-2)
    assert first["price"] == 80.0 and first["status_label"] == "Available"


def test_zone_index_shows_every_zone_while_search_is_down(client, zones, settings):
    settings.SEARCH_BACKEND = "search.backends.elasticsearch"
    settings.SEARCH_BACKEND_OPTIONS = {"URL": "http://127.0.0.1:9"}  # nothing listens there
    response = client.get(zones["index"].url, {"kind": ZoneKind.BORDER_GATE_ECONOMIC_ZONE})
    assert response.status_code == 200
    assert response.context["search_down"] and len(response.context["zones"]) == 3
    assert "Filtering is unavailable at the moment" in response.text
    geojson = client.get(reverse("maps:zones_geojson"), {"kind": ZoneKind.BORDER_GATE_ECONOMIC_ZONE})
    assert geojson.status_code == 503
