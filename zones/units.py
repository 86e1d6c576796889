"""The unit land areas are shown and entered in: hectares or square metres, one choice per visitor.

The choice comes with a link (``?unit=ha`` or ``?unit=m2``) and is kept in the session, so that the plots
table, the plot map's popups, the zone filter and the site finder all speak the same unit. Areas are
formatted for the active language (Django's localisation: "7.49 ha" in English, "7,49 ha" in Vietnamese)."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy

HA, M2 = "ha", "m2"
#: m² in one of each unit.
FACTOR = {HA: Decimal("10000"), M2: Decimal("1")}
#: Decimals shown for an area in each unit.
PLACES = {HA: 2, M2: 0}
SYMBOLS = {HA: "ha", M2: "m²"}
NAMES = {HA: pgettext_lazy("unit", "hectares"), M2: pgettext_lazy("unit", "square metres")}
DEFAULT = HA
PARAM = "unit"
SESSION_KEY = "zones.unit"
#: Query parameters holding an area in the visitor's unit: the switch converts them to the new unit.
AREA_PARAMS = ("min_available_ha", "plot_min_area")


def valid(unit) -> str | None:
    """``unit`` when it names a unit, else None."""
    return unit if unit in FACTOR else None


def unit_of(request) -> str:
    """The visitor's unit: the one a link asks for (then kept in the session), else the kept one, else ha."""
    if request is None:
        return DEFAULT
    asked = valid(request.GET.get(PARAM)) if hasattr(request, "GET") else None
    session = getattr(request, "session", None)
    if asked:
        if session is not None and session.get(SESSION_KEY) != asked:
            session[SESSION_KEY] = asked
        return asked
    return valid(session.get(SESSION_KEY)) if session is not None and valid(session.get(SESSION_KEY)) else DEFAULT


def _converted(value, from_unit: str, to_unit: str) -> str:
    """An area typed in ``from_unit`` (a query string's text), written in ``to_unit``; text that is no number
    is kept as it is (the form will say what is wrong with it)."""
    try:
        area = Decimal(str(value).replace(",", ".")) * FACTOR[from_unit] / FACTOR[to_unit]
    except (ArithmeticError, ValueError):
        return value or ""
    return format(area.normalize(), "f") if area.is_finite() else value


def symbol(unit: str) -> str:
    """The unit's symbol: "ha" or "m²"."""
    return SYMBOLS[valid(unit) or DEFAULT]


def to_m2(value, unit: str) -> Decimal:
    """``value`` given in ``unit``, in m²."""
    return Decimal(str(value)) * FACTOR[valid(unit) or DEFAULT]


def number(m2, unit: str) -> str:
    """The area ``m2`` as a number in ``unit``, in the active language's format, without the unit; no decimals
    when whole."""
    unit = valid(unit) or DEFAULT
    value = round(Decimal(str(m2)) / FACTOR[unit], PLACES[unit])
    places = 0 if value == value.to_integral_value() else PLACES[unit]
    return number_format(value, places, force_grouping=True)


def format_area(m2, unit: str) -> str:
    """The area ``m2`` in ``unit`` with its symbol, for the active language ("7.49 ha", "74,900 m²"); empty
    for no area."""
    if m2 is None or m2 == "":
        return ""
    return gettext("%(number)s %(unit)s") % {"number": number(m2, unit), "unit": symbol(unit)}


def switch(request) -> list[dict]:
    """The links of the unit switch: each unit with its symbol, its name, the current page's URL choosing it,
    and whether it is the one in use."""
    current = unit_of(request)
    links = []
    for unit in FACTOR:
        query = request.GET.copy()
        query[PARAM] = unit
        for name in AREA_PARAMS:
            query[name] = _converted(query.get(name), current, unit)
        links.append({"unit": unit, "symbol": SYMBOLS[unit], "name": NAMES[unit], "current": unit == current,
                      "url": f"{request.path}?{query.urlencode()}"})
    return links
