"""Settings of bench/http_load.py: production's, plus the bench's baseline page type (bench.bare_page)."""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.bare_page.apps.BarePageConfig"]
