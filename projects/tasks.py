"""Celery tasks of the projects app: validating and importing large spreadsheets."""

from celery import shared_task

from .importing import service


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def validate_import(job_id: int) -> str:
    """Validate an import job's rows (idempotent: the report is rewritten)."""
    return service.validate_job(job_id).status


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def run_import(job_id: int, only_valid: bool = False) -> str:
    """Import a validated job; a job already imported is left alone."""
    from .choices import ImportStatus
    from .models import ImportJob

    if ImportJob.objects.filter(pk=job_id, status=ImportStatus.DONE).exists():
        return ImportStatus.DONE
    return service.import_job(job_id, only_valid).status
