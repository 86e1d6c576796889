"""OGC API - Features views: the landing page, conformance, the API definition and its documentation, the
collections, their queryables, items and single features, in JSON (GeoJSON) and HTML.

Every read carries ``Last-Modified`` (the data's latest change; the service's own documents: its release);
a wrong parameter answers 400 and an unknown collection or feature 404, as RFC 9457 problems."""

import datetime
import json
from functools import cache, wraps
from pathlib import Path
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..conditional import last_modified, latest
from ..problems import problem
from . import crs, openapi, params
from .params import ParameterError
from .routes import ROUTES
from .sources import SOURCES, Source, page_rows

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
SCHEMA = "application/schema+json"
REL_CONFORMANCE = "http://www.opengis.net/def/rel/ogc/1.0/conformance"
REL_DATA = "http://www.opengis.net/def/rel/ogc/1.0/data"
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class NotFound(Exception):
    """An unknown collection or feature."""


@cache
def _released():
    """When the service's own documents last changed: the newest of this package's files and templates."""
    here = Path(__file__).resolve().parent
    files = [*here.glob("*.py"), *(here.parent / "templates" / "api" / "ogc").glob("*.html")]
    return datetime.datetime.fromtimestamp(max(f.stat().st_mtime for f in files), tz=datetime.UTC)


def ogc_view(view):
    """A GET view answering problems for wrong parameters (400) and unknown resources (404)."""

    @wraps(view)
    @require_safe
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ParameterError as exc:
            return problem(400, _("Invalid parameter %(name)s: %(detail)s") % {
                "name": exc.name, "detail": exc.detail}, [{"field": f"query.{exc.name}", "detail": exc.detail}])
        except NotFound as exc:
            return problem(404, str(exc))

    return wrapper


def _url(request, name: str, query: dict | None = None, **kwargs) -> str:
    """The absolute URL of route ``name``, keeping the language asked for."""
    query = dict(query or {})
    if "lang" in request.GET and "lang" not in query:
        query["lang"] = request.GET["lang"]
    url = request.build_absolute_uri(reverse(f"ogc:{name}", kwargs=kwargs))
    return f"{url}?{urlencode(query)}" if query else url


def _link(href: str, rel: str, media_type: str, title: str = "") -> dict:
    link = {"href": href, "rel": rel, "type": media_type}
    if title:
        link["title"] = title
    return link


def _self_links(request, name: str, fmt: str, json_type: str = JSON, **kwargs) -> list[dict]:
    """``self`` and ``alternate`` links of a resource offered in JSON and HTML."""
    as_json = _link(_url(request, name, {"f": "json"}, **kwargs), "self" if fmt == "json" else "alternate", json_type,
                    _("This document as JSON"))
    as_html = _link(_url(request, name, {"f": "html"}, **kwargs), "self" if fmt == "html" else "alternate", HTML,
                    _("This document as HTML"))
    return [as_json, as_html]


def _respond(request, fmt: str, data: dict, template: str, when, content_type: str = JSON,
             context: dict | None = None) -> HttpResponse:
    if fmt == "html":
        response = render(request, f"api/ogc/{template}", {"data": data, **(context or {})})
    else:
        response = HttpResponse(_encode(data), content_type=content_type)
    last_modified(response, when)
    return response


def _source(collection_id: str) -> Source:
    source = SOURCES.get(collection_id)
    if source is None:
        raise NotFound(_("There is no collection %(id)s.") % {"id": collection_id})
    return source


@ogc_view
def landing(request):
    """The landing page: links to the API definition, its documentation, the conformance and the data."""
    params.check_known(request.GET, {"f", "lang"})
    fmt = params.output_format(request)
    data = {
        "title": _("Invest Portal: OGC API - Features"),
        "description": _("Zones, plots, investment projects and infrastructure of the province, as OGC API - "
                         "Features."),
        "links": [*_self_links(request, "landing", fmt),
                  _link(_url(request, "api"), "service-desc", openapi.OPENAPI_TYPE, _("The API definition")),
                  _link(_url(request, "docs"), "service-doc", HTML, _("The API documentation")),
                  _link(_url(request, "conformance"), "conformance", JSON, _("Conformance classes")),
                  _link(_url(request, "conformance"), REL_CONFORMANCE, JSON, _("Conformance classes")),
                  _link(_url(request, "collections"), "data", JSON, _("Collections")),
                  _link(_url(request, "collections"), REL_DATA, JSON, _("Collections"))],
    }
    return _respond(request, fmt, data, "landing.html", _released())


@ogc_view
def conformance(request):
    """The conformance classes implemented."""
    params.check_known(request.GET, {"f", "lang"})
    fmt = params.output_format(request)
    data = {"conformsTo": CONFORMANCE, "links": _self_links(request, "conformance", fmt)}
    return _respond(request, fmt, data, "conformance.html", _released())


