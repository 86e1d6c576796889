"""Helpers for the maps tests: published zone pages with boundaries, and plots, under the demo home page."""

from django.utils.text import slugify

from zones.choices import PlotStatus
from zones.models import Plot, ZonePage


def make_zone(parent, title: str, geom=None, *, publish: bool = True, code: str | None = None, **fields) -> ZonePage:
    """A zone page under ``parent`` with boundary ``geom`` (shapely, WGS 84), published unless told not to."""
    code = code or slugify(title)[:40] or f"zone-{ZonePage.objects.count() + 1}"
    zone = ZonePage(title=title, slug=code, code=code, **fields)
    if geom is not None:
        zone.set_geometry(geom)
    parent.add_child(instance=zone)
    revision = zone.save_revision()
    if publish:
        revision.publish()
    else:
        zone.unpublish()
    zone.refresh_from_db()
    return zone


def make_plot(zone: ZonePage, code: str, geom, status: str = PlotStatus.AVAILABLE, **fields) -> Plot:
    """A plot of ``zone`` with boundary ``geom``."""
    plot = Plot(zone=zone, code=code, status=status, **fields)
    plot.set_geometry(geom)
    plot.save()
    return plot
