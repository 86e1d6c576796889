"""A zone's map: its boundary and its plots coloured by status, with a legend and escaped popups.

The styles, legend and popups are the zone's business; drawing them is ``maps.rendering``'s.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from maps.rendering import LegendItem, OverlayLayer, RenderedMap, cached_area_map

from .choices import LandUse, PlotStatus

PLOT_COLOURS = {
    PlotStatus.AVAILABLE: "#1a7f37",
    PlotStatus.RESERVED: "#b35900",
    PlotStatus.LEASED: "#6e7781",
}
PLOT_DASH = {PlotStatus.AVAILABLE: None, PlotStatus.RESERVED: "6 4", PlotStatus.LEASED: "2 4"}


def _decimal(value) -> str:
    return number_format(Decimal(str(value)), decimal_pos=2, use_l10n=True) if value is not None else ""


def plot_popup(plot: dict) -> SafeString:
    """The popup of a plot: escaped code, land use, status, area and price."""
    land_use = plot.get("land_use_label") or (
        LandUse(plot["land_use"]).label if plot.get("land_use") in LandUse.values else plot.get("land_use", ""))
    lines = [
        format_html("<strong>{} {}</strong>", _("Plot"), plot["code"]),
        format_html("<span>{}: {}</span>", _("Land use"), land_use),
        format_html("<span>{}: {}</span>", _("Status"), plot.get("status_label") or plot.get("status", "")),
    ]
    if plot.get("area_m2") is not None:
        lines.append(format_html("<span>{}: {} ha</span>", _("Area"), _decimal(plot["area_m2"] / 10_000)))
    if plot.get("price") is not None:
        lines.append(format_html("<span>{}: {} USD/m²</span>", _("Price"), _decimal(plot["price"])))
    return mark_safe("<br>".join(lines))  # noqa: S308 - every part is built by format_html


def plot_legend() -> list[LegendItem]:
    """The legend of plot colours, one line per plot status."""
    return [LegendItem(PLOT_COLOURS[s], str(s.label), PLOT_DASH[s]) for s in PlotStatus]


def plot_style(status: str) -> dict:
    """The Leaflet path style of a plot with ``status``."""
    colour = PLOT_COLOURS.get(status, "#6e7781")
    style = {"color": colour, "weight": 1, "fillColor": colour, "fillOpacity": 0.45,
             "className": f"map-plot map-plot-{status}"}
    if PLOT_DASH.get(status):
        style["dashArray"] = PLOT_DASH[status]
    return style


def zone_map(zone: dict | None, plots: list[dict], *, height: str = "480px",
             overlays: list[OverlayLayer] | None = None) -> RenderedMap:
    """The map of a zone and its plots (cached by content).

    ``zone`` is one dict of ``zones.services.zone_map_features`` (or None), ``plots`` those of
    ``plot_map_features``; ``overlays`` are switchable layers drawn over it (infrastructure).
    """
    features = [{"id": plot["id"], "geometry": plot.get("geometry"), "style": plot_style(plot.get("status", "")),
                 "popup": plot_popup(plot)} for plot in plots]
    return cached_area_map((zone or {}).get("geometry"), features, legend=plot_legend(), height=height,
                           overlays=overlays)
