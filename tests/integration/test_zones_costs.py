"""The total cost of occupancy on known inputs (figures computed by hand), the data in force on a date, the
corporate income tax after an exemption policy, and the public cost page in English and Vietnamese with bad
input giving form errors."""

import datetime
from decimal import Decimal

import pytest

from core.profile import ProjectProfile
from tests.factories import zone_index
from tests.factories_zones import commune, incentive_index, make_plots, make_policy, make_zone, rule
from zones.costs import CostAssumptions, total_cost, zone_wage_region
from zones.models import (
    ElectricityBandHours,
    ElectricityTariff,
    EmployerContribution,
    ExchangeRate,
    MinimumWage,
    ZoneFigureSource,
)

pytestmark = pytest.mark.django_db
ON = datetime.date(2030, 6, 1)
FROM = datetime.date(2030, 1, 1)


def _data():
    """Cost data in force from 2030 (after every seeded row), with round figures."""
    ExchangeRate.objects.create(vnd_per_usd=Decimal("25000"), effective_from=FROM, source="Test rate",
                                as_of=FROM)
    for band, price, share in (("normal", 2000, 50), ("peak", 4000, 25), ("off_peak", 1000, 25)):
        ElectricityTariff.objects.create(voltage_level="22_110kv", band=band, price_vnd_kwh=price, effective_from=FROM,
                                         source="Test tariff")
        ElectricityBandHours.objects.create(band=band, share_pct=share, effective_from=FROM, source="Test hours")
    MinimumWage.objects.create(region="II", monthly_vnd=5_000_000, effective_from=FROM, source="Test decree")
    for kind, rate in (("social", "17.5"), ("health", "3"), ("unemployment", "1")):
        EmployerContribution.objects.create(kind=kind, rate_pct=Decimal(rate), effective_from=FROM, source="Test law")


@pytest.fixture
def zone(home_page):
    _data()
    made = make_zone(zone_index(home_page), "cost-park", management_fee_usd=Decimal("0.5"),
                     infrastructure_fee_usd=Decimal("0.3"), water_price_vnd_m3=Decimal("15000"),
                     wastewater_price_vnd_m3=Decimal("10000"), lease_term_end=datetime.date(2070, 1, 1))
    made.communes.add(commune("cost-ward", wage_region="II"))
    ZoneFigureSource.objects.create(zone=made, figure="land_price", source="Price list 2030 of the operator",
                                    as_of=FROM)
    return made


FULL = CostAssumptions(years=3, discount_rate_pct=Decimal("10"), electricity_mwh_year=Decimal("100"),
                       water_m3_day=Decimal("10"), employees=10, annual_profit_usd=Decimal("100000"))


def test_every_part_on_known_inputs(zone):
    cost = total_cost(zone, area_m2=Decimal("10000"), land_price_usd_m2=Decimal("50"), profile=ProjectProfile(),
                      assumptions=FULL, on_date=ON)
    assert [part.key for part in cost.parts] == ["land_rent", "fees", "electricity", "water", "wages", "cit"]
    totals = {part.key: part.total_usd for part in cost.parts}
    # 10,000 m² x 50 USD once; (0.5 + 0.3) USD x 10,000 m² a year; 100 MWh x (2000x50% + 4000x25% + 1000x25%)
    # VND/kWh / 25,000; 10 m³ x 365 x 25,000 VND / 25,000; 10 x 5,000,000 VND x 12 x 1.215 / 25,000; 20% of 100,000.
    assert totals == {"land_rent": Decimal("500000"), "fees": Decimal("24000"), "electricity": Decimal("27000"),
                      "water": Decimal("10950"), "wages": Decimal("87480"), "cit": Decimal("60000")}
    assert [year.total_usd for year in cost.years] == [Decimal("569810"), Decimal("69810"), Decimal("69810")]
    assert cost.years[0].parts["land_rent"] == 500000 and cost.years[1].parts["land_rent"] == 0
    assert cost.total_usd == Decimal("709430")
    assert cost.total_vnd == Decimal("17735750000") and cost.rate_vnd_per_usd == 25000
    present = {part.key: part.present_value_usd for part in cost.parts}
    assert present == {"land_rent": Decimal("500000.00"), "fees": Decimal("21884.30"),
                       "electricity": Decimal("24619.83"), "water": Decimal("9984.71"), "wages": Decimal("79768.26"),
                       "cit": Decimal("54710.74")}
    assert cost.present_value_usd == Decimal("690967.84")
    assert cost.missing == []
    assert cost.exchange_rate.text == "Test rate"
    assert cost.part("land_rent").sources[0].text == "Price list 2030 of the operator"
    assert {s.text for s in cost.part("wages").sources} == {"Test decree", "Test law"}


