"""Where figures come from: a source shown on demand with its date and checker, "may be out of date" after the
board's period, the zone page's sources and cost link, the admin's "Figures to check", and the demo's sources."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, zone_index
from tests.factories_zones import make_zone
from zones.figures import Source
from zones.models import ExchangeRate, FigureSettings, MinimumWage, ZoneFigureSource

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_a_source_is_stale_after_the_boards_period():
    row = ExchangeRate(vnd_per_usd=25000, effective_from=_days_ago(100), source="SBV", as_of=_days_ago(40))
    assert not row.source_info().stale  # default period: 365 days
    settings = FigureSettings.load()
    settings.stale_after_days = 30
    settings.save()
    assert row.source_info().stale
    row.checked_on = _days_ago(5)  # an officer confirmed it: current again, however old its "as of" date
    assert not row.source_info().stale
    row.as_of = row.checked_on = None
    assert row.source_info(stale_after_days=10_000).stale


def test_the_disclosure_shows_text_link_dates_checker_and_the_flag():
    html = render_to_string("zones/includes/figure_source.html", {"source": Source(
        "Decree <74>/2024", url="https://example.org/d74", as_of=datetime.date(2024, 7, 1), checked_by="Lan",
        checked_on=datetime.date(2024, 8, 1), stale=True)})
    assert "<details" in html and "<summary>" in html
    assert "Decree &lt;74&gt;/2024" in html and 'href="https://example.org/d74"' in html
    assert "Checked by Lan" in html and "may be out of date" in html
    fresh = render_to_string("zones/includes/figure_source.html", {"source": Source("Price list", as_of=_days_ago(1))})
    assert "may be out of date" not in fresh and "Not yet checked" in fresh
    assert render_to_string("zones/includes/figure_source.html", {"source": None}).strip() == ""


def test_zone_page_shows_sources_and_the_cost_link(client, home_page):
    zone = make_zone(zone_index(home_page), "sourced-park", management_fee_usd="0.5", power_mva="100")
    ZoneFigureSource.objects.create(zone=zone, figure="land_price", source="Operator price list Q1",
                                    as_of=_days_ago(10), checked_by="Minh", checked_on=_days_ago(5))
    ZoneFigureSource.objects.create(zone=zone, figure="power", source="EVN substation plan")
    response = client.get(zone.url)
    assert response.status_code == 200
    text = response.text
    assert "Operator price list Q1" in text and "Checked by Minh" in text
    assert "EVN substation plan" in text and text.count("flag-stale") == 1  # the power source has no date
    assert f"{reverse('zones:cost')}?zone=sourced-park" in text


def test_figures_to_check_lists_stale_and_unsourced_figures(client, admin_user, home_page):
    zone = make_zone(zone_index(home_page), "check-park")
    ZoneFigureSource.objects.create(zone=zone, figure="water", source="", as_of=_days_ago(1), checked_on=_days_ago(1))
    fine = ZoneFigureSource.objects.create(zone=zone, figure="power", source="Fine source", as_of=_days_ago(1),
                                           checked_on=_days_ago(1))
    old = ExchangeRate.objects.create(vnd_per_usd=24000, effective_from=_days_ago(800), source="Old rate",
                                      as_of=_days_ago(800), checked_on=_days_ago(800))
    client.force_login(admin_user)
    response = client.get(reverse("zones_figures_to_check"))
    assert response.status_code == 200
    rows = {row["figure"].obj: row for row in response.context["rows"]}
    water = next(obj for obj in rows if isinstance(obj, ZoneFigureSource))
    assert water.figure == "water" and "No source" in rows[water]["figure"].reasons
    assert rows[water]["edit_url"] == reverse("wagtailadmin_pages:edit", args=[zone.pk])
    assert fine not in rows
    assert any(reason.startswith("May be out of date") for reason in rows[old]["figure"].reasons)
    assert rows[old]["edit_url"] in response.text
    seeded = MinimumWage.objects.get(region="I", effective_from=datetime.date(2026, 1, 1))
    assert rows[seeded]["figure"].reasons[-1] == "Not checked"  # seeded unchecked: the board checks it
    assert "Figures to check" in response.text


def test_figures_to_check_needs_a_figure_keeper(client):
    user = UserFactory(username="viewer")
    client.force_login(user)
    assert client.get(reverse("zones_figures_to_check")).status_code != 200


def test_demo_zones_say_their_figures_are_illustrative(client, home_page):
    from zones import demo

    demo.load()
    zone = demo.ZonePage.objects.get(code="becamex-binh-phuoc", locale__language_code="en")
    sources = zone.figure_source_map
    assert set(sources) >= {"land_price", "fees", "water", "wage_region"}
    assert all(source.illustrative and source.as_of for source in sources.values())
    assert ExchangeRate.objects.get().illustrative
    vi = demo.ZonePage.objects.get(code="becamex-binh-phuoc", locale__language_code="vi")
    assert "minh họa" in vi.figure_sources.first().source
    plot = zone.all_plots().filter(status="available", land_use="industrial").first()
    response = client.get(reverse("zones:cost"), {"zone": zone.code, "plot": plot.code, "employees": "200",
                                                  "electricity_mwh_year": "5000", "water_m3_day": "100"})
    assert response.status_code == 200
    breakdown = response.context["breakdown"]
    assert [part.key for part in breakdown.parts] == ["land_rent", "fees", "electricity", "water", "wages"]
    assert breakdown.total_vnd == (breakdown.total_usd * 26000).quantize(1)


@pytest.mark.parametrize("model_name", ["exchangerate", "electricitytariff", "electricitybandhours", "minimumwage",
                                        "employercontribution", "corporateincometaxrate"])
def test_the_board_edits_cost_data_in_the_admin(client, admin_user, model_name):
    client.force_login(admin_user)
    listing = client.get(reverse(f"wagtailsnippets_zones_{model_name}:list"))
    assert listing.status_code == 200
    add = client.get(reverse(f"wagtailsnippets_zones_{model_name}:add"))
    assert add.status_code == 200 and 'name="source"' in add.text and 'name="as_of"' in add.text


def test_the_board_sets_the_staleness_period(client, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtailsettings:edit", args=["zones", "figuresettings", FigureSettings.load().pk])
    assert client.get(url).status_code == 200
    client.post(url, {"stale_after_days": "90"})
    assert FigureSettings.load().stale_after_days == 90
