"""The Celery application, configured from Django settings under the ``CELERY_`` namespace."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules the line above (``<app>.tasks`` of each installed app) does not find.
app.autodiscover_tasks(["zones.gis_import"])
app.autodiscover_tasks(["core"], related_name="imports")

#: Beat entries added to those of the settings (CELERY_BEAT_SCHEDULE).
BEAT_SCHEDULE = {
    # Imports: the staged files of finished or abandoned imports (GIS files, spreadsheets) go (03:30).
    "imports-remove-staged-files": {"task": "core.imports.remove_staged_import_files",
                                    "schedule": crontab(hour=3, minute=30)},
}


@app.on_after_configure.connect
def add_beat_schedule(sender, **kwargs):
    """Merge :data:`BEAT_SCHEDULE` into the configured beat schedule."""
    sender.conf.beat_schedule = {**(sender.conf.beat_schedule or {}), **BEAT_SCHEDULE}
