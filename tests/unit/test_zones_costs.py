"""The cost rules that need no database: the tax schedule of an incentive, discounting, staleness and the
assumptions form's bounds and defaults."""

import datetime
from decimal import Decimal

import pytest

from core.profile import ProjectProfile
from zones.costs import CostAssumptions, CostAssumptionsForm, _discount_factors, tax_schedule
from zones.figures import Source, is_stale, reasons_to_check


def test_standard_rate_every_year_without_an_incentive():
    assert tax_schedule(Decimal("20"), 3) == [Decimal("20")] * 3


def test_exemption_then_reduction_then_standard_rate():
    item = {"exemption_years": 2, "reduction_years": 4, "reduction_pct": Decimal("50")}
    assert tax_schedule(Decimal("20"), 8, item) == [0, 0, 10, 10, 10, 10, 20, 20]


def test_preferential_rate_for_its_years_reduced_during_the_reduction_years():
    item = {"cit_rate_pct": Decimal("10"), "cit_rate_years": 15, "exemption_years": 4, "reduction_years": 9,
            "reduction_pct": Decimal("50")}
    rates = tax_schedule(Decimal("20"), 16, item)
    assert rates[:4] == [0] * 4
    assert rates[4:13] == [Decimal("5")] * 9  # half of the 10% rate
    assert rates[13:15] == [Decimal("10")] * 2
    assert rates[15] == Decimal("20")  # year 16: the preferential rate's 15 years are over


def test_present_value_factors_pay_at_the_start_of_each_year():
    factors = _discount_factors(3, Decimal("10"))
    assert factors[0] == 1
    assert factors[1] == pytest.approx(Decimal(1) / Decimal("1.1"))
    assert factors[2] == pytest.approx(Decimal(1) / Decimal("1.21"))


def test_staleness_follows_the_period():
    today = datetime.date(2026, 12, 3)
    assert is_stale(None, today, 365)
    assert not is_stale(today - datetime.timedelta(days=30), today, 30)
    assert is_stale(today - datetime.timedelta(days=31), today, 30)


def test_reasons_to_check_say_what_is_wrong():
    assert reasons_to_check(Source("Decree 74/2024/NĐ-CP", as_of=datetime.date(2026, 1, 1),
                                   checked_on=datetime.date(2026, 1, 2))) == []
    reasons = reasons_to_check(Source("", as_of=datetime.date(2020, 1, 1), stale=True))
    assert reasons == ["No source", "May be out of date (as of 2020-01-01)", "Not checked"]


def test_empty_form_gives_the_defaults_and_the_profile_employees():
    form = CostAssumptionsForm({})
    assert form.is_valid()
    assumptions = form.assumptions(ProjectProfile(employees=250))
    assert assumptions == CostAssumptions(employees=250)
    assert (assumptions.years, assumptions.discount_rate_pct, assumptions.voltage_level) == (10, 8, "22_110kv")


def test_given_values_win_over_the_profile():
    form = CostAssumptionsForm({"years": "20", "discount_rate_pct": "0", "employees": "0",
                                "voltage_level": "below_6kv"})
    assert form.is_valid()
    assumptions = form.assumptions(ProjectProfile(employees=250))
    assert (assumptions.years, assumptions.discount_rate_pct, assumptions.employees) == (20, 0, 0)
    assert assumptions.voltage_level == "below_6kv"


@pytest.mark.parametrize("field,value", [
    ("years", "0"), ("years", "51"), ("years", "ten"), ("discount_rate_pct", "-1"), ("discount_rate_pct", "1e400"),
    ("electricity_mwh_year", "-5"), ("electricity_mwh_year", "99999999999999"), ("water_m3_day", "abc"),
    ("employees", "-1"), ("employees", "1e9"), ("monthly_wage_vnd", "NaN"), ("annual_profit_usd", "Infinity"),
    ("voltage_level", "1000kv"),
])
def test_bad_values_are_form_errors(field, value):
    form = CostAssumptionsForm({field: value})
    assert not form.is_valid()
    assert field in form.errors


def test_the_default_voltage_level_is_selected_on_an_empty_form():
    form = CostAssumptionsForm({})
    assert 'value="22_110kv" selected' in str(form["voltage_level"])
