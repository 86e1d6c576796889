"""Site selection: the one home of "does this site fit". For an investor's site needs (land, sector, power,
water, road distance to a named place, land budget), every published zone is judged with reasons in words,
and its **options** are found: a single available leasable plot large enough, or a set of adjacent available
plots large enough together.

How sets are built (deterministic): only plots too small alone take part. Two plots are adjacent when their
boundaries touch or lie within ``ADJACENCY_TOLERANCE_M`` metres of each other, measured in the UTM zone of
their zone (metres, not degrees), and they belong to the same zone. From each such plot a set grows by the
largest adjacent plot not yet in it (a neighbour of any member; ties go to the lowest plot id) until the set
is large enough or has ``MAX_SET_PLOTS`` plots; identical sets found from several plots count once. Plots of
a zone do not overlap, so a set's area is the sum of its plots' areas.

Options are ranked: within the budget first, then fewer plots, then less surplus land, then lower land rent
(a plot's price per m² times its area rounded to the whole m²), then the lowest plot ids. Zones are ranked
by their failed checks, then their unknown ones, then the most checks that fit (a zone targeting the sector
before one that merely allows it), then their best option. A zone whose figure is missing is
"unknown" on that check, never silently fitting.

The number of queries does not depend on the number of plots: the zones (with their sectors and the distance
to the place prefetched), their pages in every language, which of them have plots, and every available plot,
in one query each. Geometry work is vectorised (shapely
arrays and an ``STRtree``); set growth runs on numpy arrays, one step per plot added.

The pages call this module, so it imports no module of ``zones.models`` (``_model``), as ``zones.services``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

import numpy as np
import shapely
from django.apps import apps
from django.db.models import Prefetch, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from core.rules import normalise_sector_code, sector_matches
from core.text import name_order

from . import profiles, units
from .adjacency import ADJACENCY_TOLERANCE_M, MAX_SET_PLOTS, adjacent_pairs, grow_sets

FITS, FAILS, UNKNOWN, NOTE = "fits", "fails", "unknown", "note"


def _model(name: str):
    return apps.get_model("zones", name)


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


@dataclass(frozen=True)
class SiteNeeds:
    """What a site must offer. Empty (None or "") means the investor did not say."""

    land_m2: Decimal | None = None
    sector_code: str = ""
    power_mva: Decimal | None = None
    water_m3_day: Decimal | None = None
    place_code: str = ""
    max_road_km: Decimal | None = None
    budget_usd: Decimal | None = None

    @classmethod
    def from_values(cls, values: Mapping | None) -> SiteNeeds:
        """The needs of a profile form's cleaned data (numbers; land in m²) or of a kept profile (the raw
        strings ``zones.profiles`` keeps; land in the ``land_unit`` they name, m² when none)."""
        values = values or {}
        land = values.get("land_area_m2")
        land_m2 = _decimal(land)
        if land_m2 is not None and isinstance(land, str):
            land_m2 *= units.FACTOR.get(values.get("land_unit") or units.M2, Decimal("1"))
        place = values.get("place")
        return cls(land_m2=land_m2 or None, sector_code=normalise_sector_code(str(values.get("sector_code") or "")),
                   power_mva=_decimal(values.get("power_mva")), water_m3_day=_decimal(values.get("water_m3_day")),
                   place_code=str(getattr(place, "code", place) or ""),
                   max_road_km=_decimal(values.get("max_road_km")),
                   budget_usd=_decimal(values.get("land_budget_usd")))

    @property
    def stated(self) -> bool:
        """Whether the investor said anything a site is judged on."""
        return any(value not in (None, "") for value in vars(self).values())


@dataclass(frozen=True)
class Check:
    """One judgement with its reason in words: ``state`` is fits, fails, unknown (a figure is missing) or note
    (a remark that neither helps nor hinders)."""

    topic: str
    state: str
    words: str

    @property
    def ok(self) -> bool | None:
        """True (fits), False (fails) or None (unknown or a remark)."""
        return {FITS: True, FAILS: False}.get(self.state)


def _count(checks: Iterable[Check], state: str) -> int:
    return sum(1 for check in checks if check.state == state)


def _area(m2, unit: str) -> str:
    return units.format_area(m2, unit)


def _usd(amount: Decimal) -> str:
    return gettext("%(amount)s USD") % {"amount": profiles.number(amount)}


@dataclass
class SiteOption:
    """A site in a zone: one plot, or adjacent plots together. ``rent_usd`` is the land rent of its plots
    (None when a price is missing)."""

    plot_ids: tuple[int, ...]
    codes: tuple[str, ...]
    area_m2: float
    rent_cents: int | None
    needs: SiteNeeds = field(repr=False)
    unit: str = units.DEFAULT

    @property
    def rent_usd(self) -> Decimal | None:
        """The land rent of the site's plots in USD, None when a plot has no price."""
        return None if self.rent_cents is None else Decimal(self.rent_cents) / 100

    @property
    def adjacent(self) -> bool:
        """Whether the site is a set of adjacent plots."""
        return len(self.plot_ids) > 1

    @property
    def budget_state(self) -> str | None:
        """fits / fails / unknown against the budget, None without one."""
        if self.needs.budget_usd is None:
            return None
        if self.rent_usd is None:
            return UNKNOWN
        return FITS if self.rent_usd <= self.needs.budget_usd else FAILS

    @cached_property
    def checks(self) -> list[Check]:
        """The option's land and budget checks in words ("Plot A4: 7.49 ha, you need 5 ha"), in the language
        active when first read (options are many: their words are made only for those shown)."""
        area = _area(self.area_m2, self.unit)
        needed = {"needed": _area(self.needs.land_m2, self.unit)} if self.needs.land_m2 else {}
        if self.adjacent:
            words = {"codes": " + ".join(self.codes), "area": area, **needed}
            text = (gettext("Plots %(codes)s, adjacent: %(area)s together, you need %(needed)s") if needed
                    else gettext("Plots %(codes)s, adjacent: %(area)s together")) % words
        else:
            words = {"code": self.codes[0], "area": area, **needed}
            text = (gettext("Plot %(code)s: %(area)s, you need %(needed)s") if needed
                    else gettext("Plot %(code)s: %(area)s")) % words
        checks = [Check("land", FITS if needed else NOTE, text)]
        state = self.budget_state
        if state == UNKNOWN:
            checks.append(Check("budget", UNKNOWN, gettext("Land rent unknown: no price is published for it")))
        elif state is not None:
            words = {"rent": _usd(self.rent_usd), "budget": _usd(self.needs.budget_usd)}
            checks.append(Check("budget", state, (gettext("Land rent %(rent)s, within your budget of %(budget)s")
                                                  if state == FITS else
                                                  gettext("Land rent %(rent)s, over your budget of %(budget)s"))
                                % words))
        elif self.rent_usd is not None:
            checks.append(Check("budget", NOTE, gettext("Land rent %(rent)s") % {"rent": _usd(self.rent_usd)}))
        return checks

    @property
    def fits(self) -> bool:
        """Whether nothing about the option fails or is unknown."""
        return self.budget_state in (None, FITS)


