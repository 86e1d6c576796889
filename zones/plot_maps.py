"""A zone's map: its boundary and its plots coloured by status, with a legend and escaped popups.

The styles, legend and popups are the zone's business; drawing them is ``maps.rendering``'s.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maps.rendering import LegendItem, OverlayLayer, RenderedMap, area_map, cached_area_map, cached_render

from . import units
from .choices import LandUse, PlotStatus

PLOT_COLOURS = {
    PlotStatus.AVAILABLE: "#1a7f37",
    PlotStatus.RESERVED: "#b35900",
    PlotStatus.LEASED: "#6e7781",
}
PLOT_DASH = {PlotStatus.AVAILABLE: None, PlotStatus.RESERVED: "6 4", PlotStatus.LEASED: "2 4"}
#: The outline of a plot that fits the visitor's project.
FIT_COLOUR = "#5a189a"
#: Above this many plots, a zone map labels only the plots that fit (labels would cover the plan).
LABEL_LIMIT = 150
#: Part of the zone map's cache key (keyed by its plots, not its features): raise it when the popups, styles or
#: labels made from the same plots change.
ZONE_MAP_VERSION = 1


def _decimal(value) -> str:
    return number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True) if value is not None else ""


def plot_popup(plot: dict, unit: str = units.DEFAULT) -> SafeString:
    """The popup of a plot: escaped code, land use, status, area (in ``unit``), price, whether it fits the
    visitor's project, and a link to ask the board about it (``ask_url``, when given)."""
    land_use = plot.get("land_use_label") or (
        LandUse(plot["land_use"]).label if plot.get("land_use") in LandUse.values else plot.get("land_use", ""))
    lines = [
        format_html("<strong>{} {}</strong>", _("Plot"), plot["code"]),
        format_html("<span>{}: {}</span>", _("Land use"), land_use),
        format_html("<span>{}: {}</span>", _("Status"), plot.get("status_label") or plot.get("status", "")),
    ]
    if plot.get("area_m2") is not None:
        lines.append(format_html("<span>{}: {}</span>", _("Area"), units.format_area(plot["area_m2"], unit)))
    if plot.get("price") is not None:
        lines.append(format_html("<span>{}: {} USD/m²</span>", _("Price"), _decimal(plot["price"])))
    if plot.get("fits"):
        lines.append(format_html("<span>{}</span>", _("Fits your project")))
    if plot.get("ask_url"):
        lines.append(format_html('<a class="map-ask-link" href="{}">{}</a>', plot["ask_url"],
                                 _("Ask about this plot")))
    return mark_safe("<br>".join(lines))  # noqa: S308 - every part is built by format_html


def plot_legend(fitting: bool = False) -> list[LegendItem]:
    """The legend of plot colours, one line per plot status (and one for the plots that fit, when shown)."""
    items = [LegendItem(PLOT_COLOURS[s], str(s.label), PLOT_DASH[s]) for s in PlotStatus]
    return [LegendItem(FIT_COLOUR, _("Fits your project (outlined, labelled)"))] + items if fitting else items


def plot_style(status: str, fits: bool = False) -> dict:
    """The Leaflet path style of a plot with ``status``; a plot that fits the project has a thick outline."""
    colour = PLOT_COLOURS.get(status, "#6e7781")
    style = {"color": colour, "weight": 1, "fillColor": colour, "fillOpacity": 0.45,
             "className": f"map-plot map-plot-{status}"}
    if PLOT_DASH.get(status):
        style["dashArray"] = PLOT_DASH[status]
    if fits:
        style.update(color=FIT_COLOUR, weight=4, fillOpacity=0.6, className=f"{style['className']} map-plot-fits")
    return style


def _plot_features(plots: list[dict], unit: str, label_all: bool) -> list[dict]:
    return [{"id": plot["id"], "geometry": plot.get("geometry"),
             "style": plot_style(plot.get("status", ""), bool(plot.get("fits"))), "popup": plot_popup(plot, unit),
             "label": plot["code"] if label_all or plot.get("fits") else "",
             "name": _("Plot %(code)s: %(status)s") % {
                 "code": plot["code"], "status": plot.get("status_label") or plot.get("status", "")}}
            for plot in plots]


def zone_map(zone: dict | None, plots: list[dict], *, height: str = "480px", unit: str = units.DEFAULT,
             overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """The map of a zone and its plots (cached by content): plots that fit the visitor's project (``fits``)
    highlighted, plot codes drawn on the plots (only those that fit when there are more than
    ``LABEL_LIMIT``), areas in ``unit``.

    ``zone`` is one dict of ``zones.services.zone_map_features`` (or None), ``plots`` those of
    ``plot_map_features``; ``overlays`` are switchable layers drawn over it (infrastructure).
    """
    def build() -> RenderedMap:
        features = _plot_features(plots, unit, label_all=len(plots) <= LABEL_LIMIT)
        fitting = any(plot.get("fits") for plot in plots)
        return area_map((zone or {}).get("geometry"), features, legend=plot_legend(fitting), height=height,
                        overlays=overlays)

    # Keyed by the plots rather than by their features: making each plot's popup costs more than digesting it.
    return cached_render("zone", build, ZONE_MAP_VERSION, PLOT_COLOURS, PLOT_DASH, FIT_COLOUR, LABEL_LIMIT,
                         (zone or {}).get("geometry"), plots, height, unit, overlays or [])


def sites_map(zones: list[dict], plots: list[dict], *, height: str = "480px", unit: str = units.DEFAULT
              ) -> RenderedMap:
    """One map of several zones' boundaries (``zone_map_features`` dicts) and the plots that fit (dicts of
    ``plot_map_features`` with ``fits``), highlighted and labelled with their codes."""
    boundary = {"type": "GeometryCollection", "geometries": [z["geometry"] for z in zones if z.get("geometry")]}
    features = _plot_features(plots, unit, label_all=True)
    return cached_area_map(boundary if boundary["geometries"] else None, features,
                           legend=plot_legend(bool(plots)), height=height)
