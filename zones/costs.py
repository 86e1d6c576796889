"""The total cost of occupancy of a site for a project over the years chosen: land rent, the zone's fees,
electricity, water and wastewater, wages with employer contributions and corporate income tax after the
incentives that apply; per year and as a present value, in USD and VND at the recorded exchange rate.

Every tariff, rate and wage is data the board keeps in the admin (``zones.models.costs``), each with its source
(``zones.figures.Source``). A part whose input is missing is left out and said so in ``CostBreakdown.missing``,
never counted as zero."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.profile import ProjectProfile

from .figures import Source, stale_after_days
from .models import (
    ContributionKind,
    CorporateIncomeTaxRate,
    ElectricityBandHours,
    ElectricityTariff,
    EmployerContribution,
    ExchangeRate,
    MinimumWage,
    PriceBasis,
    TimeBand,
    VoltageLevel,
    WageRegion,
    ZoneFigure,
)
from .profiles import number
from .services import incentives_for_project_in_zone

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
#: Days a year a plant runs, to turn daily water use into a year's.
DAYS_A_YEAR = 365
#: The parts of the total, in the order they are shown.
PART_KEYS = ("land_rent", "fees", "electricity", "water", "wages", "cit")
PART_LABELS = {
    "land_rent": _("Land rent"),
    "fees": _("Management and infrastructure fees"),
    "electricity": _("Electricity"),
    "water": _("Water and wastewater"),
    "wages": _("Wages and employer contributions"),
    "cit": _("Corporate income tax after incentives"),
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _vnd(value: Decimal) -> Decimal:
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass
class CostAssumptions:
    """What the investor assumes about the project's use of the site; None where not given."""

    years: int = 10
    discount_rate_pct: Decimal = Decimal("8")
    electricity_mwh_year: Decimal | None = None
    voltage_level: str = VoltageLevel.KV22_110.value
    water_m3_day: Decimal | None = None
    employees: int | None = None
    monthly_wage_vnd: Decimal | None = None
    annual_profit_usd: Decimal | None = None


@dataclass
class CostPart:
    """One part of the total: its amount over the years and its present value (USD), the sources of its
    figures and notes on how it was costed. ``total_vnd`` and ``present_value_vnd`` at the exchange rate."""

    key: str
    label: str
    total_usd: Decimal
    present_value_usd: Decimal
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    total_vnd: Decimal | None = None
    present_value_vnd: Decimal | None = None

    @property
    def stale(self) -> bool:
        """Whether any of the part's sources may be out of date."""
        return any(source.stale for source in self.sources)


@dataclass
class YearCost:
    """One year's cost: each part's amount (USD, by part key) and their total."""

    year: int
    parts: dict[str, Decimal]
    total_usd: Decimal
    total_vnd: Decimal | None = None


@dataclass
class CostBreakdown:
    """The total cost of occupancy: per year (1..N), by part, in total and as a present value, in USD and VND
    at ``rate_vnd_per_usd`` (whose source is ``exchange_rate``); ``missing`` says in words what could not be
    costed and why."""

    years: list[YearCost]
    parts: list[CostPart]
    total_usd: Decimal
    total_vnd: Decimal | None
    present_value_usd: Decimal
    present_value_vnd: Decimal | None
    exchange_rate: Source | None
    rate_vnd_per_usd: Decimal | None
    assumptions: CostAssumptions
    missing: list[str]
    on_date: datetime.date | None = None

    @property
    def year_rows(self) -> list[tuple[YearCost, list[Decimal]]]:
        """Each year with its parts' amounts in the order of ``parts`` (a table's rows)."""
        return [(year, [year.parts[part.key] for part in self.parts]) for year in self.years]

    def part(self, key: str) -> CostPart | None:
        """The part ``key``, or None when it could not be costed."""
        return next((part for part in self.parts if part.key == key), None)


