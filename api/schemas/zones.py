"""Schemas of the zones and plots resources: the public facts of a zone page and of its plots, nothing an
officer keeps to themselves (contacts, plot notes, price overrides as such)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from zones.choices import LandUse, PlotStatus, ZoneKind, ZoneStatus

ZoneOrdering = Literal["name", "-name", "available_ha", "-available_ha", "price", "-price"]
PlotOrdering = Literal["code", "-code", "area", "-area", "price", "-price"]


class SectorRef(Schema):
    """A sector, or another coded thing, with its name in the language asked."""

    code: str
    name: str


class CommuneRef(Schema):
    """An administrative unit the zone lies in today (``id`` is what the ``commune`` filter takes)."""

    id: int
    code: str
    name: str


class ZoneAreas(Schema):
    """Land areas in hectares. Leasable, leased and available land come from the plots when the zone has
    plots, else from the figures entered."""

    total_ha: float | None
    industrial_ha: float | None
    leasable_ha: float | None
    leased_ha: float | None
    available_ha: float | None
    occupancy_pct: float | None = Field(description="Leased share of the leasable land.")


class ZoneLandPrice(Schema):
    """The land price range in USD per m², and what it pays for."""

    min_usd_m2: float | None
    max_usd_m2: float | None
    basis: str = Field(description="`lease_term`: paid once for the remaining lease term; `year`: per year.")
    basis_label: str


class ZoneFees(Schema):
    """Yearly fees in USD per m², and when the zone's lease term ends."""

    management_usd_m2_year: float | None
    infrastructure_usd_m2_year: float | None
    lease_term_end: datetime.date | None


class ZoneInfrastructure(Schema):
    """Utilities and transport of the zone."""

    power_mva: float | None
    water_supply_m3_day: int | None
    wastewater_m3_day: int | None
    water_price_vnd_m3: float | None
    wastewater_price_vnd_m3: float | None
    telecom: str
    roads: str


class ZoneLinks(Schema):
    """Where else the zone is served."""

    api: str = Field(description="This zone in the API.")
    html: str | None = Field(description="The zone's page on the site.")
    ogc: str = Field(description="The zone as an OGC API - Features item.")
    geojson: str | None = Field(description="Download of the boundary as GeoJSON.")
    plots: str = Field(description="The zone's plots in the API.")


class Zone(Schema):
    """A published zone in the language asked (in the language it was written when not translated yet)."""

    id: int = Field(description="The id of the zone's page in the language shown.")
    code: str = Field(description="The zone's identifier, the same in every language.")
    name: str
    language: str = Field(description="The language of the names and texts shown.")
    kind: ZoneKind
    kind_label: str
    status: ZoneStatus
    status_label: str
    summary: str
    illustrative: bool = Field(description="Boundaries, plots and figures are illustrative (demo content).")
    communes: list[CommuneRef]
    areas: ZoneAreas
    land_price: ZoneLandPrice
    fees: ZoneFees
    infrastructure: ZoneInfrastructure
    target_sectors: list[SectorRef]
    restricted_sectors: list[SectorRef]
    url: str | None = Field(description="The zone's page on the site (absolute).")
    bbox: list[float] | None = Field(description="[west, south, east, north] in WGS 84.")
    centroid: list[float] | None = Field(description="[longitude, latitude] in WGS 84.")
    links: ZoneLinks
    last_published_at: datetime.datetime | None = Field(
        description="When the zone was last published, in any language.")


class ZoneDistanceOut(Schema):
    """Road distance and travel time from the zone to a named place."""

    place_code: str
    place_name: str
    place_kind: str
    road_km: float
    travel_minutes: int | None


class ZoneFigureSourceOut(Schema):
    """Where one group of the zone's figures comes from."""

    figure: str
    figure_label: str
    source: str
    url: str
    as_of: datetime.date | None
    checked_on: datetime.date | None
    stale: bool = Field(description="Older than the board's period: may be out of date.")
    illustrative: bool


class ZoneDetail(Zone):
    """A zone with its description, key facts, distances and the sources of its figures."""

    body_html: str
    developer: str
    operator: str
    website: str
    decision_number: str
    decision_date: datetime.date | None
    distances: list[ZoneDistanceOut]
    figure_sources: list[ZoneFigureSourceOut]


class ZoneList(Schema):
    next: str | None
    previous: str | None
    results: list[Zone]


#: The most the zone index's filters take (the digits of its form's decimal fields).
MAX_SITE_HA, MAX_PRICE_USD, MAX_DISTANCE_KM = 9_999_999_999.99, 99_999_999.99, 999_999.9


class ZoneFilters(Schema):
    """The zone index's filters. A commune, sector or place that names nothing matches no zone (an empty
    list, not an error)."""

    kind: ZoneKind | None = None
    status: ZoneStatus | None = None
    sector: str | None = Field(None, description="A VSIC code: zones targeting it, a sector under it or above it.")
    commune: int | None = Field(None, description="The id of an administrative unit (see `communes[].id`).")
    min_available_ha: float | None = Field(
        None, ge=0, le=MAX_SITE_HA, allow_inf_nan=False,
        description="A site of at least this many hectares: one available plot, or adjacent ones. Counted to "
                    "0.01 ha (rounded up).")
    max_price: float | None = Field(None, ge=0, le=MAX_PRICE_USD, allow_inf_nan=False,
                                    description="Lowest land price up to (USD/m², to the cent).")
    place: str | None = Field(None, description="The code of a named place the zone is near.")
    max_distance_km: float | None = Field(
        None, ge=0, le=MAX_DISTANCE_KM, allow_inf_nan=False,
        description="Within this road distance of `place` (km, to 0.1 km); needs `place`.")
    ordering: ZoneOrdering = Field("name", description="Name in the language asked, available land or lowest "
                                                       "price; `-` for descending. Ties go by code.")


class PlotLinks(Schema):
    api: str
    zone: str = Field(description="The plot's zone in the API.")
    ogc: str = Field(description="The plot as an OGC API - Features item.")


class Plot(Schema):
    """A plot as the zone's page shows it."""

    id: int
    code: str
    zone: str = Field(description="The code of the plot's zone.")
    zone_name: str
    land_use: LandUse
    land_use_label: str
    status: PlotStatus
    status_label: str
    area_m2: float | None
    area_ha: float | None
    price_usd_m2: float | None = Field(description="The plot's price, else the low end of its zone's range.")
    bbox: list[float] | None = Field(description="[west, south, east, north] in WGS 84.")
    links: PlotLinks


class PlotList(Schema):
    next: str | None
    previous: str | None
    results: list[Plot]


class PlotFilters(Schema):
    zone: str | None = Field(None, description="The code of a zone.")
    status: PlotStatus | None = None
    land_use: LandUse | None = None
    min_area_m2: float | None = Field(None, ge=0, allow_inf_nan=False)
    max_area_m2: float | None = Field(None, ge=0, allow_inf_nan=False)
    ordering: PlotOrdering = Field("code", description="Zone and plot code, area or price; `-` for descending. "
                                                       "Ties go by id.")
