"""What the public search holds about zones and incentive policies, and the search behind the zone index.

Registered from ``ZonesConfig.ready()``: the zone and policy documents, the named places the search form
measures distances from, and the reindexing of a zone after its plots were written in bulk.
"""

from decimal import Decimal

from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from core.caching import ChangeFollower, ProcessCache
from core.i18n import localized
from search.backends.base import IndexDocument
from search.helpers import LANGUAGES, geometry_point, page_url, plain, public_pages, reverse_or_empty
from search.registry import Place, register, register_places
from search.signals import reindex

from .models import IncentivePolicyPage, NamedPlace, Sector, ZonePage
from .signals import plots_changed
from .zone_search import ZONE_FACETS, sector_tags


def unit_names(units, language: str) -> tuple[str, str]:
    """(province, commune) names of a set of administrative units, in ``language``."""
    province = commune = ""
    for unit in units:
        if not commune and unit.level == "commune":
            commune = localized(unit, "name", language)
        node = unit
        while node is not None and not province:
            if node.level == "province":
                province = localized(node, "name", language)
            node = node.parent
    return province, commune


def current_unit_names(units, language: str) -> tuple[str, str, str]:
    """(province, commune) names of ``units`` as they are today (a merged unit stands for its successor), and
    the former names when they differ, so that a search by the old name still finds the object."""
    units = list(units)
    province, commune = unit_names([now for unit in units for now in unit.current()], language)
    former = ", ".join(name for name in unit_names(units, language) if name and name not in (province, commune))
    return province, commune, former


def zone_tags(communes, sector_codes, place_codes) -> tuple[str, ...]:
    """Exact-match tags of a zone for the zone index filters: communes, targeted sectors, places measured."""
    tags = [f"commune:{unit.pk}" for unit in communes]
    tags += [tag for code in sector_codes for tag in sector_tags(code)]
    tags += [f"place:{code}" for code in place_codes]
    return tuple(dict.fromkeys(tags))


def public_zones(model):
    """Live, public zone pages, with their land figures."""
    return model.objects.live().public().with_land().select_related("locale")


def _zone_ids_for_plot(plot) -> list:
    return list(ZonePage.objects.filter(translation_key=plot.zone.translation_key).values_list("pk", flat=True))




@register("zone", ZonePage, _("Zone"), public_zones, dependencies={"zones.Plot": _zone_ids_for_plot}, weight=2.0,
          facets=ZONE_FACETS)
def zone_documents(zone) -> list:
    """A zone page: name, summary, description, infrastructure; kind, status, place, land and price;
    tags for its communes and target sectors and its road distances to named places."""
    language = zone.locale.language_code
    communes = list(zone.communes.select_related("parent__parent"))
    province, commune, former = current_unit_names(communes, language)
    target_sectors = list(zone.target_sectors.all())
    sectors = [localized(sector, "name", language) for sector in target_sectors]
    distances = {row.place.code: float(row.road_km) for row in zone.distances.select_related("place")}
    lon, lat = geometry_point(zone)
    available = getattr(zone, "available_ha", None)
    body = " ".join(filter(None, [plain(zone.body), zone.developer, zone.operator, zone.roads, zone.telecom,
                                  " ".join(sectors), province, commune, former]))
    return [IndexDocument(
        doc_type="zone", object_id=str(zone.pk), locale=language, title=zone.title, url=page_url(zone),
        summary=zone.summary or zone.search_description, body=body, kind=zone.kind, status=zone.status,
        province=province, commune=commune, sector=sectors[0] if sectors else "",
        available_land_ha=Decimal(str(round(available, 2))) if available is not None else None,
        land_price_usd=zone.land_price_min_usd, lon=lon, lat=lat, geometry=zone.geometry or None,
        tags=zone_tags(communes, [sector.code for sector in target_sectors], distances), distances=distances,
    )]


def policies_not_expired(model):
    """Public incentive policies in force or still to come."""
    return public_pages(model).exclude(effective_to__lt=timezone.localdate())


@register("policy", IncentivePolicyPage, _("Incentive policy"), policies_not_expired, dated=True, weight=1.5)
def policy_documents(policy) -> list:
    """An incentive policy in force or still to come (an expired one leaves the index): name, summary,
    details and its legal document."""
    body = " ".join(filter(None, [plain(policy.body), policy.document_number, policy.document_title,
                                  policy.article]))
    return [IndexDocument(
        doc_type="policy", object_id=str(policy.pk), locale=policy.locale.language_code, title=policy.title,
        url=page_url(policy), summary=policy.summary, body=body,
    )]


def sectors_with_parents(model):
    """Every sector, with the parents its path names, except the links of a chain of one name: a group named
    as its class and a sub-class named as its class are found as that class (the level business registration
    declares), not three times."""
    named_as_a_class = model.objects.filter(parent=OuterRef("pk"), level="class", name_en=OuterRef("name_en"))
    return (model.objects.select_related("parent__parent__parent__parent")
            .exclude(level="subclass", name_en=F("parent__name_en"))
            .exclude(Exists(named_as_a_class)))


def _sector_descendants(sector) -> list:
    """A sector's children and their children (their paths name it)."""
    found, level = [], [sector.pk]
    while level:
        level = list(Sector.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found += level
    return found


#: Sectors come after zones and policies, before projects, when a word names several kinds of thing.
SECTOR_WEIGHT = 1.25


@register("sector", Sector, _("Sector (VSIC)"), sectors_with_parents,
          dependencies={"zones.Sector": _sector_descendants}, weight=SECTOR_WEIGHT)
def sector_documents(sector) -> list:
    """A sector in each language of the site (Korean, Japanese and Chinese read the English names): its code and
    name as the title, its path and keywords as the body; it links to the incentive finder for that sector."""
    documents = []
    for language in LANGUAGES:
        with override(language):
            finder = reverse_or_empty("zones:incentive_finder")
            title = sector.display_name
            path = sector.path(language)
        keywords = ", ".join(sector.keywords(language))
        documents.append(IndexDocument(
            doc_type="sector", object_id=str(sector.pk), locale=language, title=title,
            url=f"{finder}?{urlencode({'sector_code': sector.code})}" if finder else "",
            summary=path, body=keywords, tags=(f"sector:{sector.code}",),
        ))
    return documents


def _named_places(_language: str) -> tuple[Place, ...]:
    return tuple(Place(place.code, place.name, *place.lon_lat) for place in NamedPlace.objects.exclude(min_lon=None))


_places = ProcessCache("zones.search-places", _named_places, max_entries=16)
#: Makes every process read the named places again when one changes (connected by ``ZonesConfig.ready``).
follow_places = ChangeFollower(_places, models=frozenset({"zones.NamedPlace"}))


def named_places() -> tuple[Place, ...]:
    """The named places with a location, in the active language: the search form's "near" picker (read once per
    process and language, and again when a named place changes)."""
    return _places.get(get_language())


register_places(named_places)


def _plots_changed(sender, zone, **kwargs):
    """Plots written in bulk (a GIS import) change the land figures of the zone in every language."""
    for translation in ZonePage.objects.filter(translation_key=zone.translation_key):
        reindex(translation)


plots_changed.connect(_plots_changed, dispatch_uid="zones.search_documents.plots_changed")
