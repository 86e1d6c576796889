"""Errors in one format: RFC 9457 problem details (``application/problem+json``) that name the field."""

import json
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM_TYPE = "application/problem+json"


class FieldError(Schema):
    """One refused input: where it was (``query.limit``, ``body.name``) and why."""

    field: str
    detail: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] = []


def problem(status: int, detail: str = "", errors: list[dict] | None = None, headers: dict | None = None
            ) -> HttpResponse:
    """A problem response for ``status`` with its standard title."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = str(detail)
    body["errors"] = errors or []
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _location(loc, sent=()) -> str:
    loc = [part for part in loc if part not in ("", None)]
    if len(loc) >= 3 and loc[0] == "query" and loc[1] not in sent and loc[2] in sent:
        del loc[1]  # ninja names a list inside a query schema by the schema's argument: name the parameter sent
    return ".".join(str(part) for part in loc)


def validation_errors(errors: list[dict], sent=()) -> list[dict]:
    """pydantic's errors as ``FieldError`` dicts (``query.limit``: message); ``sent``: the query's names."""
    return [{"field": _location(error.get("loc", ()), sent), "detail": str(error.get("msg", ""))} for error in errors]


def register(api) -> None:
    """Answer every error of ``api`` with a problem response."""

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return problem(400, _("The request has invalid parameters."), validation_errors(exc.errors, request.GET))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem(401, _("Sign in or send an API token (Authorization: Bearer <token>)."),
                       headers={"WWW-Authenticate": 'Bearer realm="api"'})

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(403, str(exc) or _("You may not see this."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(404, _("Not found."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(exc.status_code, str(exc))


def invalid(field: str, detail: str) -> ValidationError:
    """The 400 problem naming the query parameter ``field``."""
    return ValidationError([{"loc": ("query", field), "msg": str(detail)}])


def form_errors(form, non_field: str) -> ValidationError:
    """A bound, invalid filter form's errors as the 400 problem naming each parameter (errors of the whole
    form name ``non_field``)."""
    return ValidationError([{"loc": ("query", non_field if name == "__all__" else name), "msg": str(message)}
                            for name, messages in form.errors.items() for message in messages])


#: Problem responses every operation may give, for the schema.
COMMON = {400: Problem, 429: Problem}
NOT_FOUND = {**COMMON, 404: Problem}
