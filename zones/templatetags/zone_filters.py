"""The zone index's tags. ``{% zone_filter_form form %}``: the filter form as ``{{ form }}`` renders it, an
unbound one rendered once per process for everything it shows. ``{% zone_rows zones %}``: the items of the zone
list, kept per process with the zone list (``zones.listing``) while no visitor's project is judged in them.

An unbound filter form (the index as most visitors open it) is the same for everyone: its HTML follows from
the language, the fields' labels and hints (the unit changes one) and the choices each field offers (the
communes, sectors and places some zone has, the kinds and statuses of the live zones). The choices are read
on every request (a few small queries) and the HTML is kept under a digest of all of it, so any change of a
choice, a label or the language renders anew and nothing has to be purged. A bound form (filters chosen,
maybe with errors) is rendered every time."""

import hashlib
import threading

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import listing, units

register = template.Library()

#: Part of the key: raise it when the form's templates change the markup made from the same input.
VERSION = 1
_MAX_ENTRIES = 128
_rendered: dict[str, str] = {}
_lock = threading.Lock()


def _input_key(form) -> str:
    parts = [str(VERSION), type(form).__qualname__, get_language() or "", str(form.auto_id), form.prefix or ""]
    for name, field in form.fields.items():
        parts += [name, type(field.widget).__qualname__, str(field.label), str(field.help_text),
                  str(field.required), repr(sorted(field.widget.attrs.items()))]
        for value, label in getattr(field.widget, "choices", ()):
            parts += [str(value), str(label)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@register.simple_tag
def zone_filter_form(form) -> str:
    """``form`` rendered (``str(form)``); an unbound form's HTML kept per process under a digest of its input."""
    if form.is_bound:
        return str(form)
    key = _input_key(form)
    html = _rendered.get(key)
    if html is None:
        html = str(form)
        with _lock:
            if len(_rendered) >= _MAX_ENTRIES:
                _rendered.clear()
            _rendered[key] = html
    return mark_safe(html)  # noqa: S308 - the form's own rendering, escaped by its templates


@register.simple_tag(takes_context=True)
def zone_rows(context, zones) -> str:
    """The zone list's items (``zones/includes/zone_rows.html``); rendered once per process for each index,
    language, unit, site, day and set of zones, and every time when they carry a visitor's ``fit``."""
    request, page = context.get("request"), context.get("page")
    unit = context.get("unit") or units.unit_of(request)
    row_context = {"zones": zones, "page": page, "request": request, "unit": unit}

    def render() -> str:
        return get_template("zones/includes/zone_rows.html").render(row_context, request)

    if request is None or page is None or page.pk is None or any(hasattr(zone, "fit") for zone in zones):
        return mark_safe(render())  # noqa: S308 - rendered, so escaped
    key = (page.pk, get_language(), unit, listing.site_key(request), timezone.localdate(),
           tuple(zone.pk for zone in zones))
    return mark_safe(listing.rendered_rows(key, render))  # noqa: S308 - rendered, so escaped
