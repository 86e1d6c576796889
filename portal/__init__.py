"""The Wagtail site layer: settings, URLs, the Celery app, the home page and site-wide settings."""

from .celery import app as celery_app

__all__ = ["celery_app"]
