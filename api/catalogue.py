"""The data catalogue: every dataset the site publishes, with a DCAT-AP description in JSON-LD.

``build(request)`` gathers what the catalogue says about each dataset: its texts in the active language, its
publisher and licence, how often it changes, when it last changed (read from the data: the latest publication,
edit, import or record of its rows), the province's bounding box, its time span where it has one and every way to
get it (downloads, the REST API's list operations, the OGC API - Features collections and the public pages). A
link is listed only when the site answers it: the API operations come from the API's own OpenAPI schema and the
other links from the URL configuration, so the catalogue never points at a missing address. ``to_jsonld`` writes
the DCAT-AP 3.0 description with an inline context; the page and ``catalogue.jsonld`` serve it.
"""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Max, Min, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import ModelLogEntry, Page

from licensing.models import Agency, ApplicationHistory, DossierRating, LegalDocument, Procedure
from licensing.models import Application as Dossier
from maps.exporters import FORMATS as GIS_FORMATS
from projects.models import Project, ProjectStatusChange
from projects.statistics import figures_as_of
from promotion.models import Enquiry, EnquiryRating
from zones.infrastructure import InfrastructureLayer
from zones.models import (
    IncentiveIndexPage,
    IncentivePolicyPage,
    InfrastructureFeature,
    Plot,
    ZoneIndexPage,
    ZonePage,
)
from zones.models.gis_imports import ImportRecord, ImportTarget

from .conditional import last_modified, latest

#: The one licence of every dataset and distribution the site publishes.
LICENCE = {"url": "https://creativecommons.org/licenses/by/4.0/", "name": "CC BY 4.0",
           "title": "Creative Commons Attribution 4.0 International"}

JSONLD_TYPE = "application/ld+json"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
#: The site's languages in the EU language vocabulary.
LANGUAGES = {"en": "ENG", "vi": "VIE", "ko": "KOR", "ja": "JPN", "zh-hans": "ZHO", "zh-hant": "ZHO"}
OGC_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0"
OPENAPI = "https://spec.openapis.org/oas/v3.1.0"

#: How often a dataset changes: EU frequency code and its words.
FREQUENCIES = {"IRREG": _("when the board publishes a change"),
               "UPDATE_CONT": _("continuously, as records are made")}

#: Formats: (EU file type code, IANA media type, label).
FILE_FORMATS = {
    "geojson": ("GEOJSON", "application/geo+json", "GeoJSON"),
    "kml": ("KML", "application/vnd.google-earth.kml+xml", "KML"),
    "shp": ("SHP", "application/zip", "Shapefile (zip)"),
    "gpkg": ("GPKG", "application/geopackage+sqlite3", "GeoPackage"),
    "csv": ("CSV", "text/csv", "CSV"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("JSON", "application/json", "JSON"),
    "html": ("HTML", "text/html", "HTML"),
}

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "locn": "http://www.w3.org/ns/locn#", "gsp": "http://www.opengis.net/ont/geosparql#",
    "dcat:accessURL": {"@type": "@id"}, "dcat:downloadURL": {"@type": "@id"},
    "dcat:endpointURL": {"@type": "@id"}, "dcat:endpointDescription": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"}, "dcat:mediaType": {"@type": "@id"}, "dct:format": {"@type": "@id"},
    "dct:license": {"@type": "@id"}, "dct:conformsTo": {"@type": "@id"}, "dcat:theme": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"}, "dcat:accessService": {"@type": "@id"},
    "dcat:servesDataset": {"@type": "@id"}, "vcard:hasEmail": {"@type": "@id"},
    "vcard:hasTelephone": {"@type": "@id"}, "foaf:homepage": {"@type": "@id"},
    "dct:issued": {"@type": "xsd:dateTime"}, "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"}, "dcat:endDate": {"@type": "xsd:date"},
    "dcat:bbox": {"@type": "gsp:wktLiteral"},
}


#: A text: a lazy translation (written in the active language when its catalogue has it) or a plain string.
Text = str | Promise


@dataclass
class Distribution:
    """One way to get a dataset: a file, an API operation, an OGC API collection or a page."""

    title: Text
    url: str
    fmt: str
    kind: str  # "download", "api", "ogc" or "page"

    @property
    def media_type(self) -> str:
        return FILE_FORMATS[self.fmt][1]

    @property
    def format_label(self) -> str:
        return FILE_FORMATS[self.fmt][2]


