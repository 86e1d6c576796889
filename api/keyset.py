"""Keyset (cursor) paging of the API's lists: ``{"next", "previous", "results"}``.

A cursor names the sort key of the row a page ends (or starts) at, never an offset, so that rows added or
removed meanwhile neither repeat nor vanish from the pages still to read. The key always ends with a unique
column (a code or an id), which makes every ordering total. Cursors are signed: one that was altered, or that
belongs to another ordering, is refused with a 400 problem naming ``query.cursor``.

``page_of_list`` pages rows already read and keyed in Python (few rows ordered by a collation the database
does not have, e.g. names in the reader's language); ``page_of_queryset`` pages in the database
(``ORDER BY`` and a ``WHERE`` on the key: rows past the page are never read)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any
from urllib import parse

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError

SALT = "api.keyset"
#: Rows per page when the client does not ask, and the most it may ask for.
PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


class PageParams(Schema):
    """The paging parameters of every list."""

    cursor: str | None = Field(None, description="From `next` or `previous` of the page read before.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after (or, going back, before) the row whose sort key is ``key``."""

    key: list
    before: bool = False


def _refuse(detail: str) -> ValidationError:
    return ValidationError([{"loc": ("query", "cursor"), "msg": detail}])


def decode(token: str | None, ordering: str) -> Cursor | None:
    """The cursor ``token`` of a list read in ``ordering``; None for the first page."""
    if not token:
        return None
    try:
        data = _signer().unsign_object(token)
    except signing.BadSignature as exc:
        raise _refuse(_("This is not a cursor of this list: start again from the first page.")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("k"), list):
        raise _refuse(_("This is not a cursor of this list: start again from the first page."))
    if data.get("o") != ordering:
        raise _refuse(_("This cursor belongs to another ordering: start again from the first page."))
    return Cursor(data["k"], bool(data.get("b")))


def encode(key: Sequence, ordering: str, before: bool = False) -> str:
    """The cursor of the row keyed ``key``: the next page starts after it (``before``: the previous ends before
    it)."""
    return _signer().sign_object({"o": ordering, "k": list(key), "b": int(before)}, compress=True)


def _signer() -> signing.Signer:
    """Cursors carry no time: the same page gives the same links, so that its ETag stays the same."""
    return signing.Signer(salt=SALT)


def _link(request, token: str | None) -> str | None:
    """The request's own address with ``cursor`` set to ``token`` (every other parameter kept)."""
    if token is None:
        return None
    scheme, netloc, path, query, fragment = parse.urlsplit(request.build_absolute_uri())
    params = [(name, value) for name, value in parse.parse_qsl(query, keep_blank_values=True) if name != "cursor"]
    params.append(("cursor", token))
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(params), fragment))


def _answer(request, results: list, keys: list, ordering: str, more_before: bool, more_after: bool) -> dict:
    return {
        "next": _link(request, encode(keys[-1], ordering) if results and more_after else None),
        "previous": _link(request, encode(keys[0], ordering, before=True) if results and more_before else None),
        "results": results,
    }


def page_of_list(request, rows: list, key: Callable[[Any], list], ordering: str, descending: bool,
                 params: PageParams) -> dict:
    """One page of ``rows`` in the order of ``key`` (a list of JSON values, unique per row; ``descending``
    reverses it)."""
    cursor = decode(params.cursor, ordering)
    keyed = sorted(((key(row), row) for row in rows), key=lambda pair: pair[0], reverse=descending)

    def past(item_key: list, mark: list) -> bool:  # whether ``item_key`` comes after ``mark`` in this order
        return item_key < mark if descending else item_key > mark

    if cursor is None:
        start, end = 0, min(params.page_size, len(keyed))
    elif cursor.before:
        end = sum(1 for item_key, _row in keyed if past(cursor.key, item_key))
        start = max(0, end - params.page_size)
    else:
        start = sum(1 for item_key, _row in keyed if not past(item_key, cursor.key))
        end = min(start + params.page_size, len(keyed))
    chosen = keyed[start:end]
    return _answer(request, [row for _key, row in chosen], [item_key for item_key, _row in chosen], ordering,
                   more_before=start > 0, more_after=end < len(keyed))


def _after(fields: Sequence[tuple[str, bool]], key: Sequence, backwards: bool) -> Q:
    """Rows past ``key`` in the order of ``fields`` ((name, descending) pairs); ``backwards``: rows before it."""
    clauses = []
    for position, (name, descending) in enumerate(fields):
        equal = {fields[i][0]: key[i] for i in range(position)}
        lookup = "lt" if descending != backwards else "gt"
        clauses.append(Q(**equal, **{f"{name}__{lookup}": key[position]}))
    return reduce(or_, clauses)


def page_of_queryset(request, queryset: QuerySet, fields: Sequence[tuple[str, bool]], ordering: str,
                     params: PageParams) -> dict:
    """One page of ``queryset`` ordered by ``fields`` ((name, descending) pairs of the rows' columns or
    annotations, none of them null, the last one unique). Two queries: the page (and one row more), and whether a row
    lies before it (or after it, going back)."""
    cursor = decode(params.cursor, ordering)
    names = [name for name, _descending in fields]
    if cursor is not None and len(cursor.key) != len(fields):
        raise _refuse(_("This is not a cursor of this list: start again from the first page."))
    forward = [f"-{name}" if descending else name for name, descending in fields]
    backward = [name if descending else f"-{name}" for name, descending in fields]
    going_back = cursor is not None and cursor.before
    rows = queryset.order_by(*(backward if going_back else forward))
    try:
        if cursor is not None:
            rows = rows.filter(_after(fields, cursor.key, backwards=going_back))
        found = list(rows[:params.page_size + 1])
    except (DjangoValidationError, ValueError, TypeError) as exc:
        raise _refuse(_("This is not a cursor of this list: start again from the first page.")) from exc
    more_ahead = len(found) > params.page_size
    found = found[:params.page_size]
    if going_back:
        found.reverse()
    keys = [[_plain(getattr(row, name)) for name in names] for row in found]
    if cursor is None:
        more_before, more_after = False, more_ahead
    elif going_back:
        more_before = more_ahead
        more_after = bool(found) and queryset.filter(_after(fields, keys[-1], backwards=False)).exists()
    else:
        more_after = more_ahead
        more_before = bool(found) and queryset.filter(_after(fields, keys[0], backwards=True)).exists()
    return _answer(request, found, keys, ordering, more_before, more_after)


def _plain(value):
    """A key value as JSON keeps it (decimals as strings: the database compares them exactly)."""
    if isinstance(value, int | float | str) or value is None:
        return value
    return str(value)
