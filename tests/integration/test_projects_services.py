"""Registration, ownership rules, capital history, status transitions, plots and statistics definitions."""

import datetime
from decimal import Decimal

import pytest
import shapely
from django.core.exceptions import ValidationError

from projects.choices import CapitalChangeKind, ProjectStatus
from projects.models import CapitalChange, Project
from projects.services import (
    IllegalStatusChange,
    Share,
    add_capital_change,
    change_status,
    lease_plots,
    refresh_locations,
)
from projects.statistics import Filters, Period, cumulative_fdi, ranking, series, summary
from tests.factories_projects import investor, make_sectors, project
from zones.models import AdministrativeUnit, Plot, ZoneIndexPage, ZonePage

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_registration_creates_shares_first_capital_change_and_history():
    make_sectors()
    korean, local = investor("Hanil", "KR"), investor("Sao Viet", "VN")
    p = project("P-1", shares=[Share(korean, Decimal("60")), Share(local, Decimal("40"))],
                capital=Decimal("2000000"), rate=Decimal("23500"))
    assert p.kind == "fdi" and p.foreign_share_pct == Decimal("60") and p.lead_country == "KR"
    assert p.capital_vnd == Decimal("47000000000") and p.capital_usd == Decimal("2000000")
    change = CapitalChange.objects.get(project=p)
    assert change.kind == CapitalChangeKind.NEW and change.amount_usd == Decimal("2000000")
    assert p.status_history.count() == 1


@pytest.mark.parametrize("shares,message", [
    ([("KR", "60"), ("VN", "30")], "not 100%"),
    ([("KR", "100"), ("VN", "0")], "above 0%"),
])
def test_shares_must_total_100(shares, message):
    holders = [Share(investor(f"I{i}", country), Decimal(pct)) for i, (country, pct) in enumerate(shares)]
    with pytest.raises(ValidationError, match=message):
        project("P-2", shares=holders)
    assert not Project.objects.filter(code="P-2").exists()


def test_declared_kind_must_match_the_shares():
    from projects.services import register_project

    p = Project(code="P-3", name_vi="x", registered_on=datetime.date(2021, 1, 1), currency="VND",
                registered_capital=Decimal("1"), exchange_rate=Decimal("23000"),
                exchange_rate_date=datetime.date(2021, 1, 1))
    with pytest.raises(ValidationError, match="foreign share"):
        register_project(p, [Share(investor("Local", "VN"), Decimal("100"))], declared_kind="fdi")


def test_negative_capital_and_duplicate_code_are_refused():
    with pytest.raises(ValidationError):
        project("N-1", capital=Decimal("-1"))
    project("DUP")
    with pytest.raises(ValidationError):
        project("DUP")


def test_capital_changes_adjust_the_project_and_count_separately():
    p = project("C-1", capital=Decimal("1000000"), registered_on=datetime.date(2021, 1, 10))
    add_capital_change(p, CapitalChangeKind.INCREASE, Decimal("500000"), datetime.date(2021, 6, 1))
    add_capital_change(p, CapitalChangeKind.DECREASE, Decimal("200000"), datetime.date(2021, 8, 1))
    p.refresh_from_db()
    assert p.capital_usd == Decimal("1300000")
    figures = summary(Period.year(2021))
    assert figures["projects"] == 1
    assert figures["registered_usd"] == Decimal("1000000")
    assert figures["adjusted_usd"] == Decimal("300000")
    assert figures["total_usd"] == Decimal("1300000")
    assert summary(Period.year(2022))["previous"]["total_usd"] == Decimal("1300000")
    with pytest.raises(ValidationError):
        add_capital_change(p, CapitalChangeKind.DECREASE, Decimal("-5"), datetime.date(2021, 9, 1))


def test_status_changes_follow_the_table_and_leave_history():
    p = project("S-1")
    change_status(p, ProjectStatus.UNDER_CONSTRUCTION, date=datetime.date(2021, 5, 1))
    change_status(p, ProjectStatus.TERMINATED, date=datetime.date(2022, 5, 1))
    p.refresh_from_db()
    assert p.terminated_on == datetime.date(2022, 5, 1)
    with pytest.raises(IllegalStatusChange):
        change_status(p, ProjectStatus.OPERATING)
    assert list(p.status_history.values_list("to_status", flat=True)) == [
        "registered", "under_construction", "terminated"]
    # Terminated projects leave the cumulative FDI figure from their termination date.
    assert cumulative_fdi(datetime.date(2022, 4, 30))["projects"] == 1
    assert cumulative_fdi(datetime.date(2022, 5, 1))["projects"] == 0


