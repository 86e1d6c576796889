"""Version 1 of the public API at /api/v1/: one NinjaAPI, its routers, its errors and its OpenAPI 3.1 schema."""

from django.conf import settings
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.parser import Parser

from . import problems
from .problems import PROBLEM_TYPE, Problem
from .throttles import throttles

DESCRIPTION = """Open data of the province's investment portal: industrial and economic zones, plots, incentive
policies, licensing procedures, agencies and their performance, investment statistics and search; and, for a
signed-in investor or an API token, their own projects, applications and enquiries.

* **Languages**: `?lang=` (en, vi, ko, ja, zh-hans, zh-hant) or the `Accept-Language` header.
* **Paging**: lists answer `{"next", "previous", "results"}`; pass `cursor` from `next` to read on.
* **Caching**: every read has an `ETag` and a `Last-Modified`; send `If-None-Match` or `If-Modified-Since`
  to get 304.
* **Errors**: RFC 9457 problem details (`application/problem+json`), with `errors[].field` naming the input.
* **Rate limits**: per client address and per API key; 429 answers carry `Retry-After`.
* **Maps**: zones, plots and infrastructure are also served by OGC API - Features at `/ogc/`.
"""


class PortalAPI(NinjaAPI):
    """NinjaAPI whose schema documents what every operation shares: the language, conditional reads and the
    problem format of errors."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem_schema.pop("$defs", {}))
        components.setdefault("Problem", problem_schema)
        problem_response = {"content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        languages = [code for code, _name in settings.LANGUAGES]
        for path in schema["paths"].values():
            for operation in path.values():
                parameters = operation.setdefault("parameters", [])
                parameters.append({"in": "query", "name": "lang", "required": False,
                                   "description": "The language of names and texts.",
                                   "schema": {"type": "string", "enum": languages}})
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {PROBLEM_TYPE: content["application/json"]}
                    elif int(status) == 200:
                        response.setdefault("headers", {}).update({
                            "ETag": {"required": True, "schema": {"type": "string"}},
                            "Last-Modified": {"required": True, "schema": {"type": "string"}},
                        })
                for status, description in (("400", "Invalid parameters."), ("429", "Too many requests; see "
                                                                                     "Retry-After.")):
                    operation["responses"].setdefault(status, {"description": description, **problem_response})
                operation["responses"].setdefault("304", {"description": "Not modified (conditional read)."})
        return schema


class QueryParser(Parser):
    """ninja's parser, except that a parameter of one value given several times stays a list, which its
    validation refuses with a problem naming it (ninja would silently keep the last value)."""

    def parse_querydict(self, data, list_fields, request):
        return {key: data.getlist(key) if key in list_fields or len(data.getlist(key)) > 1 else data[key]
                for key in data}


api = PortalAPI(
    title="Invest Portal API", version="1", description=DESCRIPTION, urls_namespace="api-v1",
    openapi_url="/schema/", docs_url="/docs/", docs=Swagger(settings={"persistAuthorization": False}),
    throttle=throttles(), parser=QueryParser(),
)
problems.register(api)


from .routers import mine, policies, procedures, search, statistics, zones  # noqa: E402 - they use ``api``'s helpers

api.add_router("/zones", zones.router)
api.add_router("/plots", zones.plots_router)
api.add_router("/policies", policies.router)
api.add_router("/procedures", procedures.router)
api.add_router("/agencies", procedures.agencies_router)
api.add_router("/statistics", statistics.router)
api.add_router("/search", search.router)
api.add_router("/me", mine.router)
