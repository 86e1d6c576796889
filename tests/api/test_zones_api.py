"""The zones and plots of the public API: published zones only, in the language asked, filtered and ordered as
the zone index does, paged with cursors, with conditional reads and public fields only."""

import datetime
import time
from decimal import Decimal
from urllib import parse

import pytest
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from api.problems import PROBLEM_TYPE
from portal import demo
from search.services import index_object
from tests.factories import square_m, zone_index
from tests.factories_zones import commune, make_plots, make_zone, vi_locale
from zones.choices import LandUse, PlotStatus, ZoneKind, ZoneStatus
from zones.models import NamedPlace, Plot, Sector, ZoneDistance, ZoneFigureSource, ZonePage

SECRET = "ZZSECRET-41c7"
ZONES, PLOTS = "/api/v1/zones/", "/api/v1/plots/"


def _build():
    home = demo.ensure_home_pages(languages=("en", "vi"))
    index = zone_index(home)
    hcmc = NamedPlace(code="hcmc", kind="city", name_vi="TP. Hồ Chí Minh", name_en="Ho Chi Minh City")
    hcmc.set_geometry(square_m(106.70, 10.77, 10))
    hcmc.save()
    electronics, _ = Sector.objects.update_or_create(code="26", defaults={
        "level": "division", "name_vi": "Điện tử", "name_en": "Electronics"})
    food, _ = Sector.objects.update_or_create(code="10", defaults={
        "level": "division", "name_vi": "Thực phẩm", "name_en": "Food"})
    ward = commune("tan-phu", name_en="Tan Phu ward", name_vi="Phường Tân Phú")
    former = commune("old-ward", name_en="Old ward", name_vi="Phường cũ", valid_to=datetime.date(2025, 6, 30))

    alpha = make_zone(index, "alpha", "Alpha Park", land_price_min_usd=Decimal("45"), land_price_max_usd=Decimal("60"),
                      summary="Alpha summary", body="<p>Alpha <b>body</b></p>", management_fee_usd=Decimal("0.5"),
                      infrastructure_fee_usd=Decimal("0.25"), power_mva=Decimal("100"), water_supply_m3_day=5000,
                      telecom="Fibre", developer="Alpha Developer JSC", contact_name=f"Mr {SECRET}",
                      contact_email="secret-contact@example.org", contact_phone=SECRET,
                      industrial_land_ha=Decimal("80"))
    alpha.communes = [ward, former]
    alpha.target_sectors = [electronics]
    alpha.restricted_sectors = [food]
    alpha.distances = [ZoneDistance(place=hcmc, road_km=Decimal("90"), travel_minutes=120)]
    alpha.save_revision().publish()
    ZoneFigureSource.objects.create(zone=alpha, figure="land_price", source="Operator price list",
                                    as_of=datetime.date(2025, 1, 1), checked_by=f"Officer {SECRET}")
    vi_alpha = alpha.copy_for_translation(vi_locale(), copy_parents=True)
    vi_alpha.title, vi_alpha.summary = "Khu công nghiệp Alpha", "Tóm tắt Alpha"
    vi_alpha.save_revision().publish()
    make_plots(alpha, 2, side_m=100)
    leased = make_plots(alpha, 1, status=PlotStatus.LEASED, land_use=LandUse.WAREHOUSE, side_m=150, prefix="L")[0]
    Plot.objects.filter(zone=alpha).update(notes=f"Plot notes {SECRET}")
    Plot.objects.filter(zone=alpha, code="P2").update(price_override_usd=Decimal("80"))

    beta = make_zone(index, "beta", "Beta Zone", kind=ZoneKind.BORDER_GATE_ECONOMIC_ZONE,
                     status=ZoneStatus.EXPANDING, land_price_min_usd=Decimal("30"), land_price_max_usd=None,
                     geometry=square_m(106.56, 11.90, 3000))
    gamma = make_zone(index, "gamma", "Gamma Park", land_price_min_usd=None, land_price_max_usd=None,
                      geometry=square_m(106.60, 11.70, 2000))
    draft = make_zone(index, "draft-zone", "Draft Park", publish=False)
    make_plots(draft, 1, prefix="D")
    private = make_zone(index, "private-zone", "Private Park")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    hidden = make_plots(private, 1, prefix="H")[0]
    for pk in ZonePage.objects.values_list("pk", flat=True):  # what the worker does after each publish
        index_object("zone", pk)
    return {"alpha": alpha, "vi_alpha": vi_alpha, "beta": beta, "gamma": gamma, "ward": ward, "leased": leased,
            "hidden": hidden, "draft_plot": Plot.objects.get(zone=draft)}


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Three published zones (one translated into Vietnamese, one plotted), a draft and a private one, built
    once for the module and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def assert_problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_TYPE
    body = response.json()
    assert body["status"] == status
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body
    return body