def test_yearly_land_rent_is_paid_every_year(zone):
    zone.price_basis = "year"
    cost = total_cost(zone, area_m2=Decimal("100"), land_price_usd_m2=Decimal("2"), profile=ProjectProfile(),
                      assumptions=CostAssumptions(years=4), on_date=ON)
    assert [year.parts["land_rent"] for year in cost.years] == [Decimal("200")] * 4


def test_missing_inputs_are_left_out_and_said(zone):
    cost = total_cost(zone, area_m2=Decimal("10000"), land_price_usd_m2=None, profile=ProjectProfile(),
                      assumptions=CostAssumptions(years=2), on_date=ON)
    assert [part.key for part in cost.parts] == ["fees"]
    assert cost.total_usd == Decimal("16000")
    assert len(cost.missing) == 5
    assert "Electricity: no electricity use given." in " ".join(cost.missing)
    assert "no number of employees" in " ".join(cost.missing)


def test_no_exchange_rate_leaves_the_vnd_parts_out(zone):
    ExchangeRate.objects.all().delete()
    cost = total_cost(zone, area_m2=Decimal("10000"), land_price_usd_m2=Decimal("50"), profile=ProjectProfile(),
                      assumptions=FULL, on_date=ON)
    assert [part.key for part in cost.parts] == ["land_rent", "fees", "cit"]
    assert cost.total_vnd is None and cost.exchange_rate is None
    assert sum("exchange rate" in text for text in cost.missing) == 3


def test_seeded_wages_and_tariff_in_force_on_a_date():
    assert MinimumWage.objects.in_force(datetime.date(2025, 12, 31), region="I").monthly_vnd == 4_960_000
    assert MinimumWage.objects.in_force(datetime.date(2026, 1, 1), region="I").monthly_vnd == 5_310_000
    assert MinimumWage.objects.in_force(datetime.date(2026, 1, 1), region="IV").monthly_vnd == 3_700_000
    assert MinimumWage.objects.in_force(datetime.date(2024, 6, 30), region="I") is None
    normal = ElectricityTariff.objects.in_force(datetime.date(2025, 5, 10), voltage_level="22_110kv", band="normal")
    assert normal.price_vnd_kwh == 1833 and "1279/QĐ-BCT" in normal.source and not normal.checked
    assert ElectricityTariff.objects.in_force(datetime.date(2025, 5, 9), voltage_level="22_110kv",
                                              band="normal") is None
    assert ElectricityTariff.objects.in_force(datetime.date(2025, 6, 1), voltage_level="110kv_plus",
                                              band="peak").price_vnd_kwh == 3266
    rates = [EmployerContribution.objects.in_force(datetime.date(2026, 1, 1), kind=kind).rate_pct
             for kind in ("social", "health", "unemployment")]
    assert sum(rates) == Decimal("21.5")


def test_the_wage_region_follows_the_commune_standing_on_the_date(home_page):
    new = commune("new-ward", wage_region="II", valid_from=datetime.date(2025, 7, 1))
    old = commune("old-ward", wage_region="III", valid_to=datetime.date(2025, 6, 30))
    old.successors.add(new)
    zone = make_zone(zone_index(home_page), "merged-park")
    zone.communes.add(old)
    assert zone_wage_region(zone, datetime.date(2025, 1, 1)) == "III"
    assert zone_wage_region(zone, datetime.date(2026, 1, 1)) == "II"


def test_wages_at_the_seeded_minimum_of_the_zone_region(home_page):
    ExchangeRate.objects.create(vnd_per_usd=Decimal("25000"), effective_from=datetime.date(2024, 1, 1))
    zone = make_zone(zone_index(home_page), "wage-park")
    zone.communes.add(commune("wage-ward", wage_region="I"))
    cost = total_cost(zone, area_m2=Decimal("1"), land_price_usd_m2=Decimal("1"), profile=ProjectProfile(),
                      assumptions=CostAssumptions(years=1, employees=1), on_date=datetime.date(2026, 2, 1))
    # 5,310,000 VND (Decree 293/2025/NĐ-CP, region I) x 12 x 1.215 / 25,000
    assert cost.part("wages").total_usd == Decimal("3096.79")
    assert any("293/2025" in source.text for source in cost.part("wages").sources)