@dataclass
class ZoneSites:
    """A zone judged for the needs: its checks in words and its options, best first."""

    zone: object
    checks: list[Check]
    options: list[SiteOption]

    @property
    def failed(self) -> int:
        return _count(self.checks, FAILS)

    @property
    def unknown(self) -> int:
        return _count(self.checks, UNKNOWN)

    @property
    def fits(self) -> bool:
        """Whether the zone fits everything asked: no check fails or is unknown."""
        return not self.failed and not self.unknown

    @property
    def fitting_options(self) -> list[SiteOption]:
        return [option for option in self.options if option.fits] if self.fits else []

    @property
    def fitting_plot_ids(self) -> set[int]:
        """The plots of the options that fit."""
        return {pk for option in self.fitting_options for pk in option.plot_ids}

    def notes(self) -> list[tuple[bool | None, str]]:
        """The checks as (ok, words) pairs, as the zone pages and the zone list show them."""
        return [(check.ok, check.words) for check in self.checks]


@dataclass
class SiteSearch:
    """Every zone judged for ``needs``, best first."""

    needs: SiteNeeds
    zones: list[ZoneSites]

    @property
    def fitting(self) -> list[ZoneSites]:
        return [zone for zone in self.zones if zone.fits]

    def for_zone(self, zone) -> ZoneSites | None:
        """The judgement of ``zone`` (any translation of it), or None when it was not judged."""
        key = getattr(zone, "translation_key", None)
        return next((found for found in self.zones if found.zone.translation_key == key), None)


@dataclass
class _Plots:
    """Available leasable plots as arrays (one row per plot, ordered by id)."""

    ids: np.ndarray
    zone: np.ndarray  # index into the zones list
    codes: np.ndarray
    geoms: np.ndarray
    area: np.ndarray
    rent: np.ndarray  # in US cents (Python ints), -1 when the price is missing