# Zones --------------------------------------------------------------------------------------------------------

def test_the_list_shows_the_published_zones_with_their_public_fields(client, data):
    response = client.get(ZONES)

    assert codes(response) == ["alpha", "beta", "gamma"]  # neither the draft nor the private zone
    alpha = response.json()["results"][0]
    assert alpha["id"] == data["alpha"].pk and alpha["name"] == "Alpha Park" and alpha["language"] == "en"
    assert (alpha["kind"], alpha["kind_label"]) == ("industrial_park", "Industrial park")
    assert (alpha["status"], alpha["status_label"]) == ("operating", "Operating")
    assert alpha["summary"] == "Alpha summary"
    assert alpha["communes"] == [{"id": data["ward"].pk, "code": "tan-phu", "name": "Tan Phu ward"}]  # today's
    assert alpha["target_sectors"] == [{"code": "26", "name": "Electronics"}]
    assert alpha["restricted_sectors"] == [{"code": "10", "name": "Food"}]
    areas = alpha["areas"]
    assert areas["total_ha"] == 100.0 and areas["industrial_ha"] == 80.0
    # From the plots: two available plots of 1 ha, one leased warehouse of 2.25 ha.
    assert areas["available_ha"] == pytest.approx(2.0, rel=1e-2)
    assert areas["leasable_ha"] == pytest.approx(4.25, rel=1e-2)
    assert areas["leased_ha"] == pytest.approx(2.25, rel=1e-2)
    assert alpha["land_price"] == {"min_usd_m2": 45.0, "max_usd_m2": 60.0, "basis": "lease_term",
                                   "basis_label": "for the remaining lease term (paid once)"}
    assert alpha["fees"] == {"management_usd_m2_year": 0.5, "infrastructure_usd_m2_year": 0.25,
                             "lease_term_end": None}
    assert alpha["infrastructure"]["power_mva"] == 100.0
    assert alpha["infrastructure"]["water_supply_m3_day"] == 5000 and alpha["infrastructure"]["telecom"] == "Fibre"
    assert alpha["url"] == "http://testserver/en/zones/alpha/"
    west, south, east, north = alpha["bbox"]
    lon, lat = alpha["centroid"]
    assert west < lon < east and south < lat < north and 106.89 < west < 106.91
    assert alpha["links"]["ogc"] == "http://testserver/ogc/collections/zones/items/alpha"
    assert alpha["links"]["api"] == "http://testserver/api/v1/zones/alpha"
    assert alpha["links"]["geojson"] == f"http://testserver/en/maps/zones/{data['alpha'].pk}.geojson"
    assert alpha["links"]["plots"] == "http://testserver/api/v1/plots/?zone=alpha"
    published = ZonePage.objects.filter(code="alpha").aggregate(latest=Max("last_published_at"))["latest"]
    shown = datetime.datetime.fromisoformat(alpha["last_published_at"].replace("Z", "+00:00"))
    assert abs(shown - published) < datetime.timedelta(milliseconds=1)
    beta = response.json()["results"][1]
    assert beta["areas"]["available_ha"] == 40.0 and beta["land_price"]["max_usd_m2"] is None


def test_the_list_and_a_zone_keep_contacts_and_notes_to_themselves(client, data):
    for url in (ZONES, f"{ZONES}alpha", f"{ZONES}alpha?lang=vi"):
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET not in response.text and "secret-contact" not in response.text
        assert "contact" not in response.text.lower()


def test_a_translated_zone_answers_in_vietnamese_by_parameter_and_by_header(client, data):
    by_parameter = client.get(ZONES, {"lang": "vi"}).json()["results"]
    by_header = client.get(ZONES, HTTP_ACCEPT_LANGUAGE="vi").json()["results"]

    assert by_parameter == by_header
    # In Vietnamese order: "Khu ..." after "Beta" and "Gamma"; the untranslated zones in English.
    assert [row["name"] for row in by_parameter] == ["Beta Zone", "Gamma Park", "Khu công nghiệp Alpha"]
    alpha = by_parameter[2]
    assert alpha["id"] == data["vi_alpha"].pk and alpha["language"] == "vi" and alpha["summary"] == "Tóm tắt Alpha"
    assert alpha["kind_label"] == "Khu công nghiệp" and alpha["status_label"] == "Đang hoạt động"
    assert alpha["communes"][0]["name"] == "Phường Tân Phú"
    assert alpha["target_sectors"] == [{"code": "26", "name": "Điện tử"}]
    assert alpha["url"] == "http://testserver/vi/zones/alpha/"
    assert alpha["areas"] == client.get(ZONES).json()["results"][0]["areas"]  # one set of figures
    assert by_parameter[0]["language"] == "en"


