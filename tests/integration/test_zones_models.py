"""Zone and plot models: unique plot codes, projected areas, land figures computed as DB aggregates."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import square_m, zone_index
from tests.factories_zones import DONG_XOAI, make_plots, make_zone, vi_locale
from zones.choices import LandUse, PlotStatus
from zones.models import AdministrativeUnit, Plot, ZonePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return zone_index(home_page)


@pytest.mark.smoke
def test_plot_area_is_measured_in_a_projected_crs(index):
    zone = make_zone(index, "dx")
    plot = Plot(zone=zone, code="A1")
    plot.set_geometry(square_m(*DONG_XOAI, 100))
    plot.save()
    assert plot.area_m2 == pytest.approx(10_000, rel=1e-3)
    assert plot.area_ha == pytest.approx(1, abs=0.01)
    assert plot.min_lon == pytest.approx(DONG_XOAI[0], abs=1e-3) and plot.source_crs == "EPSG:4326"


def test_plot_edited_as_geojson_gets_its_area_on_save(index):
    zone = make_zone(index, "dx")
    plot = Plot.objects.create(zone=zone, code="A1",
                               geometry=square_m(*DONG_XOAI, 200).__geo_interface__)
    assert plot.area_m2 == pytest.approx(40_000, rel=1e-3)


def test_plot_code_is_unique_within_a_zone(index):
    zone, other = make_zone(index, "a"), make_zone(index, "b")
    Plot.objects.create(zone=zone, code="A1")
    Plot.objects.create(zone=other, code="A1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Plot.objects.create(zone=zone, code="A1")


def test_land_figures_come_from_plots_when_the_zone_has_plots(index):
    zone = make_zone(index, "with-plots")
    make_plots(zone, 3, status=PlotStatus.AVAILABLE, prefix="A")
    make_plots(zone, 2, status=PlotStatus.LEASED, prefix="L")
    make_plots(zone, 1, status=PlotStatus.RESERVED, prefix="R")
    make_plots(zone, 4, status=PlotStatus.AVAILABLE, land_use=LandUse.GREEN, prefix="G")  # not leasable
    land = ZonePage.objects.with_land().get(pk=zone.pk)
    assert land.plot_count == 10
    assert land.leasable_ha == pytest.approx(6.0, rel=1e-2)
    assert land.available_ha == pytest.approx(3.0, rel=1e-2)
    assert land.leased_ha == pytest.approx(2.0, rel=1e-2)
    assert land.reserved_ha == pytest.approx(1.0, rel=1e-2)
    assert land.occupancy_pct == pytest.approx(100 * 2 / 6, rel=1e-2)


def test_land_figures_fall_back_to_entered_values_without_plots(index):
    zone = make_zone(index, "no-plots", leasable_area_ha=60, leased_area_ha=15)
    land = ZonePage.objects.with_land().get(pk=zone.pk)
    assert land.plot_count == 0
    assert land.available_ha == pytest.approx(45)
    assert land.occupancy_pct == pytest.approx(25)


def test_plots_belong_to_every_translation_of_a_zone(index, home_page):
    zone = make_zone(index, "shared")
    make_plots(zone, 2)
    vi_index = index.copy_for_translation(vi_locale())
    vi_index.save_revision().publish()
    vi_zone = zone.copy_for_translation(vi_locale())
    assert vi_zone.all_plots().count() == 2
    assert ZonePage.objects.with_land().get(pk=vi_zone.pk).plot_count == 2


def test_zone_code_must_not_clash_with_another_zone(index):
    from django.core.exceptions import ValidationError

    make_zone(index, "taken")
    other = make_zone(index, "free")
    other.code = "taken"
    with pytest.raises(ValidationError):
        other.full_clean()


def test_administrative_units_express_the_2025_merger():
    binh_phuoc = AdministrativeUnit.objects.create(code="70", level="province", name_vi="Bình Phước",
                                                   valid_to="2025-06-30")
    dong_nai = AdministrativeUnit.objects.create(code="75-2025", level="province", name_vi="Đồng Nai",
                                                 valid_from="2025-07-01")
    binh_phuoc.successors.add(dong_nai)
    import datetime
    assert list(AdministrativeUnit.objects.valid_on(datetime.date(2025, 6, 30))) == [binh_phuoc]
    assert list(AdministrativeUnit.objects.valid_on(datetime.date(2025, 7, 1))) == [dong_nai]
    assert list(dong_nai.predecessors.all()) == [binh_phuoc]