def test_statistics_filters_rankings_series_and_previous_period():
    sectors = make_sectors()
    kr, jp, vn = investor("K", "KR"), investor("J", "JP"), investor("V", "VN")
    project("R-1", shares=[Share(kr, Decimal("100"))], capital=Decimal("3000000"), sector=sectors["2610"],
            registered_on=datetime.date(2022, 2, 1))
    project("R-2", shares=[Share(jp, Decimal("100"))], capital=Decimal("1000000"), sector=sectors["10"],
            registered_on=datetime.date(2022, 5, 1))
    project("R-3", shares=[Share(vn, Decimal("100"))], currency="VND", capital=Decimal("23000000000"),
            sector=sectors["26"], registered_on=datetime.date(2021, 5, 1))
    year = Period.year(2022)
    assert summary(year, Filters(country="JP"))["fdi_registered_usd"] == Decimal("1000000")
    assert summary(year, Filters(sector="26"))["projects"] == 1
    assert summary(year)["change_pct"]["projects"] == Decimal("100.0")
    top = ranking("country", year)
    assert [r["key"] for r in top] == ["KR", "JP"]
    assert [r["key"] for r in ranking("sector", Period.term())] == ["26", "10"]
    quarters = series(year, unit="quarter")
    assert [(q["bucket"], q["fdi_projects"]) for q in quarters] == [("Q1/2022", 1), ("Q2/2022", 1)]
    assert Period.quarter(2023, 1).previous() == Period.quarter(2022, 4)
    assert Period.term("2020-2025").previous().start == datetime.date(2015, 1, 1)


def make_zone(home_page):
    index = ZoneIndexPage(title="Zones", slug="zones")
    home_page.add_child(instance=index)
    zone = ZonePage(title="Minh Hung III", slug="minh-hung-3", code="minh-hung-3")
    zone.set_geometry(shapely.box(106.60, 11.40, 106.70, 11.50), "EPSG:4326")
    index.add_child(instance=zone)
    zone.save_revision().publish()
    old = AdministrativeUnit.objects.create(level="commune", code="old", name_vi="Cũ", valid_to="2025-06-30")
    new = AdministrativeUnit.objects.create(level="commune", code="new", name_vi="Mới", valid_from="2025-07-01")
    zone.communes.add(old, new)
    zone.save()
    return zone, old, new


def test_location_gives_zone_and_commune_valid_on_the_registration_date(home_page):
    zone, old, new = make_zone(home_page)
    inside = project("L-1", lon=106.65, lat=11.45, registered_on=datetime.date(2021, 1, 1))
    later = project("L-2", lon=106.65, lat=11.45, registered_on=datetime.date(2025, 8, 1))
    outside = project("L-3", lon=107.5, lat=12.5)
    assert inside.zone_id == zone.pk and inside.commune_id == old.pk
    assert later.commune_id == new.pk
    assert outside.zone_id is None
    Project.objects.filter(pk=outside.pk).update(lon=106.61, lat=11.41)
    assert refresh_locations(Project.objects.all()) == 1
    assert Project.objects.get(pk=outside.pk).zone_id == zone.pk
    assert ranking("zone", Period.custom(datetime.date(2020, 1, 1), datetime.date(2025, 12, 31)))[0]["projects"] == 3


def test_leasing_plots_marks_them_leased(home_page):
    zone, _old, _new = make_zone(home_page)
    plot = Plot(zone=zone, code="A1")
    plot.set_geometry(shapely.box(106.61, 11.41, 106.62, 11.42), "EPSG:4326")
    plot.save()
    other = Plot(zone=zone, code="A2")
    other.set_geometry(shapely.box(106.62, 11.41, 106.63, 11.42), "EPSG:4326")
    other.save()
    p = project("PL-1", lon=106.615, lat=11.415)
    lease_plots(p, [plot])
    plot.refresh_from_db()
    assert plot.status == "leased" and p.land_area_m2 > 0
    q = project("PL-2")
    with pytest.raises(ValidationError, match="another project"):
        lease_plots(q, [plot])
    lease_plots(p, [other])
    plot.refresh_from_db()
    assert plot.status == "available"
    occupancy = ZonePage.objects.filter(pk=zone.pk).with_land().get()
    assert occupancy.leased_ha > 0


def test_users_belong_to_investors(django_user_model):
    from projects.models import InvestorMembership

    user = django_user_model.objects.create_user("investor-user", password="pw")
    korean = investor("Hanil", "KR")
    mine = project("U-1", shares=[Share(korean, Decimal("100"))])
    project("U-2")
    InvestorMembership.objects.create(investor=korean, user=user, role="director")
    assert list(Project.objects.for_user(user)) == [mine]
    assert list(user.investors.all()) == [korean]


def test_plots_written_in_bulk_tell_each_zone_once(home_page):
    """Leasing, freeing and terminating update plots in one UPDATE each (no ``post_save``): ``plots_changed``
    names every zone whose land changed, once per write, and no zone that did not change."""
    from tests.factories import zone_index
    from tests.factories_zones import make_plots
    from tests.factories_zones import make_zone as zone_with_plots
    from zones.signals import plots_changed

    index = zone_index(home_page)
    east, west, quiet = (zone_with_plots(index, code) for code in ("east-park", "west-park", "quiet-park"))
    east_plots, west_plots = make_plots(east, 2), make_plots(west, 1)
    make_plots(quiet, 1)
    told = []

    def listen(sender, zone, **kwargs):
        told.append(zone.code)

    plots_changed.connect(listen)
    try:
        p = project("SIG-1")
        lease_plots(p, [*east_plots, *west_plots])
        assert sorted(told) == ["east-park", "west-park"]
        told.clear()
        lease_plots(p, east_plots)  # west's plot is released
        assert told == ["west-park"]
        told.clear()
        change_status(p, ProjectStatus.TERMINATED)
        assert told == ["east-park"]
    finally:
        plots_changed.disconnect(listen)
    assert set(Plot.objects.values_list("status", flat=True)) == {"available"}