class CostAssumptionsForm(forms.Form):
    """The assumptions as a form: every field optional, bounded; ``assumptions(profile)`` fills in defaults."""

    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=50, required=False,
                               help_text=_("How many years to cost (10 when empty)."))
    discount_rate_pct = forms.DecimalField(label=_("Discount rate (% a year)"), min_value=0, max_value=100,
                                           max_digits=5, decimal_places=2, required=False,
                                           help_text=_("For the present value (8% when empty)."))
    electricity_mwh_year = forms.DecimalField(label=_("Electricity use (MWh a year)"), min_value=0,
                                              max_value=10_000_000, max_digits=12, decimal_places=2, required=False)
    voltage_level = forms.ChoiceField(label=_("Voltage level"), choices=VoltageLevel.choices, required=False)
    water_m3_day = forms.DecimalField(label=_("Water use (m³ a day)"), min_value=0, max_value=1_000_000,
                                      max_digits=10, decimal_places=2, required=False)
    employees = forms.IntegerField(label=_("Employees"), min_value=0, max_value=1_000_000, required=False,
                                   help_text=_("From your project profile when empty."))
    monthly_wage_vnd = forms.DecimalField(label=_("Monthly wage (VND)"), min_value=0, max_value=10_000_000_000,
                                          max_digits=11, decimal_places=0, required=False,
                                          help_text=_("The regional minimum wage of the zone when empty."))
    annual_profit_usd = forms.DecimalField(label=_("Taxable profit (USD a year)"), min_value=0,
                                           max_value=100_000_000_000, max_digits=14, decimal_places=2,
                                           required=False, help_text=_("To cost the corporate income tax."))

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("voltage_level"):  # show the default level selected
            data = data.copy()
            data["voltage_level"] = CostAssumptions.voltage_level
        super().__init__(data, *args, **kwargs)

    def assumptions(self, profile: ProjectProfile | None = None) -> CostAssumptions:
        """The assumptions of a valid form, with defaults for what is empty (employees from ``profile``)."""
        data, defaults = self.cleaned_data, CostAssumptions()
        employees = data.get("employees")
        if employees is None and profile is not None and profile.employees:
            employees = profile.employees
        return CostAssumptions(
            years=data.get("years") or defaults.years,
            discount_rate_pct=defaults.discount_rate_pct if data.get("discount_rate_pct") is None
            else data["discount_rate_pct"],
            electricity_mwh_year=data.get("electricity_mwh_year"),
            voltage_level=data.get("voltage_level") or defaults.voltage_level,
            water_m3_day=data.get("water_m3_day"),
            employees=employees,
            monthly_wage_vnd=data.get("monthly_wage_vnd"),
            annual_profit_usd=data.get("annual_profit_usd"),
        )


class _Costing:
    """The state of one costing: the date, the exchange rate, the staleness period, what is missing."""

    def __init__(self, zone, on_date: datetime.date, assumptions: CostAssumptions):
        self.zone, self.on_date, self.assumptions = zone, on_date, assumptions
        self.after_days = stale_after_days()
        self.missing: list[str] = []
        self.rate_row = ExchangeRate.objects.in_force(on_date)
        self.rate = self.rate_row.vnd_per_usd if self.rate_row else None
        self.rate_noted = False

    def source(self, row) -> Source:
        return row.source_info(on_date=self.on_date, stale_after_days=self.after_days)

    def zone_source(self, figure: str) -> list[Source]:
        found = self.zone.figure_source_map.get(figure)
        return [found] if found is not None else []

    def usd(self, vnd: Decimal) -> Decimal:
        return vnd / self.rate

    def date(self, value: datetime.date) -> str:
        return date_format(value, "SHORT_DATE_FORMAT")

    def no_rate(self, what: str) -> bool:
        if self.rate is None:
            self.rate_noted = True
            self.missing.append(gettext("%(part)s: no USD–VND exchange rate in force on %(date)s.")
                                % {"part": what, "date": self.date(self.on_date)})
            return True
        return False


