"""The data the OGC API - Features tests read: two published zones with plots, an unpublished zone with plots,
infrastructure and registered projects, with private fields filled in that must never be served."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from shapely.geometry import LineString, Point

from projects.choices import ProjectStatus
from projects.models import Project
from projects.services import Share
from tests import factories_projects as fp
from tests.factories import square_m, zone_index
from tests.factories_infrastructure import infrastructure
from tests.factories_zones import make_plots, make_zone
from zones.choices import LandUse, PlotStatus
from zones.models import Plot, ZonePage

SECRETS = ("SECRET-PLOT-NOTE", "987.65", "SECRET-PROJECT-NOTE", "secret-contact@investor.example", "SECRET-ADDRESS")
HOSTILE = "<script>alert('x')</script>"


@dataclass
class Data:
    zone_a: ZonePage
    zone_b: ZonePage
    hidden: ZonePage
    public_plot_ids: set
    projects: list


def make(home_page) -> Data:
    index = zone_index(home_page)
    zone_a = make_zone(index, "park-a", f"{HOSTILE} Park A", geometry=square_m(106.90, 11.53, 1500))
    plots_a = make_plots(zone_a, 12, side_m=100)
    hostile = Plot(zone=zone_a, code=HOSTILE, status=PlotStatus.RESERVED)
    hostile.set_geometry(square_m(106.901, 11.54, 50))
    hostile.save()
    Plot.objects.filter(zone=zone_a).update(notes="SECRET-PLOT-NOTE", price_override_usd=Decimal("987.65"))
    zone_b = make_zone(index, "park-b", "Park B", geometry=square_m(106.60, 11.80, 800))
    plots_b = make_plots(zone_b, 4, land_use=LandUse.WAREHOUSE, prefix="B")
    Plot.objects.filter(pk=plots_b[0].pk).update(status=PlotStatus.LEASED)
    ZonePage.objects.filter(translation_key=zone_b.translation_key).update(
        last_published_at=datetime.datetime(2020, 5, 1, 3, 0, tzinfo=datetime.UTC))
    hidden = make_zone(index, "park-hidden", "Hidden park", publish=False, geometry=square_m(106.70, 11.70, 500))
    make_plots(hidden, 3, prefix="H")
    infrastructure("sub-dong-xoai", "substation", Point(106.95, 11.60), name_en="Dong Xoai substation",
                   name_vi="Trạm biến áp Đồng Xoài")
    infrastructure("road-13", "road", LineString([(106.60, 11.30), (106.70, 11.90)]), name_en="National road 13",
                   name_vi="Quốc lộ 13")
    contact = fp.investor("Hanil Co.", "KR", contact_email="secret-contact@investor.example",
                          address="SECRET-ADDRESS")
    first = fp.project("P-OGC-1", shares=[Share(contact, Decimal("100"))], registered_on=datetime.date(2021, 3, 1),
                       lon=106.905, lat=11.535, private_notes="SECRET-PROJECT-NOTE")
    second = fp.project("P-OGC-2", registered_on=datetime.date(2023, 6, 15), name_vi="Dự án thứ hai")
    Project.objects.filter(pk=first.pk).update(zone=zone_a)
    planned = fp.project("P-OGC-PLANNED", registered_on=datetime.date(2024, 1, 1), lon=106.91, lat=11.54)
    Project.objects.filter(pk=planned.pk).update(status=ProjectStatus.PLANNED)
    return Data(zone_a, zone_b, hidden, {p.pk for p in [*plots_a, hostile, *plots_b]}, [first, second])