def test_an_unknown_language_is_a_problem_naming_lang(client, data):
    assert_problem(client.get(ZONES, {"lang": "xx"}), 400, "query.lang")


def test_one_zone_with_its_description_distances_and_sources(client, data):
    response = client.get(f"{ZONES}alpha")

    assert response.status_code == 200
    zone = response.json()
    assert zone["code"] == "alpha" and zone["name"] == "Alpha Park"
    assert zone["body_html"] == "<p>Alpha <b>body</b></p>"
    assert zone["developer"] == "Alpha Developer JSC"
    assert zone["distances"] == [{"place_code": "hcmc", "place_name": "Ho Chi Minh City", "place_kind": "city",
                                  "road_km": 90.0, "travel_minutes": 120}]
    assert zone["figure_sources"] == [{"figure": "land_price", "figure_label": "Land price",
                                       "source": "Operator price list", "url": "", "as_of": "2025-01-01",
                                       "checked_on": None, "stale": True, "illustrative": False}]
    assert set(zone) >= set(client.get(ZONES).json()["results"][0])
    vietnamese = client.get(f"{ZONES}alpha", HTTP_ACCEPT_LANGUAGE="vi").json()
    assert vietnamese["name"] == "Khu công nghiệp Alpha"
    assert vietnamese["distances"][0]["place_name"] == "TP. Hồ Chí Minh"


@pytest.mark.parametrize("code", ["nowhere", "draft-zone", "private-zone", "alpha%00"])
def test_an_absent_draft_or_private_zone_is_a_404_problem(client, data, code):
    body = assert_problem(client.get(f"{ZONES}{code}"), 404)
    assert body["title"] == "Not Found"


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "border_gate_economic_zone"}, ["beta"]),
    ({"status": "expanding"}, ["beta"]),
    ({"max_price": "40"}, ["beta"]),
    ({"sector": "26"}, ["alpha"]),
    ({"min_available_ha": "10"}, ["beta", "gamma"]),
    ({"place": "hcmc", "max_distance_km": "100"}, ["alpha"]),
    ({"kind": "industrial_park", "min_available_ha": "0.9"}, ["alpha", "gamma"]),
    ({"kind": "industrial_park", "min_available_ha": "1.5"}, ["gamma"]),  # alpha's 1 ha plots lie apart
])
def test_the_zone_index_filters(client, data, params, expected):
    assert codes(client.get(ZONES, params)) == expected


def test_the_commune_filter_takes_the_id_the_zones_show(client, data):
    assert codes(client.get(ZONES, {"commune": data["ward"].pk})) == ["alpha"]


@pytest.mark.parametrize("params", [
    {"commune": "999999"}, {"commune": "0"}, {"commune": "-3"}, {"commune": str(2**70)},
    {"sector": "99999"}, {"sector": "10"},  # 10 (food) exists, but no zone targets it, nor one under or above it
    {"sector": "2\x00"}, {"place": "nowhere"}, {"place": "nowhere", "max_distance_km": "5"},
    {"place": "hcmc\x00", "max_distance_km": "5"}, {"kind": "industrial_park", "commune": "999999"},
])
def test_a_filter_naming_nothing_answers_an_empty_list(client, data, params):
    assert codes(client.get(ZONES, params)) == []


def test_a_sector_under_a_targeted_one_finds_its_zones(client, data):
    Sector.objects.get_or_create(code="261", defaults={"level": "group", "name_vi": "Linh kiện điện tử",
                                                       "name_en": "Electronic components"})

    assert codes(client.get(ZONES, {"sector": "261"})) == ["alpha"]  # alpha targets 26, above 261


