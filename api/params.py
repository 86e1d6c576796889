"""Parameter types every resource shares."""

import datetime
import re
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BeforeValidator

#: A code in a path or a filter (letters, digits, hyphens, underscores).
SLUG = "^[-a-zA-Z0-9_]+$"

#: A full date as RFC 3339 writes it (what the schema's ``format: date`` means).
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _full_date(value):
    """Only a date written YYYY-MM-DD: no timestamp, week date or other form pydantic would also read."""
    if isinstance(value, str) and not FULL_DATE.fullmatch(value):
        raise ValueError(_("Enter a date as YYYY-MM-DD."))
    return value


#: A date parameter: ``YYYY-MM-DD``.
IsoDate = Annotated[datetime.date, BeforeValidator(_full_date)]
