"""The parts of a zone page kept per process (``zones.page_parts``: key facts, land, infrastructure, sectors,
text, gallery and brochures; the table of plots) follow what they show: a publish, a commune, a sector, a named
place, a figure's source and the board's figure settings, a gallery image and a brochure's document, the plots;
they are kept apart by area unit, and by visitor where a visitor's own shortlist or CSRF token shows; a kept page
reads fewer queries than a rebuilt one."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import zone_index
from tests.factories_projects import make_sectors
from tests.factories_zones import commune, make_plots, make_zone
from zones import page_parts, shortlist
from zones.choices import PlotStatus
from zones.models import (
    FigureSettings,
    NamedPlace,
    Plot,
    ZoneBrochure,
    ZoneDistance,
    ZoneFigureSource,
    ZoneGalleryImage,
)
from zones.signals import plots_changed

pytestmark = pytest.mark.django_db


def test_the_kept_parts_follow_a_publish_and_the_rows_they_name(client, home_page):
    park = make_zone(zone_index(home_page), "park", title="Binh Park", developer="First Developer JSC")
    assert "First Developer JSC" in client.get(park.url).text
    park.developer = "Second Developer JSC"
    park.save_revision().publish()
    page = client.get(park.url).text
    assert "Second Developer JSC" in page and "First Developer JSC" not in page

    ward = commune("tan-thanh", name_en="Tan Thanh Ward")
    ward.zones.add(park)  # the link table, from the commune's side
    assert "Tan Thanh Ward" in client.get(park.url).text
    ward.name_en = "Tan Thanh New Ward"
    ward.save()
    assert "Tan Thanh New Ward" in client.get(park.url).text

    electronics = make_sectors()["2610"]
    park.target_sectors.add(electronics)  # a parental link: written by the publish
    park.save_revision().publish()
    assert electronics.name_en in client.get(park.url).text
    electronics.name_en = "Electronic components (renamed)"
    electronics.save()
    assert "Electronic components (renamed)" in client.get(park.url).text

    port = NamedPlace.objects.create(code="port", kind="port", name_vi="Cảng", name_en="River Port")
    ZoneDistance.objects.create(zone=park, place=port, road_km=Decimal("12"))
    assert "River Port" in client.get(park.url).text
    port.name_en = "Deep-water Port"
    port.save()
    assert "Deep-water Port" in client.get(park.url).text


def test_the_kept_parts_follow_figure_sources_and_settings(client, home_page):
    park = make_zone(zone_index(home_page), "park", power_mva="100")
    assert "Grid operator plan" not in client.get(park.url).text
    ZoneFigureSource.objects.create(zone=park, figure="power", source="Grid operator plan",
                                    as_of=timezone.localdate() - datetime.timedelta(days=40))
    page = client.get(park.url).text
    assert "Grid operator plan" in page and "flag-stale" not in page
    settings = FigureSettings.load()
    settings.stale_after_days = 30
    settings.save()
    assert "flag-stale" in client.get(park.url).text


def test_the_kept_parts_follow_the_gallery_and_brochures(client, home_page):
    park = make_zone(zone_index(home_page), "park")
    first = client.get(park.url).text
    assert 'id="gallery-title"' not in first and "og-default.png" in first
    image = Image.objects.create(title="Aerial view", file=get_test_image_file(size=(800, 450)))
    ZoneGalleryImage.objects.create(zone=park, image=image, locale=park.locale, caption="From <above>")
    page = client.get(park.url).text
    assert 'id="gallery-title"' in page and "From &lt;above&gt;" in page and "og-default.png" not in page
    document = Document.objects.create(title="Price list 2026", file=ContentFile(b"%PDF-1.4", name="prices.pdf"))
    ZoneBrochure.objects.create(zone=park, document=document, locale=park.locale)
    assert "Price list 2026" in client.get(park.url).text
    document.title = "Price list 2027"
    document.save()
    assert "Price list 2027" in client.get(park.url).text


def test_the_kept_parts_are_kept_apart_by_unit(client, home_page):
    park = make_zone(zone_index(home_page), "park", total_area_ha=Decimal("100"))
    assert "100 ha" in client.get(park.url).text
    assert "1,000,000 m²" in client.get(park.url, {"unit": "m2"}).text
    assert "100 ha" in client.get(park.url, {"unit": "ha"}).text


def test_a_kept_page_reads_fewer_queries_than_a_rebuilt_one(client, home_page):
    park = make_zone(zone_index(home_page), "park", developer="Developer JSC")
    ward = commune("ward", name_en="Ward")
    ward.zones.add(park)
    client.get(park.url)
    with CaptureQueriesContext(connection) as kept:
        client.get(park.url)
    page_parts.follow()
    with CaptureQueriesContext(connection) as rebuilt:
        client.get(park.url)
    read = [query["sql"] for query in kept.captured_queries]
    assert len(kept) < len(rebuilt)
    assert not any("zones_administrativeunit" in sql or "zones_zonedistance" in sql for sql in read)


def test_the_kept_parts_follow_the_land_figures_of_the_plots(client, home_page):
    park = make_zone(zone_index(home_page), "park", leasable_area_ha=Decimal("60"), leased_area_ha=Decimal("20"))
    assert "40 ha" in client.get(park.url).text  # entered on the zone: 60 leasable, 20 leased
    make_plots(park, 2, side_m=100)  # written in bulk, as an import does, which then says so
    plots_changed.send(sender=Plot, zone=park)
    page = client.get(park.url).text
    assert "40 ha" not in page and "2 ha" in page  # two plots of one hectare, both available


def _plot_rows(html: str) -> str:
    return html.split('<table class="plots-table">')[1].split("</table>")[0]


def test_the_kept_plot_table_follows_plots_and_each_visitors_shortlist_and_token(home_page):
    park = make_zone(zone_index(home_page), "park")
    make_plots(park, 3)
    plots_changed.send(sender=Plot, zone=park)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rows = _plot_rows(first.get(park.url).text)
    assert rows.count('value="add"') == 3 and 'value="remove"' not in rows
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', rows).group(1)
    added = first.post(reverse("zones:shortlist"), {"item": shortlist.plot_key("park", "P2"), "action": "add",
                                                     "next": park.url, "csrfmiddlewaretoken": token})
    assert added.status_code == 302  # the token in the kept table is this visitor's own
    mine = _plot_rows(first.get(park.url).text)
    assert mine.count('value="remove"') == 1 and mine.count('value="add"') == 2
    theirs = _plot_rows(second.get(park.url).text)
    assert 'value="remove"' not in theirs and token not in theirs
    plot = Plot.objects.get(zone=park, code="P3")
    plot.status = PlotStatus.LEASED
    plot.save()
    assert _plot_rows(second.get(park.url).text).count('value="add"') == 2