def test_corporate_income_tax_after_the_most_favourable_incentive(zone, home_page):
    index = incentive_index(home_page)
    make_policy(index, "ip-cit", [rule("In an industrial park", ("zone_kind", "in", "industrial_park"))],
                title="Industrial park incentive", document_number="31/2021/NĐ-CP",
                items=[("incentive", {"title": "CIT", "exemption_years": 2, "reduction_years": 4,
                                      "reduction_pct": Decimal("50")})])
    make_policy(index, "high-tech", [rule("High tech", ("high_tech", "eq", "true"))], title="High-tech incentive",
                items=[("incentive", {"title": "CIT", "cit_rate_pct": Decimal("10"), "cit_rate_years": 15,
                                      "exemption_years": 4, "reduction_years": 9, "reduction_pct": Decimal("50")})])
    five = CostAssumptions(years=5, discount_rate_pct=Decimal("0"), annual_profit_usd=Decimal("100000"))

    cost = total_cost(zone, area_m2=Decimal("1"), land_price_usd_m2=Decimal("1"), profile=ProjectProfile(),
                      assumptions=five, on_date=ON)
    cit = cost.part("cit")
    assert [year.parts["cit"] for year in cost.years] == [0, 0, 10000, 10000, 10000]
    assert cit.total_usd == Decimal("30000")
    assert "Industrial park incentive" in " ".join(cit.notes)
    assert any("31/2021/NĐ-CP" in source.text for source in cit.sources)

    high_tech = total_cost(zone, area_m2=Decimal("1"), land_price_usd_m2=Decimal("1"),
                           profile=ProjectProfile(high_tech=True), assumptions=five, on_date=ON)
    assert [year.parts["cit"] for year in high_tech.years] == [0, 0, 0, 0, 5000]
    assert "High-tech incentive" in " ".join(high_tech.part("cit").notes)


def _get(client, language, **params):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("zones:cost")
    return client.get(url, params)


def test_cost_page_of_a_plot_in_both_languages(client, zone):
    make_plots(zone, 1)
    en = _get(client, "en", zone="cost-park", plot="P1", years="3", employees="10", electricity_mwh_year="100")
    assert en.status_code == 200
    assert "Total cost of occupancy" in en.text and "Land rent" in en.text and "Per year (USD)" in en.text
    assert "What is not included" in en.text and "no water use given" in en.text
    assert "Price list 2030 of the operator" in en.text and "<details" in en.text
    vi = _get(client, "vi", zone="cost-park", plot="P1", years="3")
    assert vi.status_code == 200
    assert "Tổng chi phí sử dụng mặt bằng" in vi.text and "Tiền thuê đất" in vi.text


def test_cost_page_of_an_area(client, zone):
    response = _get(client, "en", zone="cost-park", area_m2="20000", years="2")
    assert response.status_code == 200
    assert response.context["breakdown"].part("land_rent").total_usd == Decimal("1000000")  # 20,000 m² x 50 USD


@pytest.mark.parametrize("params", [
    {"area_m2": "-5"}, {"area_m2": "1e40"}, {"area_m2": "lots"}, {"area_m2": "1000", "years": "-1"},
    {"area_m2": "1000", "years": "9999999999999999999999"}, {"area_m2": "1000", "discount_rate_pct": "abc"},
    {"area_m2": "1000", "electricity_mwh_year": "1e30"}, {"area_m2": "1000", "employees": "many"},
])
def test_bad_input_gives_form_errors(client, zone, params):
    response = _get(client, "en", zone="cost-park", **params)
    assert response.status_code == 200
    assert response.context["breakdown"] is None
    assert 'class="errors"' in response.text


def test_unknown_zone_or_plot_is_not_found(client, zone):
    assert _get(client, "en").status_code == 404
    assert _get(client, "en", zone="no-such-zone", area_m2="100").status_code == 404
    assert _get(client, "en", zone="cost-park", plot="NOPE").status_code == 404