def _every_year(amount: Decimal, years: int) -> list[Decimal]:
    return [amount] * years


def _land_rent(c: _Costing, area_m2: Decimal, price: Decimal | None):
    if price is None:
        c.missing.append(gettext("Land rent: no land price is given for this plot or zone."))
        return None
    years = c.assumptions.years
    notes = []
    if c.zone.price_basis == PriceBasis.YEAR:
        amounts = _every_year(price * area_m2, years)
        notes.append(gettext("%(price)s USD/m² a year on %(area)s m², paid every year.")
                     % {"price": number(price, 2), "area": number(area_m2)})
    else:
        amounts = [price * area_m2] + [Decimal("0")] * (years - 1)
        notes.append(gettext("%(price)s USD/m² on %(area)s m² for the remaining lease term, paid once in year 1.")
                     % {"price": number(price, 2), "area": number(area_m2)})
    end = c.zone.lease_term_end
    if end is not None and (end - c.on_date).days < years * 365:
        notes.append(gettext("The zone's lease term ends on %(date)s, before the end of the years costed.")
                     % {"date": c.date(end)})
    return amounts, c.zone_source(ZoneFigure.LAND_PRICE), notes


def _fees(c: _Costing, area_m2: Decimal):
    management, infrastructure = c.zone.management_fee_usd, c.zone.infrastructure_fee_usd
    if management is None and infrastructure is None:
        c.missing.append(gettext("Management and infrastructure fees: the zone has recorded neither."))
        return None
    notes = []
    for name, fee in ((gettext("Management fee"), management), (gettext("Infrastructure fee"), infrastructure)):
        if fee is None:
            notes.append(gettext("%(fee)s: not recorded for this zone, not included.") % {"fee": name})
        else:
            notes.append(gettext("%(fee)s: %(amount)s USD/m² a year.") % {"fee": name, "amount": number(fee, 3)})
    per_m2 = (management or Decimal("0")) + (infrastructure or Decimal("0"))
    return _every_year(per_m2 * area_m2, c.assumptions.years), c.zone_source(ZoneFigure.FEES), notes


def _electricity(c: _Costing):
    label = str(PART_LABELS["electricity"])
    mwh = c.assumptions.electricity_mwh_year
    if mwh is None:
        c.missing.append(gettext("Electricity: no electricity use given."))
        return None
    level = c.assumptions.voltage_level
    in_force = ElectricityTariff.objects.in_force_each(c.on_date, "band", voltage_level=level)
    hours = ElectricityBandHours.objects.in_force_each(c.on_date, "band")
    tariffs = {band: in_force.get(band) for band in TimeBand.values}
    shares = {band: hours.get(band) for band in TimeBand.values}
    if None in tariffs.values() or None in shares.values():
        c.missing.append(gettext("Electricity: no tariff or time-band hours in force on %(date)s for %(level)s.")
                         % {"date": c.date(c.on_date), "level": VoltageLevel(level).label})
        return None
    if c.no_rate(label):
        return None
    price = sum((tariffs[band].price_vnd_kwh * shares[band].share_pct / HUNDRED for band in TimeBand.values),
                Decimal("0"))
    yearly_vnd = mwh * 1000 * price
    notes = [gettext("%(mwh)s MWh a year at %(level)s, running round the clock: %(price)s VND/kWh on average over "
                     "the time bands.") % {"mwh": number(mwh, 2), "level": VoltageLevel(level).label,
                                           "price": number(price, 2)}]
    sources = list(dict.fromkeys([c.source(row) for row in (*tariffs.values(), *shares.values())]))
    return _every_year(c.usd(yearly_vnd), c.assumptions.years), sources, notes


