"""The GIS import preview warns, before anything is saved, about replacements that shrink or grow an area by
more than half, new zones named like an existing one, Vietnamese names going into the English zone index,
and shows how a replaced plot's land use and status change."""

import pytest
from django.urls import reverse

from tests.factories import zone_index
from tests.factories_gis import CORPUS, zone_with_boundary
from tests.factories_zones import make_plots
from zones.choices import LandUse, PlotStatus
from zones.models import ImportRecord, ImportStatus, Plot, ZonePage

pytestmark = pytest.mark.django_db
WARNINGS = 'class="help-block help-warning gis-preview-warnings"'


def upload(client, name, **data):
    """Upload ``name`` from the corpus (as zones unless ``target`` says otherwise); the preview page's HTML."""
    with open(CORPUS / name, "rb") as handle:
        response = client.post(reverse("gis_import"), {"file": handle, "target": "zones", **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def confirm_latest(client):
    record = ImportRecord.objects.latest("created_at")
    client.post(reverse("gis_import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE


def warnings_of(html: str) -> str:
    start = html.find(WARNINGS)
    return html[start:html.index("</div>", start)] if start >= 0 else ""


def test_an_area_changed_by_more_than_half_is_named_with_both_areas(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "vn2000_cp1258.zip", publish="on")
    confirm_latest(client)
    ZonePage.objects.filter(code="hoa-lu").update(area_m2=279_059_700)  # 27,905.97 ha; the file has 400 ha
    ZonePage.objects.filter(code="dong-xoai-1").update(area_m2=4_400_000)  # 440 ha: a tenth off, no warning

    html = upload(client, "vn2000_cp1258.zip")

    warnings = warnings_of(html)
    assert "Zone hoa-lu: saving changes its area from 27,905.97 ha to 400.00 ha, by more than half." in warnings
    assert "dong-xoai-1" not in warnings and "minh-hung-3" not in warnings
    assert ZonePage.objects.get(code="hoa-lu").area_m2 == 279_059_700  # nothing saved at preview
    assert ImportRecord.objects.latest("created_at").status == ImportStatus.PREVIEWED


def test_a_new_zone_named_like_an_existing_one_is_flagged(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "zones_ok.geojson", publish="on")
    confirm_latest(client)
    ZonePage.objects.filter(code="chon-thanh-1").update(title="KCN CHƠN THÀNH I")  # the same name, folded and
    ZonePage.objects.filter(code="becamex").update(title="Becamex Bình Phước Industrial Park")  # without its kind

    html = upload(client, "zones_ok.kml", code_column="")  # no code column: the codes are new

    warnings = warnings_of(html)
    assert "“Becamex Binh Phuoc” comes with the code" in warnings
    assert ("but zone becamex is already called “Becamex Bình Phước Industrial Park”: saving creates a second zone"
            in warnings)
    assert "zone chon-thanh-1 is already called “KCN CHƠN THÀNH I”" in warnings
    assert ZonePage.objects.count() == 2  # nothing saved at preview


def test_same_codes_and_names_raise_no_duplicate_name_warning(client, home_page, admin_user):
    zone_index(home_page)
    client.force_login(admin_user)
    upload(client, "zones_ok.geojson", publish="on")
    confirm_latest(client)

    html = upload(client, "zones_ok.geojson")

    assert WARNINGS not in html


def test_vietnamese_names_into_the_english_index_are_flagged(client, home_page, admin_user):
    index = zone_index(home_page)
    assert index.locale.language_code == "en"
    client.force_login(admin_user)

    html = upload(client, "vn2000_cp1258.zip")

    warnings = warnings_of(html)
    assert "The zone names in the file are Vietnamese (e.g. “Khu công nghiệp Minh Hưng III”)" in warnings
    assert "English zone index “Zones”: saving replaces the English titles by Vietnamese ones" in warnings
    assert not ZonePage.objects.exists()
    assert "are Vietnamese" not in upload(client, "zones_ok.geojson")  # plain ASCII names: no warning


def test_plot_preview_shows_status_and_land_use_changes_and_saves_nothing(client, home_page, admin_user):
    zone = zone_with_boundary(home_page)
    make_plots(zone, 1, status=PlotStatus.LEASED, land_use=LandUse.WAREHOUSE, prefix="A-0")
    Plot.objects.filter(code="A-01").update(area_m2=50_000_000)
    client.force_login(admin_user)

    html = upload(client, "plots_ok_update.geojson", target="plots", zone=zone.pk)

    assert '<td class="gis-change-status"><strong>Leased → Available</strong></td>' in html
    assert '<td class="gis-change-land-use"><strong>Warehouse → Industrial</strong></td>' in html
    assert "Plot A-01: saving changes its area from 5,000.00 ha to" in warnings_of(html)
    plot = Plot.objects.get(code="A-01")
    assert (plot.status, plot.land_use, plot.area_m2) == ("leased", "warehouse", 50_000_000)
    assert not Plot.objects.filter(code="A-04").exists()
