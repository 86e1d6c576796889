"""The zone index's list and filter form kept per process (``zones.listing``) follow what they show: zones
published, unpublished, renamed or translated, plots saved one by one or in bulk, communes, sectors and places;
a visitor's project is judged in their own rows only."""

import pytest
from django.test import Client
from wagtail.models import Locale

from tests.factories import zone_index
from tests.factories_projects import make_sectors
from tests.factories_zones import commune, make_plots, make_zone
from zones import profiles
from zones.choices import PlotStatus
from zones.models import NamedPlace, Plot
from zones.signals import plots_changed

pytestmark = pytest.mark.django_db


def rows(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html.split('<ul class="zone-list">')[1].split("</ul>\n")[0] if '<ul class="zone-list">' in html else ""


def test_the_kept_list_follows_publishing_and_renaming(client, home_page):
    index = zone_index(home_page)
    park = make_zone(index, "park", title="Binh Park")
    assert "Binh Park" in rows(client, index.url)
    second = make_zone(index, "second", title="Second Park")
    assert "Second Park" in rows(client, index.url)
    park.unpublish()
    assert "Binh Park" not in rows(client, index.url)
    second.title = "Renamed Park"
    second.save_revision().publish()
    listed = rows(client, index.url)
    assert "Renamed Park" in listed and "Second Park" not in listed


def test_the_kept_list_follows_plots_and_communes(client, home_page):
    index = zone_index(home_page)
    park = make_zone(index, "park", title="Binh Park")
    entered = rows(client, index.url)
    assert "40 ha" in entered  # entered: 60 leasable, 20 leased
    make_plots(park, 2)  # written in bulk, as an import does, which then says so
    plots_changed.send(sender=Plot, zone=park)
    two = rows(client, index.url)
    assert "40 ha" not in two
    plot = Plot.objects.filter(zone=park).first()
    plot.status = PlotStatus.LEASED
    plot.save()
    one = rows(client, index.url)
    assert one not in (two, entered)
    park.communes.add(commune("tan-thanh", name_en="Tan Thanh Commune"))
    park.save_revision().publish()
    assert "Tan Thanh Commune" in rows(client, index.url)


def test_a_translated_zone_replaces_its_source_in_that_language(client, home_page):
    index = zone_index(home_page)
    park = make_zone(index, "park", title="Binh Park")
    vi_index = index.copy_for_translation(Locale.objects.get(language_code="vi"), copy_parents=True)
    vi_index.save_revision().publish()
    listed = rows(client, vi_index.url)
    assert "Binh Park" in listed and "data-source-text" in listed  # not translated yet: shown in English
    translated = park.copy_for_translation(Locale.objects.get(language_code="vi"))
    translated.title = "Khu công nghiệp Bình"
    translated.save_revision().publish()
    listed = rows(client, vi_index.url)
    assert "Khu công nghiệp Bình" in listed and "Binh Park" not in listed


def test_a_visitors_project_is_judged_in_their_own_rows_only(client, home_page):
    index = zone_index(home_page)
    make_zone(index, "park", title="Binh Park")
    anonymous = Client()
    first = rows(anonymous, index.url)
    client.get(index.url)
    session = client.session
    session[profiles.SESSION_KEY] = {"land_area_m2": "50000", "capital_usd": "20000000"}
    session.save()
    assert 'class="zone-fit"' in rows(client, index.url)
    assert rows(anonymous, index.url) == first and "zone-fit" not in first


def test_the_kept_filter_form_follows_communes_sectors_and_places(client, home_page):
    index = zone_index(home_page)
    park = make_zone(index, "park", title="Binh Park")

    def form() -> str:
        html = client.get(index.url).content.decode()
        return html[html.index('<div class="filter-grid">'):html.index('<p class="zone-actions">')]

    first = form()
    assert "Tan Thanh Commune" not in first and "Saigon Port" not in first
    commune("tan-thanh", name_en="Tan Thanh Commune").zones.add(park)  # the link table, from the commune's side
    assert "Tan Thanh Commune" in form()
    NamedPlace.objects.create(code="saigon-port", kind="port", name_vi="Cảng Sài Gòn", name_en="Saigon Port")
    assert "Saigon Port" in form()
    electronics = make_sectors()["2610"]
    assert electronics.name_en not in form()
    park.target_sectors.add(electronics)
    park.save_revision().publish()
    assert electronics.name_en in form()