def _base_url(request) -> str:
    return request.build_absolute_uri(reverse("ogc:landing")).rstrip("/")


@ogc_view
def api(request):
    """The API definition (OpenAPI 3.0), made from the route table."""
    params.check_known(request.GET, {"lang"})
    response = HttpResponse(_encode(openapi.document(_base_url(request))), content_type=openapi.OPENAPI_TYPE)
    last_modified(response, _released())
    return response


@ogc_view
def docs(request):
    """The API documentation as a page: each resource, its parameters and each collection's filters."""
    params.check_known(request.GET, {"lang"})
    document = openapi.document(_base_url(request))
    components = document["components"]["parameters"]
    routes = [{"route": route, "parameters": [components[name] for name in route.parameters]} for route in ROUTES]
    response = render(request, "api/ogc/docs.html", {
        "routes": routes, "sources": SOURCES.values(), "crs_list": crs.SERVED, "limit": params.MAX_LIMIT,
        "api_url": _url(request, "api"), "landing_url": _url(request, "landing")})
    last_modified(response, _released())
    return response


def _collection(request, source: Source, fmt: str) -> dict:
    bbox, temporal = source.extent()
    extent = {}
    if bbox:
        extent["spatial"] = {"bbox": [bbox], "crs": crs.CRS84}
    if temporal:
        extent["temporal"] = {"interval": [temporal], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    kwargs = {"collection_id": source.id}
    return {
        "id": source.id, "title": str(source.title), "description": str(source.description), "itemType": "feature",
        "extent": extent, "crs": crs.URIS, "storageCrs": crs.STORAGE.uri,
        "links": [*_self_links(request, "collection", fmt, **kwargs),
                  _link(_url(request, "items", {"f": "json"}, **kwargs), "items", GEOJSON, _("The features")),
                  _link(_url(request, "items", {"f": "html"}, **kwargs), "items", HTML, _("The features as HTML")),
                  _link(_url(request, "queryables", **kwargs), REL_QUERYABLES, SCHEMA, _("Queryable properties")),
                  _link(_url(request, "queryables", **kwargs), "queryables", SCHEMA, _("Queryable properties"))],
    }


@ogc_view
def collections(request):
    """Every collection with its extent and CRSs."""
    params.check_known(request.GET, {"f", "lang"})
    fmt = params.output_format(request)
    data = {"collections": [_collection(request, source, fmt) for source in SOURCES.values()],
            "crs": crs.URIS, "links": _self_links(request, "collections", fmt)}
    when = latest(*(source.last_modified() for source in SOURCES.values()))
    return _respond(request, fmt, data, "collections.html", when)


@ogc_view
def collection(request, collection_id: str):
    """One collection."""
    source = _source(collection_id)
    params.check_known(request.GET, {"f", "lang"})
    fmt = params.output_format(request)
    return _respond(request, fmt, _collection(request, source, fmt), "collection.html", source.last_modified())


@ogc_view
def queryables(request, collection_id: str):
    """The properties of a collection's items that can be filtered on, as JSON Schema."""
    source = _source(collection_id)
    params.check_known(request.GET, {"lang"})
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _url(request, "queryables", collection_id=source.id),
        "type": "object", "title": str(source.title),
        "properties": {"geometry": {"format": source.geometry_kind},
                       **{name: item.schema() for name, item in source.filters.items()}},
        "additionalProperties": False,
    }
    response = HttpResponse(_encode(schema), content_type=SCHEMA)
    last_modified(response, _released())
    return response


ITEMS_PARAMETERS = {"bbox", "bbox-crs", "datetime", "limit", "cursor", "crs", "f", "lang"}


def _filtered(request, source: Source):
    """The collection's rows the query's bbox, datetime and property filters select."""
    query = request.GET
    qs = source.base()
    box = params.bbox(query)
    if box is not None:
        qs = qs.filter(source.bbox_q(*box))
    when = params.interval(query)
    if when is not None:
        qs = qs.filter(source.temporal_q(when))
    for name, item in source.filters.items():
        value = params.single(query, name)
        if value is None:
            continue
        if item.choices and value not in item.choices:
            raise ParameterError(name, _("One of: %(values)s.") % {"values": ", ".join(item.choices)})
        qs = qs.filter(**{item.lookup: value})
    return qs


def _features(source: Source, rows: list, served: crs.ServedCrs) -> list[tuple]:
    """(id, geometry text, properties) of ``rows``, the geometries of the whole page reprojected at once."""
    features = [source.feature(row) for row in rows]
    if not served.is_storage:
        geometries = crs.reprojected_geojson([geometry for _id, geometry, _props in features], served)
        features = [(fid, geometry, props) for (fid, _old, props), geometry in zip(features, geometries, strict=True)]
    return features


