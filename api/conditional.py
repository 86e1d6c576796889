"""Conditional reads: every API response carries an ETag (a hash of its body) and the endpoint's Last-Modified;
``If-None-Match`` and ``If-Modified-Since`` answer 304 (Django's ConditionalGetMiddleware, for the API paths)."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.http import http_date


def last_modified(response, when: datetime | None) -> None:
    """Set ``Last-Modified`` on ``response`` (ninja's temporal response, or an HttpResponse) from ``when``.

    ``None`` (nothing published yet) is the epoch, so that the header is always present and stable."""
    response["Last-Modified"] = http_date(when.timestamp() if when else 0)


def latest(*values: datetime | None) -> datetime | None:
    """The latest of ``values``, ignoring None."""
    present = [value for value in values if value is not None]
    return max(present) if present else None


def start_of(day) -> datetime | None:
    """The moment ``day`` begins on the site's clock (None stays None)."""
    return None if day is None else timezone.make_aware(datetime.combine(day, time.min))
