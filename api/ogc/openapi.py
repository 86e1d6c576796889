"""The OpenAPI 3.0 document of the OGC API - Features service (its ``service-desc``), made from the route
table: one path per resource, and each collection's own paths with the property filters it accepts."""

from django.conf import settings
from django.utils.translation import gettext as _

from . import crs, params
from .routes import ROUTES
from .sources import SOURCES

OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
PROBLEM_TYPE = "application/problem+json"


def _parameters() -> dict:
    languages = [code for code, _name in settings.LANGUAGES]
    uri = {"type": "string", "format": "uri", "enum": crs.URIS}
    return {
        "f": {"name": "f", "in": "query", "required": False, "description": _("The encoding: json or html."),
              "schema": {"type": "string", "enum": list(params.FORMATS)}},
        "lang": {"name": "lang", "in": "query", "required": False,
                 "description": _("The language of names (else Accept-Language)."),
                 "schema": {"type": "string", "enum": languages}},
        "bbox": {"name": "bbox", "in": "query", "required": False, "style": "form", "explode": False,
                 "description": _("Features meeting this box: min x, min y, max x, max y, in bbox-crs (CRS84 by "
                                  "default), in the CRS's axis order."),
                 "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}},
        "bbox-crs": {"name": "bbox-crs", "in": "query", "required": False,
                     "description": _("The CRS of bbox."), "schema": uri},
        "crs": {"name": "crs", "in": "query", "required": False,
                "description": _("The CRS of the coordinates in the response (CRS84 by default)."), "schema": uri},
        "datetime": {"name": "datetime", "in": "query", "required": False,
                     "description": _("An RFC 3339 instant or interval (start/end, .. for open). Zones: the date "
                                      "published; projects: the registration date; other collections have no "
                                      "time and ignore it."),
                     "schema": {"type": "string"}},
        "limit": {"name": "limit", "in": "query", "required": False,
                  "description": _("Features per page."),
                  "schema": {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT,
                             "default": params.DEFAULT_LIMIT}},
        "cursor": {"name": "cursor", "in": "query", "required": False,
                   "description": _("Where the page starts: take it from a next or prev link."),
                   "schema": {"type": "string"}},
        "featureId": {"name": "featureId", "in": "path", "required": True,
                      "description": _("Zones and infrastructure: the code; plots and projects: the id."),
                      "schema": {"type": "string"}},
        "collectionId": {"name": "collectionId", "in": "path", "required": True,
                         "schema": {"type": "string", "enum": list(SOURCES)}},
    }


def _responses(route) -> dict:
    problem = {"content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    responses = {"200": {"description": str(route.summary),
                         "content": {media: {} for media in route.media_types}},
                 "400": {"description": _("A parameter is wrong; the problem names it."), **problem}}
    if route.per_collection:
        responses["404"] = {"description": _("No such collection or feature."), **problem}
    return responses


def _operation(route, collection=None) -> dict:
    refs = [{"$ref": f"#/components/parameters/{name}"} for name in route.parameters]
    if route.name == "item":
        refs.insert(0, {"$ref": "#/components/parameters/featureId"})
    operation = {"operationId": route.name if collection is None else f"{route.name}-{collection.id}",
                 "summary": str(route.summary), "parameters": refs, "responses": _responses(route)}
    if collection is not None:
        operation["tags"] = [collection.id]
        if route.name == "items":
            operation["parameters"] = refs + [
                {"name": name, "in": "query", "required": False, "description": str(item.title),
                 "schema": item.schema()} for name, item in collection.filters.items()]
    return operation


def document(base_url: str) -> dict:
    """The OpenAPI document, with ``base_url`` (the landing page's URL, no trailing slash) as its server."""
    paths: dict = {}
    for route in ROUTES:
        if not route.per_collection:
            paths[route.template] = {"get": _operation(route)}
            continue
        for collection in SOURCES.values():
            path = route.template.replace("{collectionId}", collection.id)
            paths[path] = {"get": _operation(route, collection)}
    return {
        "openapi": "3.0.3",
        "info": {"title": _("Invest Portal: OGC API - Features"), "version": "1.0",
                 "description": _("Zones, plots, projects and infrastructure of the province's investment portal "
                                  "as OGC API - Features (Part 1 Core, GeoJSON and HTML; Part 2 CRS by reference: "
                                  "CRS84, EPSG:4326, VN-2000 EPSG:9212 and EPSG:3405).")},
        "servers": [{"url": base_url}],
        "paths": paths,
        "components": {
            "parameters": _parameters(),
            "schemas": {"Problem": {"type": "object", "required": ["title", "status"], "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {"type": "array", "items": {"type": "object", "properties": {
                    "field": {"type": "string"}, "detail": {"type": "string"}}}}}}},
        },
    }
