"""The query parameters of OGC API - Features, read and checked: a wrong one raises :class:`ParameterError`,
which the views answer with a 400 problem naming the parameter."""

import datetime
import math
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from . import crs as crs_module

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
FORMATS = ("json", "html")


class ParameterError(ValueError):
    """A query parameter the service cannot use: ``name`` and what is wrong with it."""

    def __init__(self, name: str, detail: str):
        super().__init__(detail)
        self.name = name
        self.detail = detail


def check_known(query, allowed: set[str]) -> None:
    """Refuse a parameter the API definition does not list (OGC API - Features Part 1, 7.6)."""
    for name in query:
        if name not in allowed:
            raise ParameterError(name, _("Unknown parameter."))


def single(query, name: str) -> str | None:
    """The one value of ``name``, or None; given twice it is refused."""
    values = query.getlist(name)
    if len(values) > 1:
        raise ParameterError(name, _("Give this parameter once."))
    return values[0] if values else None


def limit(query) -> int:
    """``limit``: 1 to :data:`MAX_LIMIT`, default :data:`DEFAULT_LIMIT`."""
    value = single(query, "limit")
    if value is None:
        return DEFAULT_LIMIT
    if not re.fullmatch(r"\d{1,9}", value.strip()):
        raise ParameterError("limit", _("A whole number from 1 to %(max)d.") % {"max": MAX_LIMIT})
    number = int(value)
    if not 1 <= number <= MAX_LIMIT:
        raise ParameterError("limit", _("A whole number from 1 to %(max)d.") % {"max": MAX_LIMIT})
    return number


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after (``forward``) or before a feature's key."""

    forward: bool
    key: int


def cursor(query) -> Cursor | None:
    """``cursor``, as the ``next`` and ``prev`` links write it: ``after:<n>`` or ``before:<n>``."""
    value = single(query, "cursor")
    if value is None:
        return None
    found = re.fullmatch(r"(after|before):(\d{1,18})", value.strip())
    if not found:
        raise ParameterError("cursor", _("Use the cursor of a next or prev link."))
    return Cursor(forward=found.group(1) == "after", key=int(found.group(2)))


def crs(query, name: str = "crs") -> crs_module.ServedCrs:
    """``crs`` (or ``bbox-crs``): one of the CRSs the collections list; CRS84 by default."""
    value = single(query, name)
    if value is None:
        return crs_module.STORAGE
    served = crs_module.find(value)
    if served is None:
        raise ParameterError(name, _("One of: %(uris)s.") % {"uris": ", ".join(crs_module.URIS)})
    return served


def bbox(query) -> tuple[float, float, float, float] | None:
    """``bbox`` (with ``bbox-crs``) as (west, south, east, north) in CRS84 degrees; west > east crosses the
    antimeridian. Four numbers, or six with heights (which are ignored)."""
    value = single(query, "bbox")
    served = crs(query, "bbox-crs")
    if value is None:
        if "bbox-crs" in query:
            raise ParameterError("bbox-crs", _("Give bbox-crs only with bbox."))
        return None
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        raise ParameterError("bbox", _("Four numbers separated by commas: min x, min y, max x, max y.")) from None
    if len(numbers) not in (4, 6) or not all(math.isfinite(n) for n in numbers):
        raise ParameterError("bbox", _("Four numbers separated by commas: min x, min y, max x, max y."))
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    min_x, min_y, max_x, max_y = numbers
    geographic = served.crs.is_geographic
    lon_lat = (min_y, min_x, max_y, max_x) if served.north_first else (min_x, min_y, max_x, max_y)
    if geographic:
        west, south, east, north = lon_lat
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ParameterError("bbox", _("Longitudes from -180 to 180 and latitudes from -90 to 90, the lower "
                                           "corner first."))
        return west, south, east, north
    if min_x > max_x or min_y > max_y:
        raise ParameterError("bbox", _("The lower corner comes first: min x, min y, max x, max y."))
    return crs_module.to_storage_bbox((min_x, min_y, max_x, max_y), served)


@dataclass(frozen=True)
class Interval:
    """A closed time interval; None is open (``..``)."""

    start: datetime.datetime | None
    end: datetime.datetime | None


def _moment(text: str, *, end: bool) -> datetime.datetime | None:
    """An RFC 3339 date-time (with its offset, or Z), or a date standing for its whole day in local time."""
    if text in ("", ".."):
        return None
    try:
        moment = parse_datetime(text) if "T" in text.upper() else None
        day = None if moment else parse_date(text)
    except ValueError:
        moment = day = None
    if moment is not None:
        if timezone.is_naive(moment):
            raise ParameterError("datetime", _("Give the time zone offset (e.g. Z or +07:00)."))
        return moment
    if day is None:
        raise ParameterError("datetime", _("An RFC 3339 date or date-time, or an interval start/end (.. is "
                                           "open)."))
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start + datetime.timedelta(days=1, microseconds=-1) if end else start


def interval(query) -> Interval | None:
    """``datetime``: an instant (a date-time, or a date for its whole day) or an interval ``start/end``."""
    value = single(query, "datetime")
    if value is None:
        return None
    value = value.strip()
    if "/" in value:
        first, _sep, last = value.partition("/")
        start, end = _moment(first, end=False), _moment(last, end=True)
        if start and end and start > end:
            raise ParameterError("datetime", _("The interval ends before it starts."))
        if start is None and end is None and first != ".." and last != "..":
            raise ParameterError("datetime", _("An RFC 3339 date or date-time, or an interval start/end (.. is "
                                               "open)."))
        return Interval(start, end)
    if value in ("", ".."):
        raise ParameterError("datetime", _("An RFC 3339 date or date-time, or an interval start/end (.. is open)."))
    return Interval(_moment(value, end=False), _moment(value, end=True))


def output_format(request) -> str:
    """``f`` (json or html), else what the ``Accept`` header prefers; JSON by default."""
    value = single(request.GET, "f")
    if value is not None:
        if value not in FORMATS:
            raise ParameterError("f", _("One of: %(formats)s.") % {"formats": ", ".join(FORMATS)})
        return value
    preferred = request.get_preferred_type(["application/geo+json", "application/json", "text/html"])
    return "html" if preferred == "text/html" else "json"
