"""What the public pages keep between requests stays true to the data: the zone pages' land figures computed
from one grouped query equal ``with_land``'s; the infrastructure kept per process is rebuilt after a GIS import
(bulk writes, no ``post_save``); the home page's registry figures are rebuilt when the registry changes; a
zone's incentives kept per process follow the policies, their rules and the zone's communes; a zone's plot
table and land figures kept per process follow its plots."""

from decimal import Decimal

import pytest
from wagtail.models import Page

from projects.models import CapitalChange
from tests.factories import zone_index
from tests.factories_zones import commune, incentive_index, make_plots, make_policy, make_zone, rule
from tests.integration.test_zones_infrastructure_import import POINT, confirm, feature, geojson_file, upload
from zones.choices import LandUse, PlotStatus, ZoneKind
from zones.models import EligibilityCondition, Plot, ZonePage
from zones.services import LAND_FIGURES

pytestmark = pytest.mark.django_db


def test_land_for_gives_the_figures_of_with_land(home_page):
    index = zone_index(home_page)
    plotted = make_zone(index, "plotted")
    make_plots(plotted, 3, prefix="A")
    make_plots(plotted, 2, status=PlotStatus.LEASED, prefix="L")
    make_plots(plotted, 1, status=PlotStatus.RESERVED, prefix="R")
    make_plots(plotted, 2, land_use=LandUse.GREEN, prefix="G")
    only_green = make_zone(index, "only-green")
    make_plots(only_green, 2, land_use=LandUse.GREEN)
    make_zone(index, "entered")
    make_zone(index, "leased-unknown", leased_area_ha=None)
    make_zone(index, "nothing-entered", leasable_area_ha=None, leased_area_ha=None)
    expected = {zone.pk: zone for zone in ZonePage.objects.with_land()}
    figured = ZonePage.objects.land_for(list(ZonePage.objects.all()))
    assert len(figured) == len(expected) == 5
    for zone in figured:
        for name in LAND_FIGURES:
            assert getattr(zone, name) == pytest.approx(getattr(expected[zone.pk], name)), (zone.code, name)
    assert {zone.code: zone.occupancy_pct for zone in figured}["nothing-entered"] is None


def test_imported_infrastructure_reaches_the_zone_index(client, admin_user, home_page, tmp_path):
    index = zone_index(home_page)
    make_zone(index, "dong-xoai")
    assert "Trạm biến áp Đồng Xoài" not in client.get(index.url).content.decode()  # kept: no infrastructure
    client.force_login(admin_user)
    path = geojson_file(tmp_path, "tram.geojson", [feature(POINT, ten="Trạm biến áp Đồng Xoài", loai="Trạm biến áp")])
    confirm(client, upload(client, path))
    client.logout()
    html = client.get(index.url).content.decode()
    assert 'data-overlay-key="substation"' in html and "Trạm biến áp Đồng Xoài" in html


def test_home_figures_follow_the_registry(client, demo_registry):
    assert "28,929" in client.get("/en/").content.decode()
    CapitalChange.objects.all().delete()
    assert "28,929" not in client.get("/en/").content.decode()


def test_the_kept_filter_form_follows_the_zones_choices(client, home_page):
    index = zone_index(home_page)
    make_zone(index, "park")
    def form() -> str:
        html = client.get(index.url).content.decode()
        return html[html.index('<div class="filter-grid">'):html.index('<p class="zone-actions">')]

    first = form()
    assert 'value="industrial_park"' in first and 'value="export_processing_zone"' not in first
    assert form() == first  # kept, the same
    make_zone(index, "epz", kind=ZoneKind.EXPORT_PROCESSING_ZONE)
    assert 'value="export_processing_zone"' in form()


def test_zone_incentives_follow_policies_rules_and_communes(client, home_page):
    zone = make_zone(zone_index(home_page), "park", kind=ZoneKind.INDUSTRIAL_PARK)
    policies = incentive_index(home_page)

    def incentives() -> str:
        return client.get(zone.url).text.split('id="incentives-title"')[1].split("</section>")[0]

    assert "Park policy" not in incentives()
    policy = make_policy(policies, "park-policy", [rule("Parks qualify", ("zone_kind", "in", "industrial_park"))],
                         title="Park policy")
    assert "Park policy" in incentives()  # a published policy
    EligibilityCondition.objects.filter(rule__policy=policy).update(value="economic_zone")
    assert "Park policy" in incentives()  # kept: a bulk update sends no signal
    condition = EligibilityCondition.objects.get(rule__policy=policy)
    condition.save()
    assert "Park policy" not in incentives()  # a saved condition
    make_policy(policies, "difficult", [rule("Difficult communes", ("difficult_area", "eq", "true"))],
                title="Difficult policy")
    assert "Difficult policy" not in incentives()
    poor = commune("poor", difficult=True)
    zone.communes.add(poor)
    zone.save_revision().publish()
    assert "Difficult policy" in incentives()  # the zone's communes
    Page.objects.get(slug="difficult").specific.unpublish()
    assert "Difficult policy" not in incentives()  # an unpublished policy
    Page.objects.get(slug="difficult").specific.save_revision().publish()
    assert "Difficult policy" in incentives()
    poor.difficult_conditions = False
    poor.save()
    assert "Difficult policy" not in incentives()  # a commune's change
    other, far = commune("other", difficult=True), commune("far", difficult=True)
    assert "Difficult policy" not in incentives()
    ZonePage.communes.through.objects.create(zonepage=zone, administrativeunit=other)
    assert "Difficult policy" not in incentives()  # kept: a row written without a signal
    far.zones.add(zone)
    assert "Difficult policy" in incentives()  # a commune linked from its side


def test_zone_plot_table_and_land_follow_the_plots(client, home_page, django_capture_on_commit_callbacks):
    zone = make_zone(zone_index(home_page), "plotted")
    make_plots(zone, 3)

    def table() -> str:
        return client.get(zone.url).text.split('id="plots-title"')[1].split("</section>")[0]

    def land() -> str:
        return client.get(zone.url).text.split('id="land-title"')[1].split("</section>")[0]

    def leased_on_map() -> int:
        return client.get(zone.url).text.count("map-plot-leased")

    assert "3 plots." in table() and "status-leased" not in table()
    none_leased = leased_on_map()
    assert "<strong>3 ha</strong>" in land()  # three available plots of one hectare
    Plot.objects.filter(zone=zone, code="P1").update(status=PlotStatus.LEASED)
    assert "status-leased" not in table() and "<strong>3 ha</strong>" in land()  # kept: no signal
    plot = Plot.objects.get(zone=zone, code="P2")
    plot.status = PlotStatus.LEASED
    with django_capture_on_commit_callbacks(execute=True):
        plot.save()
    assert table().count("status-leased") == 2 and "<strong>1 ha</strong>" in land()  # a saved plot
    assert leased_on_map() > none_leased  # and the map's plots
    with django_capture_on_commit_callbacks(execute=True):
        Plot.objects.get(zone=zone, code="P3").delete()
    assert "2 plots." in table() and "P3" not in table()  # a deleted plot
    with django_capture_on_commit_callbacks(execute=True):
        Plot.objects.filter(zone=zone).set_status(PlotStatus.AVAILABLE)
    assert "status-leased" not in table() and "<strong>2 ha</strong>" in land()  # in bulk (plots_changed)
    assert leased_on_map() == none_leased
    zone.land_price_min_usd = Decimal("12.50")
    zone.save_revision().publish()
    assert "12.50" in table()  # the zone's price prices the plots without their own