def _water(c: _Costing):
    label = str(PART_LABELS["water"])
    m3 = c.assumptions.water_m3_day
    if m3 is None:
        c.missing.append(gettext("Water and wastewater: no water use given."))
        return None
    water, wastewater = c.zone.water_price_vnd_m3, c.zone.wastewater_price_vnd_m3
    if water is None or wastewater is None:
        c.missing.append(gettext("Water and wastewater: the zone has no water or wastewater price recorded."))
        return None
    if c.no_rate(label):
        return None
    yearly_vnd = m3 * DAYS_A_YEAR * (water + wastewater)
    notes = [gettext("%(m3)s m³ a day, %(days)s days a year, at %(water)s VND/m³ for water and %(wastewater)s VND/m³ "
                     "for wastewater treatment (wastewater taken as equal to the water used).")
             % {"m3": number(m3, 2), "days": DAYS_A_YEAR, "water": number(water), "wastewater": number(wastewater)}]
    return _every_year(c.usd(yearly_vnd), c.assumptions.years), c.zone_source(ZoneFigure.WATER), notes


def zone_wage_region(zone, on_date: datetime.date | None = None) -> str:
    """The minimum wage region of ``zone`` on ``on_date`` from its communes standing then (the highest-paid one
    when they differ); empty when none is recorded."""
    regions = [unit.wage_region_on(on_date) for unit in zone.communes.all()]
    return min([r for r in regions if r], key=WageRegion.values.index, default="")


def _wages(c: _Costing):
    label = str(PART_LABELS["wages"])
    employees = c.assumptions.employees
    if not employees:
        c.missing.append(gettext("Wages: no number of employees given."))
        return None
    sources, notes = [], []
    region = zone_wage_region(c.zone, c.on_date)
    minimum = MinimumWage.objects.in_force(c.on_date, region=region) if region else None
    wage = c.assumptions.monthly_wage_vnd
    if minimum is not None:
        sources += [c.source(minimum), *c.zone_source(ZoneFigure.WAGE_REGION)]
    if wage is None:
        if minimum is None:
            c.missing.append(gettext("Wages: no monthly wage given and no regional minimum wage recorded for the "
                                     "zone on %(date)s.") % {"date": c.date(c.on_date)})
            return None
        wage = minimum.monthly_vnd
        notes.append(gettext("The regional minimum wage of region %(region)s: %(wage)s VND a month (a floor: real "
                             "wages are usually higher).") % {"region": region, "wage": number(wage)})
    else:
        notes.append(gettext("%(wage)s VND a month per employee, as given.") % {"wage": number(wage)})
        if minimum is not None and wage < minimum.monthly_vnd:
            notes.append(gettext("This is below the regional minimum wage of region %(region)s (%(minimum)s VND).")
                         % {"region": region, "minimum": number(minimum.monthly_vnd)})
    in_force = EmployerContribution.objects.in_force_each(c.on_date, "kind")
    contributions = [in_force[kind] for kind in ContributionKind.values if kind in in_force]
    rate = sum((row.rate_pct for row in contributions), Decimal("0"))
    if contributions:
        notes.append(gettext("Employer contributions: %(parts)s; %(rate)s%% of the wage in all.") % {
            "parts": "; ".join(f"{row.get_kind_display()} {number(row.rate_pct, 2)}%" for row in contributions),
            "rate": number(rate, 2)})
        sources += [c.source(row) for row in contributions]
    else:
        notes.append(gettext("No employer contribution rate is recorded: contributions are not included."))
    if c.no_rate(label):
        return None
    yearly_vnd = Decimal(employees) * wage * 12 * (1 + rate / HUNDRED)
    notes.append(gettext("%(count)s employees, 12 months a year, in today's wages.") % {"count": number(employees)})
    return _every_year(c.usd(yearly_vnd), c.assumptions.years), sources, notes


@dataclass(frozen=True)
class TaxSchedule:
    """A corporate income tax schedule: the rate payable each year (after exemption and reduction), and the
    policy that gives it (None for the standard rate)."""

    rates: list[Decimal]
    policy: object = None
    words: str = ""