def _feature_json(fid, geometry: str | None, properties: dict) -> str:
    return (f'{{"type":"Feature","id":{_encode(fid)},"geometry":{geometry or "null"},'
            f'"properties":{_encode(properties)}}}')


@ogc_view
def items(request, collection_id: str):
    """A page of a collection's features: GeoJSON (the stored geometry text written as it is) or HTML."""
    source = _source(collection_id)
    query = request.GET
    params.check_known(query, ITEMS_PARAMETERS | set(source.filters))
    fmt = params.output_format(request)
    limit, cursor, served = params.limit(query), params.cursor(query), params.crs(query)
    qs = _filtered(request, source)
    backwards = cursor is not None and not cursor.forward
    rows = page_rows(source, qs, after=cursor.key if cursor and cursor.forward else None,
                     before=cursor.key if backwards else None, limit=limit)
    if backwards:
        has_prev, rows = len(rows) > limit, rows[-limit:]
        has_next = bool(rows)
    else:
        has_next, rows = len(rows) > limit, rows[:limit]
        has_prev = cursor is not None and bool(rows)
    matched = qs.count()
    features = _features(source, rows, served)

    kwargs = {"collection_id": source.id}
    carried = {key: value for key, value in query.items() if key not in ("cursor", "f")}
    links = _self_links(request, "items", fmt, json_type=GEOJSON, **kwargs)
    links[0]["href"] = _url(request, "items", {**carried, **({"cursor": query["cursor"]} if cursor else {}),
                                               "f": "json"}, **kwargs)
    links[1]["href"] = _url(request, "items", {**carried, **({"cursor": query["cursor"]} if cursor else {}),
                                               "f": "html"}, **kwargs)
    page_type = GEOJSON if fmt == "json" else HTML
    if has_next:
        links.append(_link(_url(request, "items", {**carried, "cursor": f"after:{rows[-1][0]}", "f": fmt}, **kwargs),
                           "next", page_type, _("Next page")))
    if has_prev:
        links.append(_link(_url(request, "items", {**carried, "cursor": f"before:{rows[0][0]}", "f": fmt},
                                **kwargs), "prev", page_type, _("Previous page")))
    links.append(_link(_url(request, "collection", {"f": fmt}, **kwargs), "collection",
                       JSON if fmt == "json" else HTML, str(source.title)))
    stamp = timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    when = source.last_modified()
    if fmt == "html":
        response = _respond(request, fmt, {"links": links}, "items.html", when, context={
            "source": source, "features": [(fid, props) for fid, _geometry, props in features],
            "matched": matched, "returned": len(features), "columns": _columns(features),
            "next": next((link for link in links if link["rel"] == "next"), None),
            "prev": next((link for link in links if link["rel"] == "prev"), None)})
    else:
        body = "".join([
            '{"type":"FeatureCollection","features":[', ",".join(_feature_json(*f) for f in features),
            f'],"numberMatched":{matched},"numberReturned":{len(features)},"timeStamp":"{stamp}",'
            f'"links":{_encode(links)}}}'])
        response = HttpResponse(body, content_type=GEOJSON)
        last_modified(response, when)
    response["Content-Crs"] = crs.header(served)
    return response


def _columns(features: list[tuple]) -> list[str]:
    return list(features[0][2]) if features else []


@ogc_view
def item(request, collection_id: str, feature_id: str):
    """One feature."""
    source = _source(collection_id)
    params.check_known(request.GET, {"crs", "f", "lang"})
    fmt = params.output_format(request)
    served = params.crs(request.GET)
    lookup = source.lookup_id(feature_id)
    rows = [] if lookup is None else list(
        source.with_geometry(source.base().filter(lookup)).values_list(*source.columns())[:1])
    if not rows:
        raise NotFound(_("There is no feature %(id)s in %(collection)s.") % {"id": feature_id,
                                                                            "collection": source.id})
    fid, geometry, properties = _features(source, rows, served)[0]
    kwargs = {"collection_id": source.id, "feature_id": feature_id}
    links = [*_self_links(request, "item", fmt, json_type=GEOJSON, **kwargs),
             _link(_url(request, "collection", {"f": fmt}, collection_id=source.id), "collection",
                   JSON if fmt == "json" else HTML, str(source.title))]
    when = source.last_modified()
    if fmt == "html":
        response = _respond(request, fmt, {"links": links}, "item.html", when,
                            context={"source": source, "fid": fid, "properties": properties})
    else:
        body = _feature_json(fid, geometry, properties)
        response = HttpResponse(f'{body[:-1]},"links":{_encode(links)}}}', content_type=GEOJSON)
        last_modified(response, when)
    response["Content-Crs"] = crs.header(served)
    return response
