"""The Celery application, configured from Django settings under the ``CELERY_`` namespace."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules the line above (``<app>.tasks`` of each installed app) does not find.
app.autodiscover_tasks(["zones.gis_import"])
app.autodiscover_tasks(["core"], related_name="imports")


#: Keys of the filesystem broker's transport options that name folders.
BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def create_local_folders(sender, source=None, **kwargs) -> None:
    """Create the folders the configuration points at on this machine, once the app has read it (before
    anything is sent or received): the filesystem broker's, a ``file://`` result backend's and the beat
    schedule's. Settings name them; they create nothing."""
    conf = source if source is not None else sender.conf
    folders = []
    if str(conf.broker_url or "").startswith("filesystem://"):
        options = conf.broker_transport_options or {}
        folders += [options[key] for key in BROKER_FOLDERS if options.get(key)]
    if str(conf.result_backend or "").startswith("file://"):
        folders.append(str(conf.result_backend).removeprefix("file://"))
    if conf.beat_schedule_filename:
        folders.append(Path(conf.beat_schedule_filename).parent)
    for folder in folders:
        Path(folder).mkdir(parents=True, exist_ok=True)
