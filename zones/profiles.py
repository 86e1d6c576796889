"""The investor's project profile, asked once and used by every tool: the zone finder, the zone pages, the
incentive finder and the licensing plan.

The profile is kept as the raw values of ``InvestorProfileForm`` (strings, as a request sends them), so that
the form stays the one validator: in the session for a visitor, in the account (``SavedProfile``) for a
signed-in investor; the session's profile is copied to the account at sign-in. A profile is read from the
submitted query string, else the session, else the account. A shared profile travels as the form's values in
the query string of the profile page, and is only kept when the visitor chooses to use it."""

from collections.abc import Mapping
from decimal import Decimal

from django.apps import apps
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext

from core.profile import ProjectProfile, ZoneKind

from .forms import InvestorProfileForm

SESSION_KEY = "zones.profile"
#: The marker a profile form sends with its values (the finder and the plan do).
SUBMITTED = "submitted"
#: The marker of a shared profile's link.
SHARED = "shared"
#: Bounds on what is kept: only the form's fields, each value at most this long.
MAX_VALUE_LENGTH = 120


def _saved_model():
    return apps.get_model("zones", "SavedProfile")


def field_names() -> tuple[str, ...]:
    """The fields of the profile form: the only keys a kept profile has."""
    return tuple(InvestorProfileForm.base_fields)


def clean_values(data: Mapping | None) -> dict[str, str]:
    """The profile fields of ``data`` (a query string, a session entry, an account's row) as bounded strings;
    empty values and every other key are dropped."""
    values = {}
    if not isinstance(data, Mapping):
        return values
    for name in field_names():
        value = data.get(name)
        if value is None or isinstance(value, (dict, list)):
            continue
        value = str(value).strip()[:MAX_VALUE_LENGTH]
        if value:
            values[name] = value
    return values


def stored(request) -> dict[str, str]:
    """The profile kept for this visitor: the session's, else the signed-in account's; empty when none."""
    values = clean_values(request.session.get(SESSION_KEY))
    user = getattr(request, "user", None)
    if not values and user is not None and user.is_authenticated:
        saved = _saved_model().objects.filter(user=user).first()
        values = clean_values(saved.data) if saved is not None else {}
    return values


def submitted(request) -> bool:
    """Whether the request carries a profile form the visitor submitted."""
    return SUBMITTED in request.GET


def current(request) -> dict[str, str]:
    """The profile to use for this request: the one submitted in the query string, else the kept one."""
    return clean_values(request.GET) if submitted(request) else stored(request)


def keep(request, form: InvestorProfileForm) -> dict[str, str]:
    """Keep the profile of a valid form for this visitor (and in the account when signed in); returns what
    was kept."""
    values = clean_values(form.raw_values())
    request.session[SESSION_KEY] = values
    if request.user.is_authenticated:
        _saved_model().objects.update_or_create(user=request.user, defaults={"data": values})
    return values


def clear(request) -> None:
    """Forget the visitor's profile, in the session and in the account."""
    request.session.pop(SESSION_KEY, None)
    if request.user.is_authenticated:
        _saved_model().objects.filter(user=request.user).delete()