def tax_schedule(standard_pct: Decimal, years: int, item: dict | None = None) -> list[Decimal]:
    """The effective tax rate (%) of each year 1..``years`` under an incentive ``item`` (a policy's incentive
    block: ``cit_rate_pct`` for ``cit_rate_years``, ``exemption_years``, then ``reduction_years`` at
    ``reduction_pct`` off), counted from year 1; the standard rate without one."""
    item = item or {}
    preferential, preferential_years = item.get("cit_rate_pct"), item.get("cit_rate_years")
    exemption, reduction = item.get("exemption_years") or 0, item.get("reduction_years") or 0
    reduction_pct = item.get("reduction_pct") or Decimal("0")
    rates = []
    for year in range(1, years + 1):
        rate = standard_pct
        if preferential is not None and (not preferential_years or year <= preferential_years):
            rate = Decimal(preferential)
        if year <= exemption:
            rate = Decimal("0")
        elif year <= exemption + reduction:
            rate = rate * (1 - Decimal(reduction_pct) / HUNDRED)
        rates.append(rate)
    return rates


CIT_FIELDS = ("cit_rate_pct", "cit_rate_years", "exemption_years", "reduction_years", "reduction_pct")


def _schedule_words(item: dict) -> str:
    parts = []
    if item.get("exemption_years"):
        parts.append(gettext("exempt for %(n)s years") % {"n": item["exemption_years"]})
    if item.get("reduction_years"):
        parts.append(gettext("%(pct)s%% off for the next %(n)s years")
                     % {"pct": Decimal(item.get("reduction_pct") or 0).normalize(), "n": item["reduction_years"]})
    if item.get("cit_rate_pct") is not None:
        if item.get("cit_rate_years"):
            parts.append(gettext("a %(pct)s%% rate for %(n)s years")
                         % {"pct": Decimal(item["cit_rate_pct"]).normalize(), "n": item["cit_rate_years"]})
        else:
            parts.append(gettext("a %(pct)s%% rate") % {"pct": Decimal(item["cit_rate_pct"]).normalize()})
    return ", ".join(parts)


def _discount_factors(years: int, discount_rate_pct: Decimal) -> list[Decimal]:
    """What one USD paid at the start of each year 1..``years`` is worth today (year 1 undiscounted)."""
    base = 1 + discount_rate_pct / HUNDRED
    return [1 / base ** (year - 1) for year in range(1, years + 1)]


def best_tax_schedule(zone, profile: ProjectProfile, standard_pct: Decimal, years: int, discount_rate_pct: Decimal,
                      on_date: datetime.date) -> TaxSchedule:
    """The most favourable schedule (lowest present value of the tax rates) among the corporate income tax
    incentives of the policies that apply to ``profile`` in ``zone``; the standard rate when none does."""
    factors = _discount_factors(years, discount_rate_pct)
    best = TaxSchedule(tax_schedule(standard_pct, years))
    best_value = sum(r * f for r, f in zip(best.rates, factors, strict=True))
    for incentive in incentives_for_project_in_zone(zone, profile, on_date):
        if incentive.status != "applies":
            continue
        for block in incentive.policy.items:
            item = {name: block.value.get(name) for name in CIT_FIELDS}
            if not any(value is not None and value != 0 for value in item.values()):
                continue
            rates = tax_schedule(standard_pct, years, item)
            value = sum(r * f for r, f in zip(rates, factors, strict=True))
            if value < best_value:
                best, best_value = TaxSchedule(rates, incentive.policy, _schedule_words(item)), value
    return best


def _policy_source(policy) -> Source:
    """A policy page as the source of a tax schedule: its legal document and title, linked to the page."""
    text = " — ".join(part for part in (policy.document_number, policy.title) if part)
    return Source(text=text, url=policy.url or "", as_of=policy.effective_from)


