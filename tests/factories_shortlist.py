"""Builders for the shortlist and comparison tests: four comparable zones with plots, prices, infrastructure,
lease terms and distances to a named place."""

import datetime
from decimal import Decimal

from tests.factories import square_m, zone_index
from tests.factories_zones import DONG_XOAI, make_plots, make_zone
from zones.models import NamedPlace, ZoneDistance

#: code -> (title, price from, power MVA, km to Cat Lai, minutes, years of lease left)
ZONES = {
    "alpha-park": ("Alpha Park", Decimal("45"), Decimal("112"), Decimal("106.5"), 130, 40),
    "bravo-park": ("Bravo Park", Decimal("60"), Decimal("40"), Decimal("95"), 110, 30),
    "charlie-park": ("Charlie Park", Decimal("52.5"), Decimal("63"), Decimal("120"), 150, 45),
    "delta-park": ("Delta Park", Decimal("70"), Decimal("25"), Decimal("80"), 95, 20),
}


def comparable_zones(home_page) -> dict:
    """The four zones of ``ZONES`` (published, in English), each with three 100 m x 100 m plots P1-P3 and the
    road distance to Cat Lai port; returns them by code."""
    index = zone_index(home_page)
    port = NamedPlace.objects.create(code="cat-lai", kind="seaport", name_en="Cat Lai port", name_vi="Cảng Cát Lái")
    port.set_geometry(square_m(106.77, 10.76, 10))
    port.save()
    today = datetime.date.today()
    zones = {}
    for number, (code, (title, price, power, km, minutes, years)) in enumerate(ZONES.items()):
        zone = make_zone(index, code, title, land_price_min_usd=price, land_price_max_usd=price + 10,
                         power_mva=power, water_supply_m3_day=5000 * (number + 1), wastewater_m3_day=4000,
                         telecom="Fibre, 4G", management_fee_usd=Decimal("0.5"),
                         lease_term_end=today.replace(year=today.year + years),
                         geometry=square_m(DONG_XOAI[0] + number * 0.05, DONG_XOAI[1], 1000))
        ZoneDistance.objects.create(zone=zone, place=port, road_km=km, travel_minutes=minutes)
        make_plots(zone, 3)
        zones[code] = zone
    return zones
