"""Celery task of the GIS import: large imports run here, reporting progress on their ImportRecord."""

from celery import shared_task

from .running import run_import


@shared_task(acks_late=True, soft_time_limit=30 * 60, time_limit=35 * 60, ignore_result=True)
def run_gis_import(record_id: int) -> None:
    """Run a confirmed import (idempotent: a finished or running record is left alone)."""
    run_import(record_id)
