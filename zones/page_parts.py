"""The parts of a zone page that are the same for every visitor: its key facts, land and prices, infrastructure
and distances, sectors and text (``columns``), and its gallery and brochures (``media``). Each is rendered once
per process for each zone, language, area unit, day, land figures and stale translation (the fields shown from
the source's text), and rebuilt in every process when anything it shows changes; the first gallery image (the
page's link preview) is kept with them. The table of plots (``plot_table_html``) is kept the same way for each
path, version of the zone's plots, and the visitor's fitting and shortlisted plots; each visitor's CSRF token is
filled in.

What they show changes with a page saved, published, unpublished, moved or deleted (the zone, its child rows,
the source of a translation), a commune, sector or named place, a zone's commune or sector links, the board's
figure settings, an image or a document, shared values written to the other languages in bulk, a locale. Each of
them moves the version here (``follow``). A preview, or a zone not yet saved, renders them afresh."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.caching import ChangeFollower, ProcessCache, Unkeyed

from . import figures, plot_geojson, shortlist

#: The models besides pages whose rows the parts show (a zone's communes and sectors: their link tables).
PART_MODELS = frozenset({"zones.AdministrativeUnit", "zones.ZonePage_communes", "zones.Sector",
                         "zones.ZonePage_target_sectors", "zones.ZonePage_restricted_sectors", "zones.NamedPlace",
                         "zones.ZoneDistance", "zones.ZoneGalleryImage", "zones.ZoneBrochure",
                         "zones.ZoneFigureSource", "zones.FigureSettings", "wagtailimages.Image",
                         "wagtailimages.Rendition", "wagtaildocs.Document", "wagtailcore.Locale"})
VERSION_KEY = "zones:page-parts-version"

KEY_FACT_FIELDS = ("developer", "operator", "decision_number", "contact_name", "contact_email", "contact_phone",
                   "website")
INFRASTRUCTURE_FIELDS = ("power_mva", "water_supply_m3_day", "wastewater_m3_day", "water_price_vnd_m3",
                         "wastewater_price_vnd_m3", "telecom", "roads")


@dataclass(frozen=True)
class Parts:
    """A zone page's rendered parts (escaped HTML), its communes valid on the day, and the image standing for it in
    link previews."""

    columns: SafeString
    media: SafeString
    communes: tuple
    social_image: object


def _any_given(zone, names) -> bool:
    return any(figures.given(getattr(zone, name)) for name in names)


def _build(_pk, _language, unit: str, today: datetime.date, _code, _shown, _land, source: Unkeyed) -> Parts:
    zone, request, land = source.value
    communes = list(zone.communes.select_related("parent"))
    distances = list(zone.distances.select_related("place"))
    gallery = list(zone.gallery_images.select_related("image"))
    context = {
        "page": zone, "request": request, "unit": unit, "land": land,
        "key_facts_given": bool(communes) or _any_given(zone, KEY_FACT_FIELDS),
        "infrastructure_given": _any_given(zone, INFRASTRUCTURE_FIELDS) or bool(distances),
        "communes": [c for c in communes if c.is_valid_on(today)],
        "former_units": [c for c in communes if not c.is_valid_on(today)],
        "distances": distances,
        "target_sectors": list(zone.target_sectors.all()),
        "restricted_sectors": list(zone.restricted_sectors.all()),
        "gallery": gallery,
        "brochures": list(zone.brochures.select_related("document")),
    }
    return Parts(columns=mark_safe(render_to_string("zones/includes/zone_columns.html", context)),  # noqa: S308
                 media=mark_safe(render_to_string("zones/includes/zone_media.html", context)),  # noqa: S308
                 communes=tuple(context["communes"]), social_image=gallery[0].image if gallery else None)


_parts = ProcessCache(VERSION_KEY, _build, max_entries=512)
_tables = ProcessCache(VERSION_KEY, lambda *key: key[-1].value(), max_entries=512)
follow = ChangeFollower(_parts, models=PART_MODELS)
_CSRF = "\x00csrf\x00"


def zone_parts(zone, request, unit: str, land: dict, today: datetime.date | None = None) -> Parts:
    """The parts of ``zone``'s page for ``request``'s language, ``unit`` and stale translation, kept per process
    (see the module); ``land``: the zone's land figures (``zones.services.zone_land``)."""
    today = today or timezone.localdate()
    code, shown = getattr(request, "source_text", None) or ("", set())
    key = (zone.pk, get_language(), unit, today, code, frozenset(shown), tuple(sorted(land.items())))
    if zone.pk is None or getattr(request, "is_preview", False):
        parts = _build(*key, Unkeyed((zone, request, land)))
    else:
        parts = _parts.get(*key, Unkeyed((zone, request, land)))
    zone._social_image = parts.social_image  # read by core.seo.social_image for the head
    return parts


def connect() -> None:
    """Rebuild the parts when what they show changes (from ``ZonesConfig.ready``)."""
    zone = apps.get_model("zones", "ZonePage")
    follow.connect("zones.page_parts", m2m=(zone.communes.through, zone.target_sectors.through,
                                            zone.restricted_sectors.through))


def plot_table_html(context) -> SafeString:
    """``zones/includes/plot_table.html`` rendered in ``context`` (a zone page's), kept per process (see the module)
    with a placeholder for the CSRF token, which is this visitor's own in what is returned."""
    template = get_template("zones/includes/plot_table.html").template
    request, zone = context.get("request"), context["page"]
    if request is None or zone.pk is None or getattr(request, "is_preview", False):
        return template.render(context)

    def render() -> str:
        with context.push(csrf_token=_CSRF):
            return template.render(context)

    key = (zone.pk, get_language(), context.get("unit"), request.get_full_path(), plot_geojson.plots_version(zone),
           frozenset(context.get("fitting_plot_ids") or ()), frozenset(shortlist.keys(request)))
    html = _tables.get(*key, Unkeyed(render))
    return mark_safe(html.replace(_CSRF, str(context.get("csrf_token", ""))))  # noqa: S308 - a template's output
