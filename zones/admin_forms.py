"""Admin edit forms of zones and plots: the boundary is drawn on a map over the neighbouring shapes."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from maps.widgets import GeometryField, GeometryWidget

#: Most neighbouring shapes sent to the map editor: enough for any zone's plots, small enough for the page.
MAX_REFERENCE = 400


def _feature(geometry: dict, name: str, kind: str) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": {"name": name, "kind": kind}}


def reference_shapes(*, zone=None, plot=None) -> dict:
    """A FeatureCollection of the shapes around what is being edited: for a plot, its zone's boundary and the
    zone's other plots; for a zone, its plots and the zones whose bounding boxes touch its own."""
    plot_model = apps.get_model("zones", "Plot")
    zone = zone if zone is not None else getattr(plot, "zone", None)
    features = []
    if zone is None or zone.pk is None:
        return {"type": "FeatureCollection", "features": features}
    if plot is not None and zone.geometry:
        features.append(_feature(zone.geometry, zone.title, "zone"))
    plots = plot_model.objects.filter(zone=zone, geometry__isnull=False)
    if plot is not None and plot.pk:
        plots = plots.exclude(pk=plot.pk)
    features += [_feature(geometry, code, "plot")
                 for code, geometry in plots.order_by("code").values_list("code", "geometry")[:MAX_REFERENCE]]
    if plot is None and zone.min_lon is not None:
        zone_model = apps.get_model("zones", "ZonePage")
        neighbours = (zone_model.objects.filter(locale_id=zone.locale_id, geometry__isnull=False,
                                                min_lon__lte=zone.max_lon, max_lon__gte=zone.min_lon,
                                                min_lat__lte=zone.max_lat, max_lat__gte=zone.min_lat)
                      .exclude(translation_key=zone.translation_key).values_list("title", "geometry"))
        features += [_feature(geometry, title, "zone") for title, geometry in neighbours[:MAX_REFERENCE]]
    return {"type": "FeatureCollection", "features": features[:MAX_REFERENCE]}


class ZonePageForm(WagtailAdminPageForm):
    """The zone editor: the boundary is drawn on a map over the zone's plots and the neighbouring zones."""

    geometry = GeometryField(label=_("Boundary"), help_text=_(
        "Draw the boundary on the map, read a GeoJSON file, or paste a GeoJSON geometry in WGS 84 "
        "(longitude, latitude)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geometry"].widget = GeometryWidget(reference=reference_shapes(zone=self.instance))


class PlotForm(WagtailAdminModelForm):
    """The plot editor: the plot is drawn on a map over its zone's boundary and the zone's other plots; a plot is
    one piece, so a cut that leaves two parts must be split into two plots."""

    geometry = GeometryField(label=_("Plot boundary"), single_part=True, help_text=_(
        "Draw the plot on the map, read a GeoJSON file, or paste a GeoJSON polygon in WGS 84."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plot = self.instance
        self.fields["geometry"].widget = GeometryWidget(
            single_part=True, reference=reference_shapes(plot=plot) if plot.zone_id else None)