def _zones(zones, place_code: str) -> list:
    zone_model = _model("ZonePage")
    distances = _model("ZoneDistance").objects.select_related("place").filter(place__code=place_code or None)
    prefetch = ["target_sectors", "restricted_sectors", Prefetch("distances", queryset=distances,
                                                                 to_attr="place_distances")]
    if zones is None:
        zones = zone_model.objects.live().public().filter(locale=Locale.get_active())
    if hasattr(zones, "prefetch_related"):
        return list(zones.prefetch_related(*prefetch))
    zones = list(zones)
    prefetch_related_objects(zones, *prefetch)
    return zones


def _zone_pages(zones: list) -> tuple[dict[int, int], set[int]]:
    """Every page (any language) of ``zones`` -> the index of its zone, and the pages with any plot: two
    queries on ids, so that reading plots needs no join."""
    keys = {zone.translation_key: i for i, zone in enumerate(zones)}
    pages = dict(_model("ZonePage").objects.filter(translation_key__in=list(keys))
                 .values_list("pk", "translation_key"))
    index = {pk: keys[key] for pk, key in pages.items()}
    plotted = set(_model("Plot").objects.filter(zone_id__in=list(index)).order_by()
                  .values_list("zone_id", flat=True).distinct())
    return index, {index[pk] for pk in plotted}


def _plots(zones: list, pages: dict[int, int]) -> _Plots:
    """Every available leasable plot of ``zones`` (``pages``: their pages -> zone index) in one query, its
    GeoJSON parsed in one vectorised call."""
    rows = list(_model("Plot").objects.available().filter(zone_id__in=list(pages))
                .annotate(geojson=Cast("geometry", output_field=TextField()))
                .order_by("pk").values_list("pk", "zone_id", "code", "geojson", "area_m2", "price_override_usd"))
    if not rows:
        empty = np.zeros(0)
        return _Plots(empty.astype(np.int64), empty.astype(np.int64), empty.astype(object), empty.astype(object),
                      empty, empty.astype(np.int64))
    ids, zone_pages, codes, texts, areas, overrides = zip(*rows, strict=True)
    zone_index = np.fromiter((pages[page] for page in zone_pages), dtype=np.int64, count=len(rows))
    texts = np.array(texts, dtype=object)
    geoms = np.full(len(rows), None, dtype=object)
    present = np.flatnonzero(texts != None)  # noqa: E711 - element-wise comparison
    if len(present):
        geoms[present] = shapely.from_geojson(texts[present].astype(str))
    area = np.array(areas, dtype=float)  # None becomes nan
    zone_price = np.array([-1 if z.land_price_min_usd is None else int(z.land_price_min_usd * 100) for z in zones],
                          dtype=np.int64)
    price = np.array([-1 if p is None else int(p * 100) for p in overrides], dtype=np.int64)
    price = np.where(price >= 0, price, zone_price[zone_index])
    whole_m2 = np.rint(np.nan_to_num(area)).astype(np.int64)
    # Whole cents: exact in int64 for any realistic price and area, else in Python integers.
    safe = int(price.max(initial=0)) * int(whole_m2.max(initial=0)) * MAX_SET_PLOTS < 2 ** 62
    rent = np.where(price >= 0, price * whole_m2 if safe else price.astype(object) * whole_m2.astype(object), -1)
    return _Plots(np.array(ids, dtype=np.int64), zone_index, np.array(codes, dtype=object), geoms, area, rent)


def _options(plots: _Plots, needs: SiteNeeds, unit: str) -> dict[int, list[SiteOption]]:
    """Each zone's options (by zone index), best first: measured, priced and ranked on arrays."""
    found: dict[int, list[SiteOption]] = {}
    if not len(plots.ids):
        return found
    area = np.nan_to_num(plots.area)
    if needs.land_m2 is None:
        need, singles = 0.0, np.arange(len(area))
        sets = np.zeros((0, MAX_SET_PLOTS), dtype=np.int64)
    else:
        need = float(needs.land_m2)
        singles, small = np.flatnonzero(area >= need), np.flatnonzero(area < need)
        grown = grow_sets(adjacent_pairs(plots.geoms[small], plots.zone[small]), area[small],
                          np.arange(len(small)), need)
        sets = np.where(grown >= 0, small[np.maximum(grown, 0)], -1)
    members = np.full((len(singles) + len(sets), MAX_SET_PLOTS), -1, dtype=np.int64)
    members[:len(singles), 0] = singles
    members[len(singles):] = sets
    used = members >= 0
    at = np.maximum(members, 0)
    size = used.sum(axis=1)
    total = np.where(used, area[at], 0.0).sum(axis=1)
    rents = np.where(used, plots.rent[at], 0)
    priced = ~(rents < 0).any(axis=1)
    rent = np.where(priced, rents.sum(axis=1), 0)
    if needs.budget_usd is None:
        budget_rank = np.zeros(len(members), dtype=np.int64)
    else:
        budget = int(needs.budget_usd * 100)
        budget_rank = np.where(~priced, 1, np.where(rent <= budget, 0, 2))
    ids = np.where(used, plots.ids[at], -1)
    zone = plots.zone[members[:, 0]]
    order = np.lexsort((*ids.T[::-1], rent.astype(float), ~priced, total - need, size, budget_rank, zone))
    for row in order.tolist():
        n = int(size[row])
        cells = members[row, :n]
        found.setdefault(int(zone[row]), []).append(SiteOption(
            plot_ids=tuple(ids[row, :n].tolist()), codes=tuple(plots.codes[cells].tolist()),
            area_m2=float(total[row]), rent_cents=int(rent[row]) if priced[row] else None, needs=needs, unit=unit))
    return found