def _cit(c: _Costing, profile: ProjectProfile):
    profit = c.assumptions.annual_profit_usd
    if profit is None:
        c.missing.append(gettext("Corporate income tax: no taxable profit given."))
        return None
    standard = CorporateIncomeTaxRate.objects.in_force(c.on_date)
    if standard is None:
        c.missing.append(gettext("Corporate income tax: no standard rate in force on %(date)s.")
                         % {"date": c.date(c.on_date)})
        return None
    a = c.assumptions
    schedule = best_tax_schedule(c.zone, profile, standard.rate_pct, a.years, a.discount_rate_pct, c.on_date)
    sources = [c.source(standard)]
    notes = [gettext("%(profit)s USD of taxable profit a year; standard rate %(rate)s%%.")
             % {"profit": number(profit, 2), "rate": number(standard.rate_pct, 2)}]
    if schedule.policy is not None:
        sources.append(_policy_source(schedule.policy))
        notes.append(gettext("Most favourable incentive: %(policy)s (%(schedule)s), counted from year 1; the law "
                             "counts it from the first year with taxable income.")
                     % {"policy": schedule.policy.title, "schedule": schedule.words})
    else:
        notes.append(gettext("No corporate income tax incentive applies to your project here: the standard rate."))
    return [profit * rate / HUNDRED for rate in schedule.rates], sources, notes


def total_cost(zone, *, area_m2: Decimal, land_price_usd_m2: Decimal | None, profile: ProjectProfile,
               assumptions: CostAssumptions, on_date: datetime.date | None = None) -> CostBreakdown:
    """The total cost of occupying ``area_m2`` of ``zone`` at ``land_price_usd_m2`` for the project ``profile``
    over ``assumptions.years``, with the data in force on ``on_date`` (today): per year (1..N), by part, in total
    and as a present value (payments at the start of each year) in USD and VND."""
    on_date = on_date or timezone.localdate()
    area_m2 = Decimal(area_m2)
    c = _Costing(zone, on_date, assumptions)
    found = {
        "land_rent": _land_rent(c, area_m2, land_price_usd_m2),
        "fees": _fees(c, area_m2),
        "electricity": _electricity(c),
        "water": _water(c),
        "wages": _wages(c),
        "cit": _cit(c, profile),
    }
    factors = _discount_factors(assumptions.years, assumptions.discount_rate_pct)
    years = [YearCost(year, {}, Decimal("0")) for year in range(1, assumptions.years + 1)]
    parts = []
    for key in PART_KEYS:
        if found[key] is None:
            continue
        amounts, sources, notes = found[key]
        amounts = [_cents(amount) for amount in amounts]
        for year, amount in zip(years, amounts, strict=True):
            year.parts[key] = amount
            year.total_usd += amount
        total = sum(amounts, Decimal("0"))
        present = _cents(sum((amount * f for amount, f in zip(amounts, factors, strict=True)), Decimal("0")))
        parts.append(CostPart(key, str(PART_LABELS[key]), total, present, list(dict.fromkeys(sources)), notes))
    total = sum((part.total_usd for part in parts), Decimal("0"))
    present = sum((part.present_value_usd for part in parts), Decimal("0"))
    rate = c.rate
    if rate is not None:
        for part in parts:
            part.total_vnd, part.present_value_vnd = _vnd(part.total_usd * rate), _vnd(part.present_value_usd * rate)
        for year in years:
            year.total_vnd = _vnd(year.total_usd * rate)
    elif not c.rate_noted:
        c.missing.append(gettext("No USD–VND exchange rate in force on %(date)s: amounts are shown in USD only.")
                         % {"date": c.date(on_date)})
    return CostBreakdown(
        years=years, parts=parts, total_usd=total, total_vnd=_vnd(total * rate) if rate else None,
        present_value_usd=present, present_value_vnd=_vnd(present * rate) if rate else None,
        exchange_rate=c.source(c.rate_row) if c.rate_row else None, rate_vnd_per_usd=rate,
        assumptions=assumptions, missing=c.missing, on_date=on_date)
