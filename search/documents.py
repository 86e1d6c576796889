"""What is indexed, declared once per model: a registry of document definitions.

A definition names the model, the objects that are public (``queryset``) and how one object becomes
``IndexDocument``s (one per language). Builders read public fields only: investors' contacts, private
notes, applications and dossier tokens are never read here, so they cannot reach any index.
"""

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from core.i18n import localized

from .backends.base import IndexDocument

LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class DocumentDefinition:
    """How one model is indexed."""

    doc_type: str
    model_label: str
    label: str
    build: Callable[[Model], list[IndexDocument]]
    queryset: Callable[[type[Model]], QuerySet]
    #: Other models whose changes alter this document: label -> function giving the ids to reindex.
    dependencies: dict = field(default_factory=dict)
    #: Whether what is public depends on today's date (versions in force): refreshed every night.
    dated: bool = False

    @property
    def model(self) -> type[Model] | None:
        """The model class, or None while its app has not defined it."""
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def public_object(self, object_id) -> Model | None:
        """The object if it exists and is public, else None (then it must leave the index).

        Call it inside a transaction: the object's row stays locked until the transaction ends, so that it
        cannot change or go meanwhile (SQLite has no row locks; its IMMEDIATE transactions serialise writers)."""
        model = self.model
        if model is None:
            return None
        list(model._base_manager.select_for_update().filter(pk=object_id).values_list("pk", flat=True))
        return self.queryset(model).filter(pk=object_id).first()

    def documents(self, obj: Model) -> list[IndexDocument]:
        """The documents of ``obj`` (one per language)."""
        return self.build(obj)

    def all_documents(self, chunk_size: int = 500) -> Iterator[IndexDocument]:
        """Every document of every public object of the model."""
        model = self.model
        if model is None:
            return
        for obj in self.queryset(model).order_by("pk").iterator(chunk_size=chunk_size):
            yield from self.build(obj)


REGISTRY: dict[str, DocumentDefinition] = {}


def register(doc_type: str, model_label: str, label, queryset: Callable, dependencies: dict | None = None,
             dated: bool = False):
    """Decorator registering a builder function as the document definition of ``model_label``."""
    def decorator(build):
        REGISTRY[doc_type] = DocumentDefinition(doc_type, model_label, label, build, queryset,
                                                dependencies or {}, dated)
        return build
    return decorator


def definition_for_model(model: type[Model]) -> DocumentDefinition | None:
    """The definition indexing ``model`` (or one of its parents), if any."""
    for definition in REGISTRY.values():
        target = definition.model
        if target is not None and issubclass(model, target):
            return definition
    return None


def all_documents() -> Iterator[IndexDocument]:
    """Every document of every registered type (what a rebuild writes)."""
    for definition in REGISTRY.values():
        yield from definition.all_documents()


# Helpers
#: Tags that end a block of text: their words must not run into the next block's.
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|blockquote|section|figure|figcaption)"
                        r"\b[^>]*>", re.IGNORECASE)


def plain(value) -> str:
    """Rich text or HTML as plain text, a space between blocks."""
    return " ".join(html.unescape(strip_tags(_BLOCK_TAG.sub(" ", str(value or "")))).split())


def reverse_or_empty(name: str, args=None) -> str:
    """``reverse`` for a route another app may not have yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""



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


def geometry_point(obj) -> tuple[float | None, float | None]:
    """A point inside the object's geometry (``GeometryMixin``), or (None, None)."""
    shape = getattr(obj, "shape", None)
    if shape is None or shape.is_empty:
        return None, None
    point = shape.representative_point()
    return point.x, point.y


def page_url(page) -> str:
    """The page's URL on the default site (relative)."""
    return page.get_url() or page.url_path


def public_pages(model):
    return model.objects.live().public()


# Definitions
@register("page", "portal.HomePage", _("Page"), public_pages)
def home_page_documents(page) -> list[IndexDocument]:
    """The home pages: title, introduction and body."""
    return [IndexDocument(
        doc_type="page", object_id=str(page.pk), locale=page.locale.language_code, title=page.title,
        url=page_url(page), summary=page.search_description or page.hero_text, body=plain(page.body),
    )]


def _zone_queryset(model):
    return model.objects.live().public().with_land().select_related("locale")


def _zone_ids_for_plot(plot) -> list:
    zone_model = apps.get_model("zones.ZonePage")
    return list(zone_model.objects.filter(translation_key=plot.zone.translation_key).values_list("pk", flat=True))


