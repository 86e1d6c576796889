"""The collections OGC API - Features serves and where their features come from: published zones, their plots,
registered projects (points) and one collection per infrastructure layer.

Only public fields are read: the zone and plot columns of the GIS downloads (``zones.gis_export``: no plot
notes, no price overrides), the project fields of the public project page and dashboard export (no investor,
contact or private note), and the infrastructure shown on the zone maps. A page of features is read with one
query of only the columns it needs; the stored GeoJSON geometry comes as text, untouched."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Max, Min, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.i18n import localized
from projects.choices import ProjectKind, ProjectStatus
from projects.models import ProjectStatusChange
from projects.search_documents import public_projects
from zones.choices import LandUse, PlotStatus, ZoneKind, ZoneStatus
from zones.gis_export import PLOT_COLUMNS, ZONE_COLUMNS
from zones.infrastructure import InfrastructureLayer, InfrastructureStatus
from zones.models import InfrastructureFeature, Plot, ZonePage

from .params import Interval

GEOMETRY = "geometry_text"


@dataclass(frozen=True)
class Filter:
    """A property filter of the items (``status=leased``): the ORM lookup and, for a code list, its values."""

    lookup: str
    title: str
    choices: tuple[str, ...] = ()

    def schema(self) -> dict:
        schema = {"title": str(self.title), "type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        return schema


def _area_ha(area_m2: float | None) -> float | None:
    return None if area_m2 is None else round(area_m2 / 10_000, 4)


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


@dataclass
class Source:
    """A collection: its id, title, description, property filters and how its rows are read."""

    id: str
    title: object
    description: object
    filters: dict[str, Filter] = field(default_factory=dict)
    #: The property the ``datetime`` parameter selects on ("" for none) and whether it is a date.
    temporal: str = ""
    temporal_is_date: bool = False
    #: The field a feature's id is (``code`` or ``pk``) and whether it is a number.
    id_field: str = "pk"
    numeric_id: bool = True
    geometry_kind: str = "geometry-any"

    # --- what each collection defines ---------------------------------------------------------------------
    def base(self) -> QuerySet:
        raise NotImplementedError

    def columns(self) -> list:
        """The columns of a page's rows: the paging key (pk) first, then what :meth:`feature` reads."""
        raise NotImplementedError

    def feature(self, row: tuple) -> tuple[object, str | None, dict]:
        """(id, GeoJSON geometry text or None, properties) of a row of :meth:`columns`."""
        raise NotImplementedError

    def last_modified(self) -> datetime.datetime | None:
        return None

    # --- shared -----------------------------------------------------------------------------------------------
    def with_geometry(self, qs: QuerySet) -> QuerySet:
        return qs.annotate(**{GEOMETRY: Cast("geometry", TextField())})

    def bbox_q(self, west: float, south: float, east: float, north: float) -> Q:
        """Rows whose bounding box meets the box (west > east: across the antimeridian)."""
        lat = Q(min_lat__lte=north, max_lat__gte=south)
        lon = (Q(min_lon__lte=east, max_lon__gte=west) if west <= east
               else Q(max_lon__gte=west) | Q(min_lon__lte=east))
        return lat & lon

    def temporal_q(self, interval: Interval) -> Q:
        if not self.temporal:
            return Q()
        q = Q()
        start, end = interval.start, interval.end
        if self.temporal_is_date:
            if start is not None:
                q &= Q(**{f"{self.temporal}__gte": timezone.localdate(start)})
            if end is not None:
                q &= Q(**{f"{self.temporal}__lte": timezone.localdate(end)})
        else:
            if start is not None:
                q &= Q(**{f"{self.temporal}__gte": start})
            if end is not None:
                q &= Q(**{f"{self.temporal}__lte": end})
        return q

    def extent(self) -> tuple[list[float] | None, list[str | None] | None]:
        """The bounding box (CRS84) of the collection and its time interval (RFC 3339), or None."""
        found = self.base().aggregate(w=Min("min_lon"), s=Min("min_lat"), e=Max("max_lon"), n=Max("max_lat"),
                                      **self._temporal_aggregates())
        return self._extent(found)

    def _temporal_aggregates(self) -> dict:
        return {"t0": Min(self.temporal), "t1": Max(self.temporal)} if self.temporal else {}

    def _extent(self, found: dict):
        bbox = None if found["w"] is None else [found["w"], found["s"], found["e"], found["n"]]
        temporal = None
        if self.temporal and found.get("t0") is not None:
            temporal = [_rfc3339(found["t0"]), _rfc3339(found["t1"])]
        return bbox, temporal

    def lookup_id(self, feature_id: str) -> Q | None:
        """The row of ``feature_id``, or None when it cannot be one."""
        if self.numeric_id:
            return Q(pk=int(feature_id)) if feature_id.isdigit() and len(feature_id) < 19 else None
        return Q(**{self.id_field: feature_id})


