"""Shared set-up of the maps benchmarks: Django on a throwaway SQLite database (or DATABASE_URL), and
synthetic zones and plots with realistic, irregular boundaries around the province."""

import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
THROWAWAY_DB = True
BBOX = (106.40, 11.20, 107.20, 12.20)  # lon/lat box the synthetic zones are laid out in


def setup_django() -> str:
    """Configure Django (default settings portal.settings.dev); without DATABASE_URL, migrate a temp SQLite DB."""
    global THROWAWAY_DB
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    THROWAWAY_DB = "DATABASE_URL" not in os.environ
    if THROWAWAY_DB:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-maps-')}/bench.sqlite3"
    os.environ.setdefault("CACHE_URL", "locmemcache://bench-maps")
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")  # the pages' rendering is measured, not the page cache
    import django
    from django.core.management import call_command

    django.setup()
    for name in ("wagtail", "celery", "modelsearch", "search"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.simplefilter("ignore", DeprecationWarning)
    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def irregular_polygons(n: int, *, vertices: int = 120, bbox=BBOX, seed: int = 1) -> np.ndarray:
    """``n`` non-overlapping star-shaped polygons with ``vertices`` vertices each, on a grid over ``bbox``."""
    rng = np.random.default_rng(seed)
    cols = int(np.ceil(np.sqrt(n * (bbox[2] - bbox[0]) / (bbox[3] - bbox[1]))))
    rows = int(np.ceil(n / cols))
    cell_w, cell_h = (bbox[2] - bbox[0]) / cols, (bbox[3] - bbox[1]) / rows
    idx = np.arange(n)
    cx = bbox[0] + (idx % cols + 0.5) * cell_w
    cy = bbox[1] + (idx // cols + 0.5) * cell_h
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    radius = 0.45 * min(cell_w, cell_h) * (0.6 + 0.4 * rng.random((n, vertices)))
    xs = cx[:, None] + radius * np.cos(angles)
    ys = cy[:, None] + radius * np.sin(angles)
    rings = np.stack([xs, ys], axis=-1)
    rings = np.concatenate([rings, rings[:, :1]], axis=1)
    return shapely.polygons(rings)


def plot_grid(zone_geom, n: int) -> np.ndarray:
    """``n`` rectangular plots tiling the bounding box of ``zone_geom``'s inner part."""
    min_x, min_y, max_x, max_y = shapely.bounds(zone_geom)
    cols = int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    w, h = (max_x - min_x) / cols, (max_y - min_y) / rows
    idx = np.arange(n)
    x0 = min_x + (idx % cols) * w
    y0 = min_y + (idx // cols) * h
    return shapely.box(x0 + w * 0.05, y0 + h * 0.05, x0 + w * 0.95, y0 + h * 0.95)


def create_zones(geoms: np.ndarray, prefix: str):
    """Live zone pages with the boundaries ``geoms`` under a fresh zone index; returns (index, zones)."""
    from portal import demo
    from zones.choices import ZoneKind, ZoneStatus
    from zones.models import ZoneIndexPage, ZonePage

    home = demo.ensure_home_pages()
    index = ZoneIndexPage(title=f"Bench {prefix}", slug=f"bench-{prefix}")
    home.add_child(instance=index)
    kinds, statuses = list(ZoneKind.values), list(ZoneStatus.values)
    zones = []
    for i, geom in enumerate(geoms):
        zone = ZonePage(title=f"Bench zone {prefix} {i}", slug=f"bench-{prefix}-{i}", code=f"bench-{prefix}-{i}",
                        kind=kinds[i % len(kinds)], status=statuses[i % len(statuses)],
                        land_price_min_usd=40 + i % 30, land_price_max_usd=80 + i % 30)
        zone.set_geometry(geom)
        index.add_child(instance=zone)
        zones.append(zone)
    return index, zones


def create_plots(zone, geoms: np.ndarray) -> None:
    """Plots of ``zone`` with the boundaries ``geoms``, statuses cycling through available/reserved/leased."""
    from zones.choices import PlotStatus
    from zones.models import Plot

    statuses = list(PlotStatus.values)
    plots = []
    for i, geom in enumerate(geoms):
        plot = Plot(zone=zone, code=f"P{i:04d}", status=statuses[i % len(statuses)])
        plot.set_geometry(geom)
        plots.append(plot)
    Plot.objects.bulk_create(plots)


def cleanup(*pages) -> None:
    """Delete the benchmark's pages (and their children) from a shared database; a throwaway one is left."""
    if THROWAWAY_DB:
        return
    for page in pages:
        page.refresh_from_db()
        page.delete()
