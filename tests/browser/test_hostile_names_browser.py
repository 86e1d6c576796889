"""Names reach maps and charts as text: a zone, plot, commune, sector and agency named with markup put no
element into any page that draws a map or a chart, in tooltips, popups, legends or chart labels."""

import datetime
from decimal import Decimal

import pytest

from licensing.models import Agency
from projects.services import Share
from search.services import rebuild_index
from tests.factories import square_deg, zone_index
from tests.factories_licensing import load_catalogue
from tests.factories_maps import make_plot, make_zone
from tests.factories_projects import investor, make_sectors, project
from zones.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKUP = '<img src=x class=injected onerror="window.pwned=1"><b id=pwn>!</b>'

INJECTED = "!!(document.getElementById('pwn') || document.querySelector('img.injected') || window.pwned)"
SHOWN_AS_TEXT = """() => [...document.querySelectorAll(
  '.leaflet-popup-content, .leaflet-tooltip, .map-legend, [class*=legend], table, h1, li, td, option, strong')]
  .some(el => el.textContent.includes('<b id=pwn>'))"""


def open_everything(page) -> int:
    """Point at and click every shape and marker of the page's maps, as a visitor would: tooltips and popups
    open. Returns how many there were."""
    targets = page.locator(".leaflet-interactive, .leaflet-marker-icon")
    count = targets.count()
    for i in range(count):
        target = targets.nth(i)
        if not target.is_visible():
            continue
        target.hover(force=True, timeout=5000)
        target.click(force=True, timeout=5000)
    return count


@pytest.fixture
def hostile_site(home_page):
    index = zone_index(home_page)
    zone = make_zone(index, f"Park {MARKUP}", square_deg(106.60, 11.45, 0.2), code="hostile-park")
    make_plot(zone, "P<b id=pwn>", square_deg(106.62, 11.47, 0.01))
    commune = AdministrativeUnit.objects.create(level="commune", code="c-hostile", name_vi=f"Xã {MARKUP}",
                                                name_en=f"Commune {MARKUP}")
    sectors = make_sectors()
    sector = next(iter(sectors.values()))
    sector.name_en = sector.name_vi = f"Sector {MARKUP}"
    sector.save()
    for i in range(2):
        project(f"HOST-{i}", shares=[Share(investor(f"Investor {MARKUP}", "KR"), Decimal("100"))],
                capital=Decimal("5000000"), registered_on=datetime.date(2022, 3 + i, 1), lon=106.62 + i / 10, lat=11.50,
                commune=commune, sector=sector)
    load_catalogue()
    Agency.objects.filter(pk=Agency.objects.order_by("pk").first().pk).update(name_en=f"Agency {MARKUP}",
                                                                              name_vi=f"Sở {MARKUP}")
    rebuild_index()
    return zone


@pytest.mark.parametrize("language", ["en", "vi"])
def test_hostile_names_stay_text_on_every_map_and_chart(browser_page, hostile_site, language):
    # The zone pages exist in English only here; the other pages are built for every language.
    zone_pages = ["/en/zones/", hostile_site.url] if language == "en" else []
    pages = [f"/{language}/", *zone_pages,
             f"/{language}/projects/dashboard/",
             f"/{language}/search/?q=park", f"/{language}/licensing/performance/"]
    page = browser_page.page
    opened = 0
    for path in filter(None, pages):
        browser_page.goto(path)
        opened += open_everything(page)
        assert not page.evaluate(INJECTED), f"markup from a name became an element on {path}"
    assert opened > 0  # the maps were there and their shapes and markers were opened


def test_hostile_names_are_shown_as_text(browser_page, hostile_site):
    browser_page.goto(hostile_site.url)
    page = browser_page.page
    open_everything(page)
    assert page.evaluate(SHOWN_AS_TEXT)
    assert "Park <img src=x" in page.locator("h1").inner_text()