@pytest.mark.parametrize(("params", "expected"), [
    ({"max_price": "30.009"}, ["beta"]),  # prices are kept to the cent: up to 30.00
    ({"max_price": "29.999"}, []),
    ({"place": "hcmc", "max_distance_km": "90.09"}, ["alpha"]),  # 90 km by road, kept to 0.1 km
    ({"place": "hcmc", "max_distance_km": "89.99"}, []),
    ({"min_available_ha": "39.991"}, ["beta", "gamma"]),  # 40 ha each; counted to 0.01 ha, rounded up
    ({"min_available_ha": "40.001"}, []),
])
def test_figures_finer_than_the_index_takes_keep_their_meaning(client, data, params, expected):
    assert codes(client.get(ZONES, params)) == expected


@pytest.mark.parametrize(("params", "field"), [
    ({"kind": "volcano"}, "query.kind"),
    ({"commune": "one"}, "query.commune"),
    ({"max_distance_km": "20"}, "query.max_distance_km"),  # a distance needs a place
    ({"commune": "999999", "max_distance_km": "20"}, "query.max_distance_km"),
    ({"min_available_ha": "-1"}, "query.min_available_ha"),
    ({"min_available_ha": "nan"}, "query.min_available_ha"),
    ({"min_available_ha": "10000000000"}, "query.min_available_ha"),
    ({"max_price": "cheap"}, "query.max_price"),
    ({"max_price": "inf"}, "query.max_price"),
    ({"max_price": "100000000"}, "query.max_price"),
    ({"max_distance_km": "1000000", "place": "hcmc"}, "query.max_distance_km"),
    ({"ordering": "height"}, "query.ordering"),
    ({"page_size": "0"}, "query.page_size"),
])
def test_invalid_filters_are_problems_naming_the_parameter(client, data, params, field):
    assert_problem(client.get(ZONES, params), 400, field)


def test_the_schema_declares_the_limits_the_filters_keep(client, data):
    operation = client.get("/api/v1/schema/").json()["paths"]["/api/v1/zones/"]["get"]
    schemas = {param["name"]: param["schema"]["anyOf"][0] for param in operation["parameters"]
               if param["name"] in ("min_available_ha", "max_price", "max_distance_km")}

    assert schemas == {"min_available_ha": {"type": "number", "minimum": 0, "maximum": 9999999999.99},
                       "max_price": {"type": "number", "minimum": 0, "maximum": 99999999.99},
                       "max_distance_km": {"type": "number", "minimum": 0, "maximum": 999999.9}}
    assert "`max_distance_km` needs\n`place`" in operation["description"]


@pytest.mark.parametrize(("ordering", "expected"), [
    ("name", ["alpha", "beta", "gamma"]),
    ("-name", ["gamma", "beta", "alpha"]),
    ("available_ha", ["alpha", "beta", "gamma"]),  # beta and gamma both 40 ha: by code
    ("-available_ha", ["gamma", "beta", "alpha"]),
    ("price", ["beta", "alpha", "gamma"]),  # gamma has no price: last
    ("-price", ["alpha", "beta", "gamma"]),
])
def test_orderings(client, data, ordering, expected):
    assert codes(client.get(ZONES, {"ordering": ordering})) == expected


def _read_all(client, url, params) -> tuple[list, list]:
    """Every page of a list from the first (following ``next``) and back (following ``previous``)."""
    forward, backward = [], []
    page = client.get(url, params).json()
    forward.append([row["id"] for row in page["results"]])
    assert page["previous"] is None
    while page["next"]:
        page = client.get(page["next"]).json()
        forward.append([row["id"] for row in page["results"]])
    backward.append([row["id"] for row in page["results"]])
    while page["previous"]:
        page = client.get(page["previous"]).json()
        backward.append([row["id"] for row in page["results"]])
    return forward, backward[::-1]


@pytest.mark.parametrize("ordering", ["name", "-price", "available_ha"])
def test_paging_with_cursors_reads_each_zone_once_both_ways(client, data, ordering):
    whole = [row["id"] for row in client.get(ZONES, {"ordering": ordering}).json()["results"]]

    forward, backward = _read_all(client, ZONES, {"ordering": ordering, "page_size": 2})

    assert [len(page) for page in forward] == [2, 1]
    assert sum(forward, []) == whole and backward == forward


def test_a_cursor_stays_right_when_a_zone_is_added_before_it(client, data):
    first = client.get(ZONES, {"page_size": 2}).json()
    make_zone(data["alpha"].get_parent().specific, "aaa", "Aaa Park")  # sorts first

    second = client.get(first["next"]).json()

    assert [row["code"] for row in second["results"]] == ["gamma"]


def _cursor(url: str) -> str:
    return parse.parse_qs(parse.urlsplit(url).query)["cursor"][0]