@dataclass
class Dataset:
    """What the catalogue says about one dataset."""

    key: str
    title: Text
    description: Text
    keywords: list[Text]
    themes: list[str]
    frequency: str
    modified: datetime.datetime | None = None
    issued: datetime.datetime | None = None
    temporal: tuple[datetime.date | None, datetime.date | None] | None = None
    landing_page: str = ""
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def frequency_label(self) -> str:
        return str(FREQUENCIES[self.frequency])

    @property
    def formats(self) -> list[str]:
        """The distinct formats the dataset comes in, in the order first offered."""
        return list(dict.fromkeys(str(item.format_label) for item in self.distributions))

    @property
    def groups(self) -> list[tuple[str, Text, list[Distribution]]]:
        """The distributions grouped by kind and title (a zone's plots in four formats are one row)."""
        groups: list[tuple[str, Text, list[Distribution]]] = []
        for item in self.distributions:
            if groups and groups[-1][0] == item.kind and str(groups[-1][1]) == str(item.title):
                groups[-1][2].append(item)
            else:
                groups.append((item.kind, item.title, [item]))
        return groups


@dataclass
class DataService:
    """An API the site serves: the REST API or the OGC API - Features."""

    key: str
    title: Text
    endpoint: str
    description_url: str
    conforms_to: str
    serves: list[str]


@dataclass
class Catalogue:
    """The whole catalogue in the active language."""

    url: str
    language: str
    title: Text
    description: Text
    publisher: Text
    publisher_language: str
    homepage: str
    email: str
    phone: str
    bbox: tuple[float, float, float, float] | None
    datasets: list[Dataset]
    services: list[DataService]

    @property
    def modified(self) -> datetime.datetime | None:
        return latest(*(dataset.modified for dataset in self.datasets))

    @property
    def licence(self) -> dict:
        return LICENCE


