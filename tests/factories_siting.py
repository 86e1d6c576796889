"""Builders for the site finder's tests: rows of plots a chosen distance apart (in metres), named places and
distances."""

from decimal import Decimal

import numpy
import shapely
from shapely.geometry import box

from tests.factories import _FROM_UTM48N, _TO_UTM48N
from zones.choices import LandUse, PlotStatus
from zones.models import NamedPlace, Plot, ZoneDistance


def rect_m(x: float, y: float, width_m: float, height_m: float):
    """A rectangle given in UTM 48N metres, as a WGS 84 polygon."""
    return shapely.transform(box(x, y, x + width_m, y + height_m),
                             lambda xy: numpy.column_stack(_FROM_UTM48N.transform(xy[:, 0], xy[:, 1])))


def plot_row(zone, widths_m, gaps_m=(), *, height_m: float = 100.0, codes=(), statuses=None, prices=None,
             land_use=LandUse.INDUSTRIAL) -> list[Plot]:
    """Plots side by side from the zone's south-west corner, ``widths_m`` wide and ``height_m`` high (so
    ``width * height / 10,000`` ha each); ``gaps_m[i]`` metres between plot i and the next (0: touching, the
    default). ``codes`` default to R1, R2, ...; ``prices`` (USD/m², None: the zone's)."""
    x, y = _TO_UTM48N.transform(zone.min_lon, zone.min_lat)
    x, y = x + 10, y + 10
    plots = []
    for i, width in enumerate(widths_m):
        plot = Plot(zone=zone, code=codes[i] if i < len(codes) else f"R{i + 1}", land_use=land_use,
                    status=(statuses or {}).get(i, PlotStatus.AVAILABLE),
                    price_override_usd=None if prices is None or prices[i] is None else Decimal(str(prices[i])))
        plot.set_geometry(rect_m(x, y, width, height_m))
        plots.append(plot)
        x += width + (gaps_m[i] if i < len(gaps_m) else 0.0)
    return Plot.objects.bulk_create(plots)


def place(code: str = "cat-lai", name_en: str = "Cat Lai port", name_vi: str = "Cảng Cát Lái") -> NamedPlace:
    return NamedPlace.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_vi": name_vi,
                                                                 "kind": "seaport"})[0]


def distance(zone, named: NamedPlace, km) -> ZoneDistance:
    """A road distance from every translation of ``zone`` to ``named``."""
    for page in type(zone).objects.filter(translation_key=zone.translation_key):
        ZoneDistance.objects.create(zone=page, place=named, road_km=Decimal(str(km)))