def test_a_bad_cursor_is_a_problem_naming_the_cursor(client, data):
    assert_problem(client.get(ZONES, {"cursor": "garbage"}), 400, "query.cursor")
    cursor = _cursor(client.get(ZONES, {"ordering": "price", "page_size": 1}).json()["next"])
    body = assert_problem(client.get(ZONES, {"ordering": "name", "cursor": cursor}), 400, "query.cursor")
    assert "another ordering" in body["errors"][0]["detail"]


def test_conditional_reads(client, data):
    response = client.get(ZONES)
    published = ZonePage.objects.live().public().aggregate(latest=Max("last_published_at"))["latest"]

    assert response["Last-Modified"] == http_date(published.timestamp())
    assert response["ETag"]
    assert client.get(ZONES, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(ZONES, {"lang": "vi"}, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200
    one = client.get(f"{ZONES}beta")
    assert one["Last-Modified"] == http_date(ZonePage.objects.get(code="beta").last_published_at.timestamp())
    assert client.get(f"{ZONES}beta", HTTP_IF_NONE_MATCH=one["ETag"]).status_code == 304


def test_a_shared_figure_published_in_one_language_moves_the_others_last_modified(client, data):
    before = client.get(f"{ZONES}alpha", {"lang": "vi"})
    alpha = ZonePage.objects.get(pk=data["alpha"].pk)
    alpha.land_price_min_usd = Decimal("46")
    alpha.save_revision().publish()  # English only: the price is written into the Vietnamese page

    after = client.get(f"{ZONES}alpha", {"lang": "vi"})

    assert after.json()["land_price"]["min_usd_m2"] == 46.0
    assert after["Last-Modified"] == http_date(ZonePage.objects.get(pk=alpha.pk).last_published_at.timestamp())
    assert after["ETag"] != before["ETag"]


# Plots --------------------------------------------------------------------------------------------------------

def test_plots_of_published_zones_with_public_fields_only(client, data):
    response = client.get(PLOTS)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["zone"], row["code"]) for row in rows] == [("alpha", "L1"), ("alpha", "P1"), ("alpha", "P2")]
    leased = rows[0]
    assert leased["id"] == data["leased"].pk and leased["zone_name"] == "Alpha Park"
    assert (leased["land_use"], leased["land_use_label"]) == ("warehouse", "Warehouse")
    assert (leased["status"], leased["status_label"]) == ("leased", "Leased")
    assert leased["area_m2"] == pytest.approx(22_500, rel=1e-2) and leased["area_ha"] == pytest.approx(2.25, abs=0.01)
    assert leased["price_usd_m2"] == 45.0  # the zone's lowest price
    assert rows[2]["price_usd_m2"] == 80.0  # its own price
    assert len(leased["bbox"]) == 4
    assert leased["links"] == {"api": f"http://testserver/api/v1/plots/{data['leased'].pk}",
                               "zone": "http://testserver/api/v1/zones/alpha",
                               "ogc": f"http://testserver/ogc/collections/plots/items/{data['leased'].pk}"}
    assert set(leased) == {"id", "code", "zone", "zone_name", "land_use", "land_use_label", "status",
                           "status_label", "area_m2", "area_ha", "price_usd_m2", "bbox", "links"}
    for url in (PLOTS, f"{PLOTS}{data['leased'].pk}"):
        assert SECRET not in client.get(url).text and "notes" not in client.get(url).text


def test_plots_answer_in_the_language_asked(client, data):
    row = client.get(PLOTS, {"lang": "vi"}).json()["results"][1]
    assert row["zone_name"] == "Khu công nghiệp Alpha" and row["status_label"] == "Còn trống"


@pytest.mark.parametrize(("params", "expected"), [
    ({"zone": "alpha", "status": "available"}, ["P1", "P2"]),
    ({"land_use": "warehouse"}, ["L1"]),
    ({"min_area_m2": "15000"}, ["L1"]),
    ({"max_area_m2": "15000"}, ["P1", "P2"]),
    ({"zone": "beta"}, []),
    ({"zone": "draft-zone"}, []),
    ({"zone": "nowhere"}, []),
    ({"zone": "alpha\x00"}, []),
    ({"ordering": "-code"}, ["P2", "P1", "L1"]),
    ({"ordering": "price"}, ["P1", "L1", "P2"]),  # P1 and L1 at the zone's 45 USD: by id
    ({"ordering": "-price"}, ["P2", "L1", "P1"]),
])
def test_plot_filters_and_orderings(client, data, params, expected):
    assert codes(client.get(PLOTS, params)) == expected