def sector_tags(code: str) -> list[str]:
    """Tags of a targeted sector code: the code itself and every prefix it falls under."""
    return [f"sector:{code}"] + [f"sector-in:{code[:i]}" for i in range(1, len(code) + 1)]


def sector_filter(code: str) -> tuple[str, ...]:
    """The tags of zones matching a sector filter: targeting the code, a sector under it, or one above it."""
    return (f"sector-in:{code}", *(f"sector:{code[:i]}" for i in range(1, len(code) + 1)))


def zone_tags(communes, sector_codes, place_codes) -> tuple[str, ...]:
    """Exact-match tags of a zone for the zone index filters: communes, targeted sectors, places measured."""
    tags = [f"commune:{unit.pk}" for unit in communes]
    tags += [tag for code in sector_codes for tag in sector_tags(code)]
    tags += [f"place:{code}" for code in place_codes]
    return tuple(dict.fromkeys(tags))


@register("zone", "zones.ZonePage", _("Zone"), _zone_queryset, dependencies={"zones.Plot": _zone_ids_for_plot})
def zone_documents(zone) -> list[IndexDocument]:
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


def _policies_not_expired(model):
    from django.utils import timezone

    return public_pages(model).exclude(effective_to__lt=timezone.localdate())


@register("policy", "zones.IncentivePolicyPage", _("Incentive policy"), _policies_not_expired, dated=True)
def policy_documents(policy) -> list[IndexDocument]:
    """An incentive policy in force or still to come (an expired one leaves the index): name, summary,
    details and its legal document."""
    body = " ".join(filter(None, [plain(policy.body), policy.document_number, policy.document_title,
                                  policy.article]))
    return [IndexDocument(
        doc_type="policy", object_id=str(policy.pk), locale=policy.locale.language_code, title=policy.title,
        url=page_url(policy), summary=policy.summary, body=body,
    )]


def _procedures_in_force(model):
    from django.utils import timezone

    return model.objects.in_force(timezone.localdate()).select_related("agency")


@register("procedure", "licensing.Procedure", _("Procedure"), _procedures_in_force, dated=True)
def procedure_documents(procedure) -> list[IndexDocument]:
    """A licensing procedure in force, in Vietnamese and English: name, result, agency, legal basis."""
    documents = []
    for language in LANGUAGES:
        legal = [f"{doc.number} {localized(doc, 'title', language)}" for doc in procedure.legal_basis.all()]
        body = " ".join(filter(None, [procedure.code, localized(procedure, "result", language),
                                      localized(procedure, "reason_all", language), " ".join(legal)]))
        with override(language):
            url = reverse_or_empty("licensing:procedure", [procedure.code]) or procedure.portal_url
            documents.append(IndexDocument(
                doc_type="procedure", object_id=str(procedure.pk), locale=language,
                title=localized(procedure, "name", language), url=url,
                summary=localized(procedure.agency, "name", language), body=body,
                kind=procedure.agency.level, status=procedure.online_level,
            ))
    return documents


def _project_of_share(share) -> list:
    return [share.project_id]


def _public_projects(model):
    return model.objects.select_related("sector", "commune__parent__parent", "zone")


@register("project", "projects.Project", _("Project"), _public_projects,
          dependencies={"projects.ProjectInvestor": _project_of_share})
def project_documents(project) -> list[IndexDocument]:
    """Public project information: name, code, sector, place, zone, status and registered capital (USD).

    Investors' contacts and private notes are never read.
    """
    documents = []
    investors = [localized(investor, "name", "vi") for investor in project.investors.all()]
    for language in LANGUAGES:
        sector = localized(project.sector, "name", language) if project.sector_id else ""
        province, commune, former = (current_unit_names([project.commune], language) if project.commune_id
                                     else ("", "", ""))
        with override(language):  # the zone's live translation, else its own title; labels in the language
            zone = project.zone.localized.title if project.zone_id else ""
            url = reverse_or_empty("projects:project", [project.pk])
            body = " · ".join(filter(None, [
                project.code, gettext("formerly %(place)s") % {"place": former} if former else "",
                gettext("Investors: %(names)s") % {"names": ", ".join(investors)} if investors else ""]))
        place = ", ".join(filter(None, [commune, province]))
        documents.append(IndexDocument(
            doc_type="project", object_id=str(project.pk), locale=language,
            title=localized(project, "name", language), url=url,
            summary=" · ".join(filter(None, [sector, zone, place])), body=body, kind=project.kind,
            province=province, commune=commune, sector=sector, status=project.status,
            capital_usd=project.capital_usd, lon=project.lon, lat=project.lat,
        ))
    return documents
