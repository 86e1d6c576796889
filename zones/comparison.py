"""Zones and plots side by side: the columns (up to ``shortlist.COMPARE_LIMIT``) and the sections of rows.

Sections come from a registry, so that an app above zones adds its own without zones importing it:
``register_section(key, provider, order)``, where ``provider(columns, profile, request)`` returns a
``Section`` or None (nothing to say). Zones registers land and price, lease term, infrastructure, distances
and incentives here; licensing registers its time and fees from its ``AppConfig.ready``. A cell carries its
text as shown, the number behind it for the exports (``value``), the sources of the figure and whether it is
the best of its row. The page, the XLSX and the PDF render the same ``Comparison``."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext

from core.profile import ProjectProfile
from core.rules import APPLIES, LOCATION_FIELDS, MAY_APPLY

from . import figures, profiles, shortlist
from .services import incentives_for_project_in_zone, zone_location


@dataclass
class Cell:
    """One figure of one column: ``text`` as shown, ``value`` the number behind it (for exports), the
    sources it comes from (``zones.figures.Source``), and whether it is the best of its row."""

    text: str
    value: Decimal | int | float | None = None
    sources: list = field(default_factory=list)
    best: bool = False
    given: bool = True

    @property
    def stale(self) -> bool:
        """Whether any of the figure's sources may be out of date."""
        return any(getattr(source, "stale", False) for source in self.sources)


@dataclass
class Row:
    """A labelled row: one cell per column (the label carries the unit, e.g. "Price (USD/m²)")."""

    label: str
    cells: list[Cell]


@dataclass
class Section:
    """A titled group of rows. A section that cannot be worked out says why in ``note`` and, when the
    visitor can do something about it, links to it (``link_url``, ``link_text``)."""

    key: str
    heading: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    link_url: str = ""
    link_text: str = ""


@dataclass
class Column:
    """A compared zone or plot."""

    item: shortlist.Item
    land: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def zone(self):
        return self.item.zone

    @property
    def plot(self):
        return self.item.plot

    @property
    def heading(self) -> str:
        return self.item.name


@dataclass
class Comparison:
    """The columns and the sections, in order; the keys dropped (nothing published) and left out (over the
    limit); the profile used (None without one) and its words."""

    columns: list[Column]
    sections: list[Section]
    dropped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    profile_words: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [column.key for column in self.columns]

    @property
    def url(self) -> str:
        """The shareable address of this comparison."""
        return shortlist.compare_url(self.keys)


Provider = Callable[[list[Column], ProjectProfile | None, object], Section | None]
_registry: dict[str, tuple[int, Provider]] = {}


def register_section(key: str, provider: Provider, order: int) -> None:
    """Add (or replace) the section ``key``; sections are shown by ``order``, lowest first."""
    _registry[key] = (order, provider)


def registered() -> list[tuple[str, Provider]]:
    """The registered sections, in order."""
    return [(key, provider) for key, (_order, provider) in sorted(_registry.items(), key=lambda kv: kv[1][0])]


def build(keys: Iterable[str], request, profile: ProjectProfile | None = None,
          profile_values: dict | None = None) -> Comparison:
    """The comparison of the items ``keys`` name (the first ``COMPARE_LIMIT`` published ones), for
    ``profile`` (the visitor's kept profile when not given)."""
    cleaned = shortlist.clean_keys(list(keys), limit=shortlist.LIMIT)
    items, dropped = shortlist.resolve(cleaned)
    kept, left_out = items[:shortlist.COMPARE_LIMIT], [item.key for item in items[shortlist.COMPARE_LIMIT:]]
    if profile is None:
        profile_values = profiles.current(request) if profile_values is None else profile_values
        profile = profiles.profile_of(profile_values)
    columns = [Column(item) for item in kept]
    _add_land(columns)
    sections = []
    for _key, provider in registered():
        section = provider(columns, profile, request) if columns else None
        if section is not None:
            sections.append(section)
    return Comparison(columns, sections, dropped, left_out,
                      profiles.summary(profile_values) if profile_values else [])