def test_plots_by_area(client, data):
    assert codes(client.get(PLOTS, {"ordering": "-area"}))[0] == "L1"
    assert codes(client.get(PLOTS, {"ordering": "area"}))[-1] == "L1"


@pytest.mark.parametrize("ordering", ["code", "-area", "price", "-price"])
def test_paging_plots_reads_each_plot_once_both_ways(client, data, ordering):
    whole = [row["id"] for row in client.get(PLOTS, {"ordering": ordering}).json()["results"]]

    forward, backward = _read_all(client, PLOTS, {"ordering": ordering, "page_size": 1})

    assert len(forward) == 3 and sum(forward, []) == whole and backward == forward


def test_a_page_gives_the_same_links_whenever_it_is_read(client, data, monkeypatch):
    first = client.get(PLOTS, {"page_size": 1})
    an_hour_later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: an_hour_later)

    again = client.get(PLOTS, {"page_size": 1})

    assert again.json()["next"] == first.json()["next"] and again["ETag"] == first["ETag"]
    assert client.get(PLOTS, {"page_size": 1}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_bad_plot_cursor_is_a_problem_naming_the_cursor(client, data):
    assert_problem(client.get(PLOTS, {"cursor": "x"}), 400, "query.cursor")
    by_zone = _cursor(client.get(ZONES, {"page_size": 1}).json()["next"])
    assert_problem(client.get(PLOTS, {"cursor": by_zone}), 400, "query.cursor")


def test_one_plot_and_the_plots_of_hidden_zones(client, data):
    response = client.get(f"{PLOTS}{data['leased'].pk}")
    assert response.status_code == 200 and response.json()["code"] == "L1"
    assert response["Last-Modified"] == http_date(
        ZonePage.objects.filter(code="alpha").aggregate(latest=Max("last_published_at"))["latest"].timestamp())
    assert client.get(f"{PLOTS}{data['leased'].pk}", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    for plot in (data["draft_plot"], data["hidden"]):
        assert_problem(client.get(f"{PLOTS}{plot.pk}"), 404)
    assert_problem(client.get(f"{PLOTS}987654"), 404)
    assert_problem(client.get(f"{PLOTS}98765432109876543210"), 404)
    assert_problem(client.get(f"{PLOTS}-1"), 404)


@pytest.mark.parametrize("plot_id", ["L1", "null,null", "1.5", "%00"])
def test_a_plot_id_that_is_not_a_number_is_a_problem_naming_it(client, data, plot_id):
    assert_problem(client.get(f"{PLOTS}{plot_id}"), 400, "path.plot_id")


# Queries ------------------------------------------------------------------------------------------------------

def _add_zones(index, sector, ward, start: int, count: int) -> None:
    for number in range(start, start + count):
        zone = make_zone(index, f"z-{number:02d}", f"Zone {number:02d}",
                         geometry=square_m(106.5 + number / 50, 11.5, 500))
        zone.communes = [ward]
        zone.target_sectors = [sector]
        zone.save_revision().publish()
        make_plots(zone, 1)


def _read(client, url) -> tuple[int, int]:
    """The number of queries a list runs, and its number of rows."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 50})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_lists_run_as_many_queries_for_twelve_rows_as_for_three(client, home_page):
    index = zone_index(home_page)
    sector = Sector.objects.update_or_create(code="26", defaults={"level": "division", "name_vi": "Điện tử",
                                                                 "name_en": "Electronics"})[0]
    ward = commune("w1")
    _add_zones(index, sector, ward, 0, 3)
    for url in (ZONES, PLOTS):
        client.get(url)  # the first request fills the site and locale caches
    few = {url: _read(client, url) for url in (ZONES, PLOTS)}
    _add_zones(index, sector, ward, 3, 9)

    more = {url: _read(client, url) for url in (ZONES, PLOTS)}

    for url in (ZONES, PLOTS):
        assert more[url][1] == few[url][1] + 9
        assert more[url][0] == few[url][0]


def test_filters_while_search_is_down_are_a_503_problem(client, data, settings):
    settings.SEARCH_BACKEND = "search.backends.elasticsearch"
    settings.SEARCH_BACKEND_OPTIONS = {"URL": "http://127.0.0.1:9"}  # nothing listens there

    assert_problem(client.get(ZONES, {"kind": "industrial_park"}), 503)
    assert codes(client.get(ZONES)) == ["alpha", "beta", "gamma"]  # no filter: no search