def _at_day_start(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@cache
def _api_list_paths() -> tuple[str, ...]:
    """The API's public list operations (relative to its root): GET, no path parameter, no required query
    parameter, no authentication; read from the API's OpenAPI schema (which does not change while it runs)."""
    from .v1 import api

    schema = api.get_openapi_schema(path_prefix="")
    found = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path or operation.get("security"):
            continue
        if any(parameter.get("required") for parameter in operation.get("parameters", [])):
            continue
        found.append(path)
    return tuple(sorted(found))


def _api_paths(*prefixes: str, exclude: tuple[str, ...] = ()) -> list[str]:
    return [path for path in _api_list_paths()
            if path.startswith(prefixes) and not path.startswith(exclude)]


#: Parts of the API that serve service quality (the rest of /statistics is investment statistics).
QUALITY_API = ("/statistics/service", "/statistics/quality", "/service-quality", "/quality")
#: The OGC API - Features collections of each dataset: (collection id, title); infrastructure has one per layer.
OGC_COLLECTIONS = {
    "zones": [("zones", _("Zones"))], "plots": [("plots", _("Plots"))],
    "infrastructure": [(f"infrastructure-{layer.value}", layer.label) for layer in InfrastructureLayer],
    "statistics": [("projects", _("Projects"))],
}


def _facts(private) -> dict:
    """Each dataset's dates and the province's bounding box, one aggregate query per source; ``private`` is
    the condition of pages in a private section (``PageQuerySet.private_q``, read once)."""
    now = timezone.now()
    zones = ZonePage.objects.live().exclude(private).aggregate(
        modified=Max("last_published_at"), issued=Min("first_published_at"),
        west=Min("min_lon"), south=Min("min_lat"), east=Max("max_lon"), north=Max("max_lat"))
    policies = IncentivePolicyPage.objects.live().exclude(private).aggregate(
        modified=Max("last_published_at"), issued=Min("first_published_at"),
        start=Min("effective_from"), end=Max("effective_to"))
    models = {"plots": Plot, "infrastructure": InfrastructureFeature, "procedures": Procedure,
              "agencies": Agency, "laws": LegalDocument, "projects": Project}
    types = ContentType.objects.get_for_models(*models.values())
    by_type = dict(ModelLogEntry.objects.filter(content_type__in=types.values()).values_list("content_type")
                   .annotate(latest=Max("timestamp")).values_list("content_type", "latest"))
    edits = {key: by_type.get(types[model].pk) for key, model in models.items()}
    imports = dict(ImportRecord.objects.filter(status="done").values_list("target")
                   .annotate(latest=Max("finished_at")).values_list("target", "latest"))
    procedures = Procedure.objects.filter(effective_from__lte=timezone.localdate(now)).aggregate(
        latest=Max("effective_from"))
    dossiers = ApplicationHistory.objects.aggregate(latest=Max("at"))
    dossier_start = Dossier.objects.aggregate(start=Min("received_on"))
    dossier_ratings = DossierRating.objects.aggregate(latest=Max("updated_at"))
    registry_day = figures_as_of()
    registry = Project.objects.aggregate(start=Min("registered_on"))
    project_status = ProjectStatusChange.objects.aggregate(latest=Max("created_at"))
    enquiries = Enquiry.objects.aggregate(received=Max("received_at"), answered=Max("first_answered_at"),
                                          start=Min("received_at"))
    enquiry_ratings = EnquiryRating.objects.aggregate(latest=Max("updated_at"))
    bbox = None
    if zones["west"] is not None:
        bbox = (zones["west"], zones["south"], zones["east"], zones["north"])
    return {
        "bbox": bbox,
        "zones": {"modified": latest(zones["modified"], imports.get(ImportTarget.ZONES)),
                  "issued": zones["issued"]},
        "plots": {"modified": latest(zones["modified"], edits["plots"], imports.get(ImportTarget.PLOTS))},
        "infrastructure": {"modified": latest(edits["infrastructure"], imports.get(ImportTarget.INFRASTRUCTURE))},
        "policies": {"modified": policies["modified"], "issued": policies["issued"],
                     "temporal": (policies["start"], policies["end"]) if policies["start"] else None},
        "procedures": {"modified": latest(_at_day_start(procedures["latest"]), edits["procedures"],
                                          edits["agencies"], edits["laws"])},
        "performance": {"modified": latest(dossiers["latest"], dossier_ratings["latest"]),
                        "temporal": (dossier_start["start"], None) if dossier_start["start"] else None},
        "statistics": {"modified": latest(_at_day_start(registry_day), project_status["latest"],
                                          edits["projects"]),
                       "temporal": (registry["start"], registry_day) if registry["start"] else None},
        "quality": {"modified": latest(enquiries["received"], enquiries["answered"], enquiry_ratings["latest"]),
                    "temporal": (_date(enquiries["start"]), None) if enquiries["start"] else None},
    }


def _index_pages(request, language: str, private) -> dict:
    """The URLs of the live zone and incentive index pages in ``language``."""
    types = ContentType.objects.get_for_models(ZoneIndexPage, IncentiveIndexPage)
    pages = (Page.objects.live().exclude(private).filter(locale__language_code=language,
                                                 content_type__in=types.values()).order_by("depth", "path"))
    urls = {}
    for page in pages:
        key = "zones" if page.content_type_id == types[ZoneIndexPage].pk else "policies"
        url = page.get_url(request)
        if key not in urls and url:
            urls[key] = request.build_absolute_uri(url)
    return urls


def _zones_with_plots(language: str, private) -> list[dict]:
    plots = Plot.objects.filter(zone__translation_key=OuterRef("translation_key"))
    return list(ZonePage.objects.live().exclude(private).filter(locale__language_code=language)
                .filter(Exists(plots)).order_by("title").values("pk", "title", "code"))


def _definitions() -> list[Dataset]:
    """The datasets, their texts in the active language."""
    return [
        Dataset("zones", _("Industrial and economic zones"),
                _("The province's industrial parks and economic zones: boundaries, kind, status, area and the "
                  "source coordinate system of each boundary."),
                [_("industrial park"), _("economic zone"), _("land"), "GIS"], ["ECON", "REGI"], "IRREG"),
        Dataset("plots", _("Plots"),
                _("The land plots of each zone: boundaries, land use, status (available, reserved, leased) "
                  "and area."),
                [_("plot"), _("land lease"), _("industrial land"), "GIS"], ["ECON", "REGI"], "UPDATE_CONT"),
        Dataset("infrastructure", _("Infrastructure"),
                _("Substations, power lines, water and wastewater plants, main roads, rail, ports, airports "
                  "and border gates around the zones, existing or planned."),
                [_("infrastructure"), _("electricity"), _("water"), _("transport")],
                ["TRAN", "ENER", "REGI"], "IRREG"),
        Dataset("policies", _("Investment incentive policies"),
                _("Incentives for investors (tax, land rent, import duty and others), their legal basis, "
                  "period of effect and the conditions under which each applies."),
                [_("investment incentives"), _("tax"), _("land rent")], ["ECON", "GOVE"], "IRREG"),
        Dataset("procedures", _("Licensing procedures"),
                _("The administrative procedures of an investment project: national code, agency, legal basis, "
                  "statutory time, fees, documents, steps and online level, with their versions in force."),
                [_("administrative procedures"), _("licensing"), _("one-stop")], ["GOVE"], "IRREG"),
        Dataset("performance", _("Agencies' performance"),
                _("For each agency that resolves investment procedures: dossiers received and resolved, the share "
                  "resolved on time and the dossiers overdue, computed from the dossiers' records."),
                [_("agency performance"), _("on-time rate"), _("dossiers")], ["GOVE"], "UPDATE_CONT"),
        Dataset("statistics", _("Investment statistics"),
                _("Registered investment projects, domestic and foreign (FDI): number, registered and disbursed "
                  "capital, by period, sector, zone and investor country; the public project list."),
                [_("investment"), "FDI", _("registered capital"), _("projects")], ["ECON"], "UPDATE_CONT"),
        Dataset("quality", _("Service quality"),
                _("How the board answers investors' enquiries: per topic, enquiries answered within the deadline, "
                  "time to the first answer and the investors' ratings (Decision 766/QĐ-TTg)."),
                [_("service quality"), _("enquiries"), _("satisfaction")], ["GOVE"], "UPDATE_CONT"),
    ]


def _add(dataset: Dataset, request, path: str, title: str, fmt: str, kind: str) -> None:
    if _resolves(path.split("?")[0]):
        dataset.distributions.append(Distribution(title, request.build_absolute_uri(path), fmt, kind))


def _distributions(datasets: dict, request, language: str, pages: dict, private) -> None:
    """Attach every way to get each dataset: pages, downloads, API operations, OGC API collections."""
    page_names = {"procedures": "licensing:procedures", "performance": "licensing:performance",
                  "statistics": "projects:dashboard", "quality": "promotion:service"}
    for key, name in page_names.items():
        pages[key] = request.build_absolute_uri(reverse(name))
    pages["plots"] = pages["infrastructure"] = pages.get("zones", "")
    for key, dataset in datasets.items():
        dataset.landing_page = pages.get(key, "")
        if dataset.landing_page:
            dataset.distributions.append(Distribution(_("Web page"), dataset.landing_page, "html", "page"))
    for fmt in GIS_FORMATS:
        _add(datasets["zones"], request, reverse("maps:export_zones", args=[fmt]), _("All zones"), fmt, "download")
    for zone in _zones_with_plots(language, private):
        for fmt in GIS_FORMATS:
            _add(datasets["plots"], request, reverse("maps:export_zone_plots", args=[zone["pk"], fmt]),
                 zone["title"], fmt, "download")
    for fmt in ("csv", "xlsx"):
        _add(datasets["statistics"], request, reverse(f"projects:export_{fmt}"), _("Project list"), fmt, "download")
    api_root = reverse("api-v1:api-root")
    api_prefixes = {"zones": ("/zones",), "plots": ("/plots",), "policies": ("/policies",),
                    "procedures": ("/procedures",), "performance": ("/agencies",), "quality": QUALITY_API}
    for key, prefixes in api_prefixes.items():
        for path in _api_paths(*prefixes):
            _add(datasets[key], request, api_root + path.lstrip("/"), "REST API " + path, "json", "api")
    for path in _api_paths("/statistics", exclude=QUALITY_API):
        _add(datasets["statistics"], request, api_root + path.lstrip("/"), "REST API " + path, "json", "api")
    for key, collections in OGC_COLLECTIONS.items():
        for collection, title in collections:
            _add(datasets[key], request, f"/ogc/collections/{collection}/items?f=json", title, "geojson", "ogc")


def _services(request, datasets: dict) -> list[DataService]:
    services = []
    api_root = reverse("api-v1:api-root")
    served = [key for key, dataset in datasets.items() if any(d.kind == "api" for d in dataset.distributions)]
    services.append(DataService("rest-api", _("Invest Portal REST API"), request.build_absolute_uri(api_root),
                                request.build_absolute_uri(reverse("api-v1:openapi-json")), OPENAPI, served))
    if _resolves("/ogc/"):
        served = [key for key, dataset in datasets.items() if any(d.kind == "ogc" for d in dataset.distributions)]
        description = "/ogc/api" if _resolves("/ogc/api") else "/ogc/"
        services.append(DataService("ogc-api", _("OGC API - Features"), request.build_absolute_uri("/ogc/"),
                                    request.build_absolute_uri(description), OGC_FEATURES, served))
    return services


#: The site settings that name the publisher and its contacts (``organisation_name_<language>``, ``email``,
#: ``phone``), read through Wagtail's settings registry as the site's templates read them: this layer imports
#: nothing from the site layer above it.
PUBLISHER_SETTINGS = ("portal", "SiteSettings")


def _publisher(request, language: str) -> tuple[Text, str, str, str]:
    """The publisher's name, the language it is written in, its e-mail and telephone: the organisation of the
    site settings, else the board's generic name."""
    model = settings_registry.get_by_natural_key(*PUBLISHER_SETTINGS)
    site_settings = model.for_request(request) if model is not None else None
    email, phone = getattr(site_settings, "email", ""), getattr(site_settings, "phone", "")
    for candidate in (language.replace("-", "_"), "en", "vi"):
        name = getattr(site_settings, f"organisation_name_{candidate}", "")
        if name:
            return name, candidate.replace("_", "-"), email, phone
    return _("The province's economic zone management board"), language, email, phone


def build(request) -> Catalogue:
    """The catalogue in the active language, its URLs absolute for ``request``."""
    language = translation.get_language()
    private = Page.objects.private_q()
    facts = _facts(private)
    datasets = {dataset.key: dataset for dataset in _definitions()}
    for key, dataset in datasets.items():
        dataset.modified = facts[key].get("modified")
        dataset.issued = facts[key].get("issued")
        dataset.temporal = facts[key].get("temporal")
    _distributions(datasets, request, language, _index_pages(request, language, private), private)
    publisher, publisher_language, email, phone = _publisher(request, language)
    return Catalogue(
        url=request.build_absolute_uri(reverse("catalogue:page")), language=language,
        title=_("Open data of the Invest Portal"),
        description=_("Every dataset the investment portal publishes, with its licence, its updates and every way "
                      "to get it: files to download, the REST API and the OGC API - Features."),
        publisher=publisher, publisher_language=publisher_language,
        homepage=request.build_absolute_uri(f"/{language}/"), email=email, phone=phone, bbox=facts["bbox"],
        datasets=list(datasets.values()), services=_services(request, datasets))


def _text(value: Text, language: str) -> dict | str:
    """``value`` as a literal tagged with the language it is really written in: a lazy text that the active
    language's catalogue does not translate yet is English; a plain string (a path) has no language."""
    if not isinstance(value, Promise):
        return str(value)
    text = str(value)
    if language != "en":
        with translation.override("en"):
            if str(value) == text:
                language = "en"
    return {"@value": text, "@language": language}


def _wkt(bbox) -> dict:
    west, south, east, north = bbox
    ring = f"{west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}"
    return {"@type": "dct:Location", "dcat:bbox": f"POLYGON(({ring}))"}


def _when(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat()


def to_jsonld(catalogue: Catalogue) -> dict:
    """The catalogue as DCAT-AP 3.0 in JSON-LD with an inline context."""
    lang = catalogue.language
    publisher = {"@id": catalogue.url + "#publisher", "@type": "foaf:Agent",
                 "foaf:name": ({"@value": catalogue.publisher, "@language": catalogue.publisher_language}
                               if isinstance(catalogue.publisher, str) else _text(catalogue.publisher, lang)),
                 "foaf:homepage": catalogue.homepage}
    contact = {"@type": "vcard:Organization", "vcard:fn": str(catalogue.publisher)}
    if catalogue.email:
        contact["vcard:hasEmail"] = f"mailto:{catalogue.email}"
    if catalogue.phone:
        contact["vcard:hasTelephone"] = "tel:" + catalogue.phone.replace(" ", "")
    licence = {"@id": LICENCE["url"], "@type": "dct:LicenseDocument", "dct:title": LICENCE["title"]}
    service_ids = {service.key: f"{catalogue.url}#{service.key}" for service in catalogue.services}
    datasets = []
    for dataset in catalogue.datasets:
        node = {
            "@id": f"{catalogue.url}#{dataset.key}", "@type": "dcat:Dataset", "dct:identifier": dataset.key,
            "dct:title": _text(dataset.title, lang), "dct:description": _text(dataset.description, lang),
            "dcat:keyword": [_text(word, lang) for word in dataset.keywords],
            "dcat:theme": [THEME + theme for theme in dataset.themes],
            "dct:accrualPeriodicity": FREQUENCY + dataset.frequency,
            "dct:publisher": {"@id": publisher["@id"]}, "dcat:contactPoint": contact,
            "dct:license": LICENCE["url"], "dct:spatial": _wkt(catalogue.bbox) if catalogue.bbox else None,
            "dcat:distribution": [],
        }
        if dataset.landing_page:
            node["dcat:landingPage"] = dataset.landing_page
        if dataset.issued:
            node["dct:issued"] = _when(dataset.issued)
        if dataset.modified:
            node["dct:modified"] = _when(dataset.modified)
        if dataset.temporal:
            period = {"@type": "dct:PeriodOfTime", "dcat:startDate": dataset.temporal[0].isoformat()}
            if dataset.temporal[1]:
                period["dcat:endDate"] = dataset.temporal[1].isoformat()
            node["dct:temporal"] = period
        for index, item in enumerate(dataset.distributions):
            code, media_type, _label = FILE_FORMATS[item.fmt]
            distribution = {"@id": f"{catalogue.url}#{dataset.key}-{index + 1}", "@type": "dcat:Distribution",
                            "dct:title": _text(item.title, lang), "dcat:accessURL": item.url,
                            "dct:format": FILE_TYPE + code, "dcat:mediaType": IANA + media_type,
                            "dct:license": LICENCE["url"]}
            if item.kind == "download":
                distribution["dcat:downloadURL"] = item.url
            service = {"api": "rest-api", "ogc": "ogc-api"}.get(item.kind)
            if service in service_ids:
                distribution["dcat:accessService"] = service_ids[service]
            node["dcat:distribution"].append(distribution)
        datasets.append({key: value for key, value in node.items() if value is not None})
    services = [{"@id": service_ids[service.key], "@type": "dcat:DataService",
                 "dct:title": _text(service.title, lang),
                 "dcat:endpointURL": service.endpoint, "dcat:endpointDescription": service.description_url,
                 "dct:conformsTo": service.conforms_to, "dct:license": LICENCE["url"],
                 "dct:publisher": {"@id": publisher["@id"]},
                 "dcat:servesDataset": [f"{catalogue.url}#{key}" for key in service.serves]}
                for service in catalogue.services]
    node = {"@context": CONTEXT, "@id": catalogue.url, "@type": "dcat:Catalog",
            "dct:title": _text(catalogue.title, lang), "dct:description": _text(catalogue.description, lang),
            "dct:language": {"@id": LANGUAGE + LANGUAGES.get(lang, "ENG")},
            "dct:publisher": publisher, "dct:license": licence, "foaf:homepage": catalogue.homepage,
            "dcat:dataset": datasets, "dcat:service": services}
    if catalogue.bbox:
        node["dct:spatial"] = _wkt(catalogue.bbox)
    if catalogue.modified:
        node["dct:modified"] = _when(catalogue.modified)
    return node


#: JSON inside a <script> element: no character may end the element or open a comment.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(document: dict) -> str:
    """``document`` as JSON safe to place inside a ``<script type="application/ld+json">`` data block."""
    return json.dumps(document, ensure_ascii=False, indent=1).translate(SCRIPT_ESCAPES)


@require_GET
def page(request):
    """The catalogue page: every dataset with its links, and the same as JSON-LD in a data block (a data block
    is never run, so the Content-Security-Policy needs no exception)."""
    catalogue = build(request)
    response = render(request, "api/catalogue.html", {"catalogue": catalogue,
                                                      "jsonld": dumps(to_jsonld(catalogue))})
    return response


@require_GET
def jsonld(request):
    """The catalogue as DCAT-AP JSON-LD."""
    catalogue = build(request)
    response = HttpResponse(dumps(to_jsonld(catalogue)), content_type=JSONLD_TYPE)
    last_modified(response, catalogue.modified)
    return response
