"""The investor's shortlist: zones and plots set aside to compare.

Items are stable keys that survive translations and reloads: a zone is its ``code`` ("minh-hung-3"), a plot
its zone's code and its own code joined by a colon ("minh-hung-3:A12"; plots belong to the zone in every
language). The keys are kept in the session for a visitor and in the account (``SavedShortlist``) for a
signed-in investor; a visitor's shortlist joins the account's at sign-in, as the project profile does
(``zones.profiles``). A shortlist holds at most ``LIMIT`` items; keys that name nothing published are dropped
when they are read, never an error."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail.models import Locale

SESSION_KEY = "zones.shortlist"
#: At most this many items in a shortlist.
LIMIT = 20
#: At most this many items side by side in a comparison.
COMPARE_LIMIT = 4
SEPARATOR = ":"
MAX_KEY_LENGTH = 90
#: The request attribute that holds the keys read once per request.
_CACHE_ATTRIBUTE = "_zones_shortlist_keys"


def zone_key(zone_code: str) -> str:
    """The key of a zone."""
    return zone_code


def plot_key(zone_code: str, plot_code: str) -> str:
    """The key of a plot of a zone."""
    return f"{zone_code}{SEPARATOR}{plot_code}"


def parse_key(key) -> tuple[str, str | None] | None:
    """(zone code, plot code or None) of a key, or None when it cannot be one."""
    if not isinstance(key, str) or not key.strip() or len(key) > MAX_KEY_LENGTH:
        return None
    zone_code, _sep, plot_code = key.strip().partition(SEPARATOR)
    zone_code, plot_code = zone_code.strip(), plot_code.strip()
    if not zone_code or (_sep and not plot_code):
        return None
    return zone_code, plot_code or None


def clean_keys(keys: Iterable, limit: int = LIMIT) -> list[str]:
    """The well-formed keys of ``keys``, without repeats, at most ``limit``, in order."""
    cleaned: list[str] = []
    for key in keys if isinstance(keys, (list, tuple)) else []:
        parsed = parse_key(key)
        if parsed is None:
            continue
        normal = plot_key(*parsed) if parsed[1] else zone_key(parsed[0])
        if normal not in cleaned:
            cleaned.append(normal)
    return cleaned[:limit]


@dataclass
class Item:
    """A shortlisted zone or plot, found: its key, the zone page in the active language (else another
    translation), and the plot for a plot."""

    key: str
    zone: object
    plot: object = None

    @property
    def name(self) -> str:
        """"Zone title" or "Plot A12, Zone title", in the active language."""
        if self.plot is None:
            return self.zone.title
        return gettext("Plot %(plot)s, %(zone)s") % {"plot": self.plot.code, "zone": self.zone.title}

    @property
    def url(self) -> str:
        return self.zone.url or ""


def _live_zones(codes: set[str]) -> dict[str, object]:
    """The live, public zone pages with these codes, by code: the active language's translation, else any."""
    if not codes:
        return {}
    zone_model = apps.get_model("zones", "ZonePage")
    active = Locale.get_active().pk
    found: dict[str, object] = {}
    for zone in zone_model.objects.live().public().filter(code__in=codes).order_by("pk"):
        if zone.code not in found or zone.locale_id == active:
            found[zone.code] = zone
    return found


def resolve(keys: Iterable[str]) -> tuple[list[Item], list[str]]:
    """The published items the keys name, in order, and the keys that name nothing published (dropped).
    Two queries however many keys."""
    parsed = [(key, parse_key(key)) for key in keys]
    zones = _live_zones({p[0] for _key, p in parsed if p is not None})
    wanted = {(zones[p[0]].translation_key, p[1]) for _key, p in parsed if p and p[1] and p[0] in zones}
    plots = {}
    if wanted:
        plot_model = apps.get_model("zones", "Plot")
        query = plot_model.objects.filter(zone__translation_key__in={w[0] for w in wanted},
                                          code__in={w[1] for w in wanted}).select_related("zone")
        plots = {(plot.zone.translation_key, plot.code): plot for plot in query}
    items, dropped = [], []
    for key, p in parsed:
        zone = zones.get(p[0]) if p is not None else None
        plot = plots.get((zone.translation_key, p[1])) if zone is not None and p[1] else None
        if zone is None or (p[1] and plot is None):
            dropped.append(str(key))
        else:
            items.append(Item(key, zone, plot))
    return items, dropped


def _saved_model():
    return apps.get_model("zones", "SavedShortlist")


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def keys(request) -> list[str]:
    """The keys of this visitor's shortlist: the account's when signed in, else the session's (read once per
    request)."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return list(cached)
    if _signed_in(request):
        saved = _saved_model().objects.filter(user=request.user).values_list("items", flat=True).first()
        found = clean_keys(saved or [])
    else:
        found = clean_keys(request.session.get(SESSION_KEY, [])) if hasattr(request, "session") else []
    setattr(request, _CACHE_ATTRIBUTE, found)
    return list(found)


def _store(request, new_keys: list[str]) -> None:
    new_keys = clean_keys(new_keys)
    if _signed_in(request):
        _saved_model().objects.update_or_create(user=request.user, defaults={"items": new_keys})
    else:
        request.session[SESSION_KEY] = new_keys
    setattr(request, _CACHE_ATTRIBUTE, new_keys)


class ShortlistFull(Exception):
    """The shortlist already holds ``LIMIT`` items."""


class NotPublished(Exception):
    """The key names no published zone or plot."""


def add(request, key: str) -> Item:
    """Add the zone or plot ``key`` names to the visitor's shortlist (nothing changes when it is there
    already); returns the item. Raises ``NotPublished`` or ``ShortlistFull``."""
    items, _dropped = resolve([key])
    if not items:
        raise NotPublished(key)
    item, current = items[0], keys(request)
    if item.key in current:
        return item
    if len(current) >= LIMIT:
        raise ShortlistFull(key)
    _store(request, [*current, item.key])
    return item


def remove(request, key: str) -> bool:
    """Take ``key`` off the visitor's shortlist; whether it was on it."""
    parsed = parse_key(key)
    current = keys(request)
    normal = (plot_key(*parsed) if parsed[1] else zone_key(parsed[0])) if parsed else None
    if normal not in current:
        return False
    _store(request, [k for k in current if k != normal])
    return True


def clear(request) -> None:
    """Empty the visitor's shortlist."""
    _store(request, [])


def items(request) -> tuple[list[Item], list[str]]:
    """The visitor's shortlisted items that are still published, and the keys dropped (which are forgotten)."""
    current = keys(request)
    found, dropped = resolve(current)
    if dropped:
        _store(request, [item.key for item in found])
    return found, dropped


def count(request) -> int:
    """How many items the visitor's shortlist holds."""
    return len(keys(request))


def merge_into_account(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the items shortlisted before signing in join the account's shortlist (the
    account's first, up to ``LIMIT``)."""
    if request is None or not hasattr(request, "session"):
        return
    visiting = clean_keys(request.session.pop(SESSION_KEY, []))
    if visiting:
        saved = _saved_model().objects.filter(user=user).values_list("items", flat=True).first() or []
        _saved_model().objects.update_or_create(user=user, defaults={"items": clean_keys([*clean_keys(saved),
                                                                                         *visiting])})
    if hasattr(request, _CACHE_ATTRIBUTE):
        delattr(request, _CACHE_ATTRIBUTE)


def compare_url(item_keys: Iterable[str]) -> str:
    """The comparison page of these items (the link carries the items: it can be shared)."""
    return f"{reverse('zones:compare')}?{urlencode([('items', key) for key in item_keys])}"