def _figure_check(topic: str, have, need: Decimal | None, unit: str) -> Check | None:
    """Power or water: what the zone offers against what the project needs."""
    if need is None:
        return None
    words = {"have": profiles.number(have, 1) if have is not None else "", "need": profiles.number(need, 1),
             "unit": unit}
    if topic == "power":
        texts = (gettext("Power supply not stated, you need %(need)s %(unit)s"),
                 gettext("Power %(have)s %(unit)s available, you need %(need)s %(unit)s"),
                 gettext("Power only %(have)s %(unit)s available, you need %(need)s %(unit)s"))
    else:
        texts = (gettext("Water supply not stated, you need %(need)s %(unit)s"),
                 gettext("Water %(have)s %(unit)s available, you need %(need)s %(unit)s"),
                 gettext("Water only %(have)s %(unit)s available, you need %(need)s %(unit)s"))
    if have is None:
        return Check(topic, UNKNOWN, texts[0] % words)
    state = FITS if Decimal(have) >= need else FAILS
    return Check(topic, state, (texts[1] if state == FITS else texts[2]) % words)


def _sector_check(zone, code: str) -> Check | None:
    if not code:
        return None
    restricted = [s for s in zone.restricted_sectors.all() if sector_matches(code, [s.code])]
    targets = list(zone.target_sectors.all())
    targeted = [s for s in targets if sector_matches(code, [s.code])]
    if restricted:
        return Check("sector", FAILS, gettext("Your sector is restricted here: %(sectors)s.")
                     % {"sectors": "; ".join(s.display_name for s in restricted)})
    if targeted:
        return Check("sector", FITS, gettext("This zone targets your sector: %(sectors)s.")
                     % {"sectors": "; ".join(s.display_name for s in targeted)})
    if targets:
        return Check("sector", NOTE, gettext("Your sector is not among the sectors this zone targets."))
    return None


def _distance_check(zone, needs: SiteNeeds, place) -> Check | None:
    if not needs.place_code or place is None:
        return None
    distance = next(iter(zone.place_distances), None)
    if distance is None:
        return Check("distance", UNKNOWN if needs.max_road_km is not None else NOTE,
                     gettext("%(place)s: road distance not recorded") % {"place": place.name})
    words = {"place": place.name, "km": profiles.number(distance.road_km, 1)}
    if needs.max_road_km is None:
        return Check("distance", NOTE, gettext("%(place)s: %(km)s km by road") % words)
    words["max"] = profiles.number(needs.max_road_km, 1)
    if distance.road_km <= needs.max_road_km:
        return Check("distance", FITS, gettext("%(place)s: %(km)s km by road, within your %(max)s km") % words)
    return Check("distance", FAILS, gettext("%(place)s: %(km)s km by road, more than your %(max)s km") % words)


def _entered_available_m2(zone) -> Decimal | None:
    if zone.leasable_area_ha is None:
        return None
    return (zone.leasable_area_ha - (zone.leased_area_ha or 0)) * units.FACTOR[units.HA]