def _rfc3339(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return f"{value.isoformat()}T00:00:00Z"


class Zones(Source):
    """Published zones: one feature per zone (by its code), named in the language asked for where the zone page
    is translated, else in the site's default language."""

    def base(self):
        live = ZonePage.objects.live().public()
        active, default = Locale.get_active(), Locale.get_default()
        if active.pk == default.pk:
            return live.filter(locale=active)
        translated = live.filter(locale=active).values("translation_key")
        return live.filter(Q(locale=active) | (Q(locale=default) & ~Q(translation_key__in=translated)))

    def columns(self):
        return ["pk", GEOMETRY, "code", "title", "kind", "status", "area_m2", "source_crs", "last_published_at"]

    def feature(self, row):
        _pk, geometry, code, title, kind, status, area_m2, source_crs, published = row
        values = {"code": code, "name": title, "kind": kind, "status": status, "area_ha": _area_ha(area_m2),
                  "src_crs": source_crs}
        properties = {key: values[key] for key in ZONE_COLUMNS}
        properties["published"] = _iso(published)
        return code, geometry, properties

    def last_modified(self):
        return self.base().aggregate(latest=Max("last_published_at"))["latest"]


class Plots(Source):
    """The plots of the published zones, with the public columns of the GIS downloads."""

    def base(self):
        live = ZonePage.objects.live().public().values("translation_key")
        # The zones' ids first (a few rows): counting and paging 100,000 plots then need no join.
        zone_ids = list(ZonePage.objects.filter(translation_key__in=live).values_list("pk", flat=True))
        return Plot.objects.filter(zone_id__in=zone_ids)

    def columns(self):
        return ["pk", GEOMETRY, "code", "zone__code", "land_use", "status", "area_m2", "source_crs"]

    def feature(self, row):
        pk, geometry, code, zone, land_use, status, area_m2, source_crs = row
        values = {"code": code, "zone": zone, "land_use": land_use, "status": status, "area_ha": _area_ha(area_m2),
                  "src_crs": source_crs}
        return pk, geometry, {key: values[key] for key in PLOT_COLUMNS}

    def last_modified(self):
        return ZonePage.objects.live().public().aggregate(latest=Max("last_published_at"))["latest"]


class Projects(Source):
    """Registered projects as points, with the fields of the public project page and the dashboard's export:
    never an investor, a contact or a private note."""

    def base(self):
        return public_projects().order_by()

    def with_geometry(self, qs):
        return qs

    def columns(self):
        return ["pk", "lon", "lat", "code", "name_vi", "name_en", "kind", "status", "sector__code",
                "sector__name_vi", "sector__name_en", "sector__name_ko", "sector__name_ja", "sector__name_zh_hans",
                "sector__name_zh_hant", "registered_on", "zone__code", "zone__live", "capital_usd"]

    def feature(self, row):
        (pk, lon, lat, code, name_vi, name_en, kind, status, sector, *sector_names, registered_on, zone,
         zone_live, capital_usd) = row
        geometry = None if lon is None or lat is None else (
            f'{{"type": "Point", "coordinates": [{float(lon)!r}, {float(lat)!r}]}}')
        sector_name = localized(dict(zip(("name_vi", "name_en", "name_ko", "name_ja", "name_zh_hans",
                                          "name_zh_hant"), sector_names, strict=True)), "name")
        return pk, geometry, {
            "code": code, "name": localized({"name_vi": name_vi, "name_en": name_en}, "name"), "kind": kind,
            "status": status, "sector": sector or None, "sector_name": sector_name or None,
            "registered_on": _iso(registered_on), "zone": zone if zone_live else None,
            "capital_usd": None if capital_usd is None else float(capital_usd)}

    def bbox_q(self, west, south, east, north):
        lat = Q(lat__gte=south, lat__lte=north)
        lon = Q(lon__gte=west, lon__lte=east) if west <= east else Q(lon__gte=west) | Q(lon__lte=east)
        return lat & lon

    def extent(self):
        found = self.base().aggregate(w=Min("lon"), s=Min("lat"), e=Max("lon"), n=Max("lat"),
                                      **self._temporal_aggregates())
        return self._extent(found)

    def last_modified(self):
        return ProjectStatusChange.objects.filter(project__in=self.base()).aggregate(
            latest=Max("created_at"))["latest"]


@dataclass
class Infrastructure(Source):
    """One layer of the infrastructure drawn on the zone maps (substations, roads, ports…)."""

    layer: str = ""

    def base(self):
        return InfrastructureFeature.objects.filter(layer=self.layer)

    def columns(self):
        return ["pk", GEOMETRY, "code", "name_vi", "name_en", "name_ko", "name_ja", "name_zh_hans", "name_zh_hant",
                "status", "details_vi", "details_en", "details_ko", "details_ja", "details_zh_hans",
                "details_zh_hant", "illustrative"]

    def feature(self, row):
        _pk, geometry, code, *texts, illustrative = row
        suffixes = ("vi", "en", "ko", "ja", "zh_hans", "zh_hant")
        names = dict(zip((f"name_{s}" for s in suffixes), texts[:6], strict=True))
        details = dict(zip((f"details_{s}" for s in suffixes), texts[7:], strict=True))
        return code, geometry, {"code": code, "name": localized(names, "name"), "layer": self.layer,
                                "status": texts[6], "details": localized(details, "details") or None,
                                "illustrative": illustrative}


def _choices(choices) -> tuple[str, ...]:
    return tuple(choices.values)


SOURCES: dict[str, Source] = {source.id: source for source in [
    Zones("zones", _("Zones"), _("Published industrial parks and economic zones: boundaries, kind, status and "
                                 "area. The datetime parameter selects on the date the zone was published."),
          filters={"code": Filter("code", _("Zone code")), "kind": Filter("kind", _("Kind"), _choices(ZoneKind)),
                   "status": Filter("status", _("Status"), _choices(ZoneStatus))},
          temporal="last_published_at", id_field="code", numeric_id=False),
    Plots("plots", _("Plots"), _("The plots of the published zones: land use, status and area."),
          filters={"zone": Filter("zone__code", _("Zone code")), "code": Filter("code", _("Plot code")),
                   "land_use": Filter("land_use", _("Land use"), _choices(LandUse)),
                   "status": Filter("status", _("Status"), _choices(PlotStatus))}),
    Projects("projects", _("Projects"), _("Registered investment projects as points: kind, status, sector, zone, "
                                          "registration date and registered capital (USD). The datetime parameter "
                                          "selects on the registration date."),
             filters={"code": Filter("code", _("Project code")),
                      "kind": Filter("kind", _("Kind"), _choices(ProjectKind)),
                      "status": Filter("status", _("Status"), tuple(
                          value for value in ProjectStatus.values if value != ProjectStatus.PLANNED)),
                      "sector": Filter("sector__code", _("Sector (VSIC 2018 code)")),
                      "zone": Filter("zone__code", _("Zone code"))},
             temporal="registered_on", temporal_is_date=True, geometry_kind="geometry-point"),
    *[Infrastructure(f"infrastructure-{layer.value}", layer.label,
                     _("Infrastructure drawn on the zone maps, existing or planned."),
                     filters={"code": Filter("code", _("Code")),
                              "status": Filter("status", _("Status"), _choices(InfrastructureStatus))},
                     id_field="code", numeric_id=False, layer=layer.value)
      for layer in InfrastructureLayer],
]}


def page_rows(source: Source, qs: QuerySet, *, after: int | None, before: int | None, limit: int) -> list[tuple]:
    """Up to ``limit + 1`` rows of ``qs`` after (or before) the paging key, in key order, in one query."""
    qs = source.with_geometry(qs)
    if before is not None:
        rows = list(qs.filter(pk__lt=before).order_by(F("pk").desc()).values_list(*source.columns())[:limit + 1])
        return rows[::-1]
    if after is not None:
        qs = qs.filter(pk__gt=after)
    return list(qs.order_by("pk").values_list(*source.columns())[:limit + 1])
