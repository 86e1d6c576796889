"""The route table of the OGC API - Features service: its URLs (``urls.py``) and its OpenAPI document
(``openapi.py``) are both made from it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Route:
    """One resource: the view's name, its Django path, its OpenAPI path, what it is and its query parameters."""

    name: str
    path: str
    template: str
    summary: object
    parameters: tuple[str, ...] = ("f", "lang")
    media_types: tuple[str, ...] = ("application/json", "text/html")
    per_collection: bool = False


ROUTES = (
    Route("landing", "", "/", _("Landing page")),
    Route("api", "api", "/api", _("This API's definition (OpenAPI 3.0)"), ("lang",),
          ("application/vnd.oai.openapi+json;version=3.0",)),
    Route("docs", "docs", "/docs", _("This API's documentation"), ("lang",), ("text/html",)),
    Route("conformance", "conformance", "/conformance", _("The conformance classes this API implements")),
    Route("collections", "collections", "/collections", _("The collections of features")),
    Route("collection", "collections/<str:collection_id>", "/collections/{collectionId}",
          _("A collection: extent, CRSs and links"), per_collection=True),
    Route("queryables", "collections/<str:collection_id>/queryables", "/collections/{collectionId}/queryables",
          _("The properties the items can be filtered on (JSON Schema)"), ("lang",),
          ("application/schema+json",), per_collection=True),
    Route("items", "collections/<str:collection_id>/items", "/collections/{collectionId}/items",
          _("The features of a collection, a page at a time"),
          ("bbox", "bbox-crs", "datetime", "limit", "cursor", "crs", "f", "lang"),
          ("application/geo+json", "text/html"), per_collection=True),
    Route("item", "collections/<str:collection_id>/items/<str:feature_id>",
          "/collections/{collectionId}/items/{featureId}", _("One feature"), ("crs", "f", "lang"),
          ("application/geo+json", "text/html"), per_collection=True),
)