def _land_check(zone, needs: SiteNeeds, options: list[SiteOption], has_plots: bool, largest: float,
                unit: str) -> Check | None:
    if needs.land_m2 is None:
        return None
    needed = _area(needs.land_m2, unit)
    if not has_plots:
        available = _entered_available_m2(zone)
        if available is None:
            return Check("land", UNKNOWN, gettext("No plots published and no available land stated; you need "
                                                  "%(needed)s") % {"needed": needed})
        words = {"needed": needed, "available": _area(available, unit)}
        if available >= needs.land_m2:
            return Check("land", FITS, gettext("Enough land: the zone states %(available)s available (plots not "
                                               "published), you need %(needed)s") % words)
        return Check("land", FAILS, gettext("Not enough land: the zone states %(available)s available, you need "
                                            "%(needed)s") % words)
    if options:
        singles = sum(1 for option in options if not option.adjacent)
        sets = len(options) - singles
        words = {"needed": needed, "singles": profiles.number(singles), "sets": profiles.number(sets)}
        if singles and sets:
            text = ngettext("Enough land: %(singles)s plot of at least %(needed)s, and sets of adjacent plots "
                            "(%(sets)s)", "Enough land: %(singles)s plots of at least %(needed)s, and sets of "
                            "adjacent plots (%(sets)s)", singles)
        elif singles:
            text = ngettext("Enough land: %(singles)s plot of at least %(needed)s",
                            "Enough land: %(singles)s plots of at least %(needed)s", singles)
        else:
            text = ngettext("Enough land: %(sets)s set of adjacent plots of at least %(needed)s together",
                            "Enough land: %(sets)s sets of adjacent plots of at least %(needed)s together", sets)
        return Check("land", FITS, text % words)
    words = {"needed": needed, "largest": _area(largest, unit)}
    return Check("land", FAILS, gettext("Not enough land: no available plot, alone or with adjacent plots, of "
                                        "%(needed)s; the largest available plot is %(largest)s") % words)


def _budget_check(needs: SiteNeeds, options: list[SiteOption]) -> Check | None:
    if needs.budget_usd is None or not options:
        return None
    states = {option.budget_state for option in options}
    budget = _usd(needs.budget_usd)
    if FITS in states:
        return None  # said by each option
    if UNKNOWN in states:
        return Check("budget", UNKNOWN, gettext("No site with a published price within your budget of %(budget)s")
                     % {"budget": budget})
    cheapest = min(option.rent_usd for option in options)
    return Check("budget", FAILS, gettext("No site within your budget of %(budget)s: the cheapest costs %(rent)s")
                 % {"budget": budget, "rent": _usd(cheapest)})


def find_sites(needs: SiteNeeds, *, zones=None, language: str | None = None, unit: str = units.DEFAULT
               ) -> SiteSearch:
    """Every published zone of the active locale (``language``'s, or ``zones`` given) judged for ``needs``,
    with its options, ranked: zones and options that fit everything first, then by fewest failed checks, then
    fewest unknown ones. Areas in words are in ``unit`` (ha or m²)."""
    with translation.override(language) if language else nullcontext():
        zones = _zones(zones, needs.place_code)
        place = (_model("NamedPlace").objects.filter(code=needs.place_code).first()
                 if needs.place_code else None)
        pages, with_plots = _zone_pages(zones)
        plots = _plots(zones, pages)
        options = _options(plots, needs, unit)
        largest = np.zeros(len(zones))
        if len(plots.ids):
            np.maximum.at(largest, plots.zone, np.nan_to_num(plots.area))
        judged = []
        for i, zone in enumerate(zones):
            found = options.get(i, [])
            checks = [check for check in (
                _land_check(zone, needs, found, i in with_plots, float(largest[i]), unit),
                _sector_check(zone, needs.sector_code),
                _figure_check("power", zone.power_mva, needs.power_mva, "MVA"),
                _figure_check("water", zone.water_supply_m3_day, needs.water_m3_day, "m³/" + gettext("day")),
                _distance_check(zone, needs, place),
                _budget_check(needs, found),
            ) if check is not None]
            judged.append(ZoneSites(zone, checks, found))
        judged.sort(key=_zone_rank)
    return SiteSearch(needs, judged)


def _zone_rank(found: ZoneSites):
    best = found.options[0] if found.options else None
    option_key = (0, len(best.plot_ids), best.area_m2) if best is not None else (1, 0, 0.0)
    return (found.failed, found.unknown, -_count(found.checks, FITS), option_key, name_order(found.zone.title))


def zones_with_site(zones, min_m2: Decimal) -> set[int]:
    """The pks of ``zones`` offering a site (one available plot, or adjacent plots together) of at least
    ``min_m2``; a zone without plots counts its stated available land."""
    search = find_sites(SiteNeeds(land_m2=min_m2), zones=zones)
    return {found.zone.pk for found in search.zones if not found.failed and not found.unknown}


__all__ = ["ADJACENCY_TOLERANCE_M", "FAILS", "FITS", "MAX_SET_PLOTS", "NOTE", "UNKNOWN", "Check", "SiteNeeds",
           "SiteOption", "SiteSearch", "ZoneSites", "adjacent_pairs", "find_sites", "grow_sets", "zones_with_site"]