def _add_land(columns: list[Column]) -> None:
    zones = {column.zone.pk for column in columns}
    if not zones:
        return
    zone_model = apps.get_model("zones", "ZonePage")
    land = {row["pk"]: row for row in zone_model.objects.with_land().filter(pk__in=zones).values(
        "pk", "available_ha", "leasable_ha")}
    for column in columns:
        column.land = land.get(column.zone.pk, {})


def mark_best(cells: list[Cell], highest: bool = False) -> list[Cell]:
    """Mark the cells with the best value (the lowest, or the highest): only when at least two cells have a
    value and they differ."""
    values = [cell.value for cell in cells if cell.value is not None]
    if len(values) >= 2 and len(set(values)) > 1:
        best = max(values) if highest else min(values)
        for cell in cells:
            cell.best = cell.value is not None and cell.value == best
    return cells


def missing_cell() -> Cell:
    """The cell of a figure never given: it says so rather than show a dash or a zero."""
    return Cell(figures.not_given_text(), given=False)


def number_cell(value, places: int = 0, unit: str = "") -> Cell:
    """A cell of a number (empty when None), in the active language's format, with an optional unit."""
    if value is None:
        return missing_cell()
    value = Decimal(str(value))
    text = profiles.number(value, places)
    return Cell(f"{text} {unit}".strip(), round(value, places))


def profile_in_zone(profile: ProjectProfile, zone) -> ProjectProfile:
    """``profile`` as a project in ``zone``: the zone, its kind and its difficult-area status filled in, and
    the location questions answered."""
    located = zone_location(zone).profile
    return replace(profile, zone_id=zone.pk, zone_kind=zone.kind, zone_code=zone.code, commune_id=None,
                   difficult_area=located.difficult_area, unknown=profile.unknown - LOCATION_FIELDS)


def ask_for_profile(key: str, heading: str, request) -> Section:
    """A section that needs the visitor's project: it says so and links to the profile page (and back)."""
    back = request.get_full_path() if request is not None else ""
    url = reverse("zones:profile") + (f"?{urlencode({'next': back})}" if back else "")
    return Section(key, heading, note=gettext("Describe your project (sector, capital, land needed, foreign "
                                              "ownership) to see this for your project."),
                   link_url=url, link_text=gettext("Describe your project"))


# The sections zones provides.

def land_and_price(columns: list[Column], profile, request) -> Section:
    """Area, price per m², land rent for the plot (or the profile's land need in a zone), price basis and
    management fee."""
    area, price, rent, basis, fee = [], [], [], [], []
    need = profile.land_area_m2 if profile is not None and profile.land_area_m2 else None
    for column in columns:
        zone, plot = column.zone, column.plot
        if plot is not None:
            area.append(number_cell(plot.area_ha, 2))
            unit_price = plot.price_usd(zone)
            price.append(number_cell(unit_price, 2))
            square_metres = Decimal(str(plot.area_m2)) if plot.area_m2 is not None else None
        else:
            available = column.land.get("available_ha")
            area.append(number_cell(available, 2))
            unit_price = zone.land_price_min_usd
            cell = number_cell(unit_price, 2)
            if unit_price is not None and zone.land_price_max_usd and zone.land_price_max_usd != unit_price:
                cell.text = f"{cell.text}–{profiles.number(zone.land_price_max_usd, 2)}"
            price.append(cell)
            square_metres = need
        if unit_price is not None and not square_metres:
            rent.append(Cell(gettext("depends on your land need (describe your project above)")))
        else:
            rent.append(number_cell(unit_price * square_metres if unit_price is not None else None))
        basis.append(Cell(str(zone.get_price_basis_display())))
        fee.append(number_cell(zone.management_fee_usd, 3))
    same_basis = len({column.zone.price_basis for column in columns}) == 1
    rows = [Row(gettext("Plot area, or land still available in a zone (ha)"), mark_best(area, highest=True)),
            Row(gettext("Land price (USD/m²)"), mark_best(price) if same_basis else price),
            Row(gettext("Land rent for the plot, or for your land need in a zone (USD)"),
                mark_best(rent) if same_basis else rent),
            Row(gettext("Price basis"), basis),
            Row(gettext("Management fee (USD/m²/year)"), mark_best(fee))]
    return Section("land", gettext("Land and price"), rows)


