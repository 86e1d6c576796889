"""Celery tasks of the projects app: validating and importing large spreadsheets."""

from celery import shared_task

from .importing import service


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def validate_import(job_id: int) -> str:
    """Validate a staged import job's rows (idempotent: a job no longer staged is left alone)."""
    return service.validate_job(job_id).status


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def run_import(job_id: int) -> str:
    """Import a claimed job (idempotent: a job already started or finished is left alone)."""
    return service.import_job(job_id).status