def copy_to_account(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the profile described before signing in becomes the account's."""
    if request is None or not hasattr(request, "session"):
        return
    values = clean_values(request.session.get(SESSION_KEY))
    if values:
        _saved_model().objects.update_or_create(user=user, defaults={"data": values})


def form_for(request, form_class=InvestorProfileForm, prefill: Mapping | None = None) -> InvestorProfileForm:
    """The profile form of a tool: bound to the submitted query string (a valid submission is kept), else to
    the kept profile completed by ``prefill`` (the values a link carries, such as a zone page's zone), else
    unbound."""
    if submitted(request):
        form = form_class(request.GET)
        if form.is_valid():
            keep(request, form)
        return form
    values = {**stored(request), **clean_values(prefill)}
    return form_class(values) if values else form_class()


def form_of(values: Mapping) -> InvestorProfileForm | None:
    """The valid profile form of kept ``values``, or None when there are none or they no longer validate."""
    values = clean_values(values)
    if not values:
        return None
    form = InvestorProfileForm(values)
    return form if form.is_valid() else None


def profile_of(values: Mapping) -> ProjectProfile | None:
    """The ``ProjectProfile`` of kept ``values``, or None."""
    form = form_of(values)
    return form.profile() if form is not None else None


def initial(request) -> dict:
    """The kept profile as a form's initial values (typed, the sector as its code); empty when none."""
    form = form_of(stored(request))
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")} if form else {}


def share_url(values: Mapping, request=None) -> str:
    """The link that shows ``values`` on the profile page and offers them to whoever opens it (absolute when
    ``request`` is given)."""
    url = f"{reverse('zones:profile')}?{urlencode({**clean_values(values), SHARED: '1'})}"
    return request.build_absolute_uri(url) if request is not None else url


def shared(request) -> dict[str, str]:
    """The profile a shared link carries, or empty."""
    return clean_values(request.GET) if SHARED in request.GET else {}


def number(value, places: int = 0) -> str:
    """``value`` in the active language's number format, with at most ``places`` decimals (none when whole)."""
    value = round(Decimal(value), places)
    if places and value == value.to_integral_value():
        places = 0
    return number_format(value, places, force_grouping=True)


def _capital(usd: Decimal) -> str:
    if usd >= Decimal("1000000"):
        millions = usd / Decimal("1000000")
        return gettext("%(amount)s million USD") % {"amount": number(millions, 1 if millions < 100 else 0)}
    return gettext("%(amount)s USD") % {"amount": number(usd)}


def _land(m2: Decimal) -> str:
    if m2 >= Decimal("10000"):
        return gettext("%(area)s ha") % {"area": number(m2 / Decimal("10000"), 1)}
    return gettext("%(area)s m²") % {"area": number(m2)}


def _ownership(pct: Decimal) -> str:
    if pct <= 0:
        return gettext("domestic")
    return gettext("%(pct)s%% foreign") % {"pct": number(pct, 1)}


def summary(values: Mapping) -> list[str]:
    """The kept profile in a few words, in the active language: sector, capital, land, ownership, employees,
    location ("Manufacture of electronic components and boards (2610)", "20 million USD", "5 ha",
    "100% foreign", "Industrial park"). Empty when there is no valid profile."""
    form = form_of(values)
    if form is None:
        return []
    data, words = form.cleaned_data, []
    if form.sector is not None:
        words.append(f"{form.sector.name} ({form.sector.code})" if form.sector.name else form.sector.code)
    elif data.get("sector_code"):
        words.append(data["sector_code"])
    if data.get("capital_usd"):
        words.append(_capital(data["capital_usd"]))
    if data.get("land_area_m2"):
        words.append(_land(data["land_area_m2"]))
    if data.get("foreign_ownership_pct") is not None:
        words.append(_ownership(data["foreign_ownership_pct"]))
    if data.get("employees"):
        words.append(ngettext("%(count)s employee", "%(count)s employees", data["employees"])
                     % {"count": number(data["employees"])})
    zone = zone_named(data.get("zone_id"))
    if zone is not None:
        words.append(zone.title)
    elif data.get("zone_kind"):
        words.append(str(ZoneKind(data["zone_kind"]).label))
    return words + _site_words(data)


def _site_words(data: Mapping) -> list[str]:
    """The site needs of a cleaned profile in words: power, water, the place and distance, the land budget."""
    words = []
    if data.get("power_mva"):
        words.append(gettext("%(mva)s MVA") % {"mva": number(data["power_mva"], 1)})
    if data.get("water_m3_day"):
        words.append(gettext("%(m3)s m³ of water a day") % {"m3": number(data["water_m3_day"])})
    if data.get("place") is not None:
        if data.get("max_road_km") is not None:
            words.append(gettext("within %(km)s km of %(place)s") % {"km": number(data["max_road_km"]),
                                                                     "place": data["place"].name})
        else:
            words.append(gettext("near %(place)s") % {"place": data["place"].name})
    if data.get("land_budget_usd"):
        words.append(gettext("land budget %(amount)s") % {"amount": _capital(data["land_budget_usd"])})
    return words


def zone_named(value):
    """The live zone page a profile's ``zone_id`` names, in the active language, or None."""
    if not str(value or "").isdigit():
        return None
    zone = apps.get_model("zones", "ZonePage").objects.live().filter(pk=int(value)).first()
    return zone.localized if zone is not None else None


def panel(request) -> dict:
    """What the profile panel shows: the kept profile in words, and the links to change and share it."""
    values = stored(request)
    words = summary(values)
    profile_url = reverse("zones:profile")
    return {"words": words, "profile_url": f"{profile_url}?{urlencode({'next': request.get_full_path()})}",
            "share_url": share_url(values) if words else ""}