def lease_term(columns: list[Column], profile, request) -> Section:
    """The years left of each zone's lease term (the zone's land-use term)."""
    today = timezone.localdate()
    cells = []
    for column in columns:
        end: datetime.date | None = column.zone.lease_term_end
        if end is None:
            cells.append(missing_cell())
            continue
        years = max(Decimal((end - today).days) / Decimal("365.25"), Decimal("0"))
        cell = number_cell(years, 1)
        cell.text = gettext("%(years)s (until %(date)s)") % {"years": cell.text,
                                                             "date": date_format(end, "SHORT_DATE_FORMAT")}
        cells.append(cell)
    return Section("lease", gettext("Lease term"), [Row(gettext("Lease term left (years)"),
                                                        mark_best(cells, highest=True))])


def infrastructure(columns: list[Column], profile, request) -> Section:
    """Power, water supply, wastewater treatment and telecommunications of each zone."""
    zones = [column.zone for column in columns]
    return Section("infrastructure", gettext("Infrastructure"), [
        Row(gettext("Power supply (MVA)"), mark_best([number_cell(z.power_mva, 1) for z in zones], highest=True)),
        Row(gettext("Water supply (m³/day)"),
            mark_best([number_cell(z.water_supply_m3_day) for z in zones], highest=True)),
        Row(gettext("Wastewater treatment (m³/day)"),
            mark_best([number_cell(z.wastewater_m3_day) for z in zones], highest=True)),
        Row(gettext("Telecommunications"), [Cell(z.telecom) if z.telecom else missing_cell() for z in zones]),
    ])


def distances(columns: list[Column], profile, request) -> Section | None:
    """Road distance and travel time from each zone to every named place any of them records."""
    by_zone, places = [], {}
    for column in columns:
        found = {}
        for distance in column.zone.distances.select_related("place"):
            found[distance.place.code] = distance
            places.setdefault(distance.place.code, distance.place)
        by_zone.append(found)
    if not places:
        return None
    rows = []
    for code, place in sorted(places.items(), key=lambda kv: (kv[1].kind, kv[1].name)):
        rows.append(Row(gettext("%(place)s: road distance (km)") % {"place": place.name},
                        mark_best([number_cell(found[code].road_km, 1) if code in found else missing_cell()
                                   for found in by_zone])))
        rows.append(Row(gettext("%(place)s: travel time (minutes)") % {"place": place.name},
                        mark_best([number_cell(found[code].travel_minutes) if code in found else missing_cell()
                                   for found in by_zone])))
    return Section("distances", gettext("Distances and travel times"), rows)


STATUS_WORDS = {APPLIES: lambda: gettext("Applies"), MAY_APPLY: lambda: gettext("May apply"),
                "does_not_apply": lambda: gettext("Does not apply")}


def incentives(columns: list[Column], profile, request) -> Section:
    """Each incentive policy available in any compared zone, judged for the visitor's project there."""
    heading = gettext("Incentives for your project")
    if profile is None:
        return ask_for_profile("incentives", heading, request)
    judged, policies = [], {}
    for column in columns:
        found = {}
        for incentive in incentives_for_project_in_zone(column.zone, profile):
            found[incentive.policy.translation_key] = incentive
            policies.setdefault(incentive.policy.translation_key, incentive.policy)
        judged.append(found)
    rows = []
    for key, policy in policies.items():
        cells = []
        for found in judged:
            incentive = found.get(key)
            if incentive is None:
                cells.append(Cell(pgettext("incentive", "Not available here")))
            else:
                cells.append(Cell(STATUS_WORDS.get(incentive.status, STATUS_WORDS["does_not_apply"])(),
                                  best=incentive.status == APPLIES))
        if all(cell.best for cell in cells):
            for cell in cells:
                cell.best = False
        rows.append(Row(policy.title, cells))
    if not rows:
        return Section("incentives", heading, note=gettext("No incentive policy is available in these zones."))
    return Section("incentives", heading, rows)


register_section("land", land_and_price, 10)
register_section("lease", lease_term, 20)
register_section("infrastructure", infrastructure, 30)
register_section("distances", distances, 40)
register_section("incentives", incentives, 50)
