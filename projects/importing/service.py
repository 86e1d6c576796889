"""The import workflow: upload -> mapping -> validation report -> atomic import (all rows, or the valid ones).

The job's lifecycle is ``core.imports``'s: staged while mapped and validated, previewed with its report,
running once claimed, then done or failed. Progress is kept in the cache as well as on the job, so a poller
sees it while the import transaction is open."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.imports import ImportStatus
from zones.models import Sector

from ..choices import InvestorKind
from ..models import HOME_COUNTRY, ImportJob, Investor, Project
from ..services import Share, refresh_locations, register_project
from .readers import check_upload, read_table
from .validation import ParsedRow, Report, RowValidator, check_mapping, guess_mapping

BATCH = 200


def progress_key(job_id: int) -> str:
    return f"projects:import:{job_id}:progress"


def set_progress(job: ImportJob, processed: int, phase: str) -> None:
    cache.set(progress_key(job.pk), {"processed": processed, "total": job.total_rows, "phase": phase}, 3600)


def progress(job: ImportJob) -> dict:
    """What a poller shows: status, phase, processed / total rows and percent."""
    live = cache.get(progress_key(job.pk)) or {}
    processed = live.get("processed", job.processed_rows)
    total = live.get("total", job.total_rows) or job.total_rows
    pct = 100 if job.status in (ImportStatus.PREVIEWED, ImportStatus.DONE) else (
        int(processed * 100 / total) if total else 0)
    working = job.status == ImportStatus.RUNNING or job.validation_pending
    return {"status": job.status, "phase": live.get("phase", job.status), "processed": processed,
            "total": total, "percent": min(pct, 100), "finished": not working}


def create_job(upload, user=None) -> ImportJob:
    """Check an uploaded file by content and store it with its header row and a guessed mapping."""
    data = upload.read()
    checked = check_upload(data, getattr(upload, "name", ""))
    headers, rows = read_table(data, checked.file_format, checked.encoding)
    # A large file's rows are counted by the worker that validates it, not in this request.
    total = sum(1 for _row in rows) if len(data) < settings.IMPORT_ASYNC_THRESHOLD_BYTES else 0
    job = ImportJob(original_name=getattr(upload, "name", "upload")[:255], file_format=checked.file_format,
                    encoding=checked.encoding, headers=headers, mapping=guess_mapping(headers), total_rows=total,
                    created_by=user, report={"warning": checked.warning} if checked.warning else {})
    job.file.save(f"import.{checked.file_format}", ContentFile(data), save=False)
    job.save()
    return job


def set_mapping(job: ImportJob, mapping: dict[str, str], *, validate_later: bool = False) -> list[str]:
    """Store a column mapping; returns its problems (nothing stored when there are any). The job is staged
    again, its report dropped; ``validate_later``: a task will validate it (the job says so meanwhile)."""
    mapping = {name: column for name, column in mapping.items() if column}
    problems = check_mapping(mapping, job.headers)
    if not problems and not job.back_to_staged():
        problems = [_("This import was already run; upload the file again to import it anew.")]
    if not problems:
        job.mapping = mapping
        job.report = {"warning": job.report["warning"]} if job.report.get("warning") else {}
        job.started_at = timezone.now() if validate_later else None
        job.save(update_fields=["mapping", "report", "started_at"])
    return problems


def _rows(job: ImportJob):
    with job.file.open("rb") as stream:
        data = stream.read()
    headers, rows = read_table(data, job.file_format, job.encoding)
    return headers, ((number, cells) for number, cells in enumerate(rows, start=2))


def _validate(job: ImportJob, phase: str) -> Report:
    headers, rows = _rows(job)
    validator = RowValidator(headers, job.mapping)
    report = Report()
    batch = []
    for item in rows:
        batch.append(item)
        if len(batch) == BATCH:
            validator.validate(batch, report)
            batch = []
            set_progress(job, report.total, phase)
    validator.validate(batch, report)
    set_progress(job, report.total, phase)
    return report


def validate_job(job_id: int) -> ImportJob:
    """Validate every row of a staged job; the report lists (row, column, problem) and the valid rows, and the
    job is previewed. Saves nothing else; a job no longer staged is left alone."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportStatus.STAGED:
        return job
    try:
        report = _validate(job, "validating")
    except ValidationError as error:  # the file itself cannot be read through (limits, a broken line)
        message = "; ".join(error.messages)
        job.fail(message, report={"error": message, "warning": job.report.get("warning", "")})
        return job
    job.report = {**report.as_json(), "warning": job.report.get("warning", "")}
    job.total_rows, job.processed_rows = report.total, report.total
    job.save(update_fields=["report", "total_rows", "processed_rows"])
    job.preview_ready()
    return job


def claim_import(job: ImportJob, only_valid: bool) -> bool:
    """Confirm a previewed job (importing all rows, or ``only_valid`` ones): True for exactly one caller."""
    if not job.claim():
        return False
    job.only_valid = only_valid
    job.save(update_fields=["only_valid"])
    return True


def import_job(job_id: int) -> ImportJob:
    """Import a claimed job's rows in one transaction: all of them when every row is valid, else (the job's
    ``only_valid``) the valid ones. The file is validated again, so nothing changed since the report slips
    through. A job not claimed, or already started, is left alone."""
    job = ImportJob.objects.get(pk=job_id)
    if not job.start():
        return job
    try:
        report = _validate(job, "validating")
    except ValidationError as error:
        message = "; ".join(error.messages)
        job.fail(message, report={**job.report, "error": message})
        return job
    if report.problems and not job.only_valid:
        message = _("Some rows have problems: nothing was imported.")
        job.fail(message, report={**report.as_json(), "warning": job.report.get("warning", ""), "error": message})
        return job
    try:
        created = _save_rows(job, report.valid)
    except ValidationError as error:
        message = "; ".join(error.messages)
        job.fail(message, report={**report.as_json(), "error": message})
        return job
    job.finished(processed_rows=len(report.valid), report={
        **report.as_json(), "warning": job.report.get("warning", ""), "imported": created,
        "imported_rows": [r.row for r in report.valid]})
    return job


@transaction.atomic
def _save_rows(job: ImportJob, rows: list[ParsedRow]) -> int:
    sectors = {s.code: s for s in Sector.objects.all()}
    investors = {(i.name_vi, i.country): i for i in Investor.objects.all().only("pk", "name_vi", "country")}
    projects = []
    for i, row in enumerate(rows, start=1):
        shares = []
        for name, country, pct in row.investors:
            investor = investors.get((name, country))
            if investor is None:
                kind = InvestorKind.DOMESTIC_ENTERPRISE if country == HOME_COUNTRY else InvestorKind.FOREIGN_ENTERPRISE
                investor = investors[(name, country)] = Investor.objects.create(name_vi=name, name_en=name,
                                                                                country=country, kind=kind)
            shares.append(Share(investor, pct))
        v = row.values
        project = Project(code=v["code"], name_vi=v["name_vi"], name_en=v["name_en"], sector=sectors[v["sector"]],
                          registered_on=v["registered_on"], currency=v["currency"], registered_capital=v["capital"],
                          exchange_rate=v["exchange_rate"], exchange_rate_date=v["registered_on"], lon=v["lon"],
                          lat=v["lat"], land_area_m2=v["land_area_m2"], planned_employees=v["planned_employees"],
                          certificate_number=v["certificate_number"], certificate_date=None)
        try:
            register_project(project, shares, declared_kind=v["kind"] or None, actor=job.created_by,
                             locate_now=False)
        except ValidationError as error:
            raise ValidationError(_("Row %(row)s: %(problem)s") % {"row": row.row,
                                                                   "problem": "; ".join(error.messages)}) from error
        projects.append(project)
        if i % 50 == 0:
            set_progress(job, i, "importing")
    refresh_locations(projects)
    set_progress(job, len(rows), "importing")
    return len(projects)


def needs_task(job: ImportJob) -> bool:
    """Whether the job's file is large enough to be validated and imported by a Celery task."""
    return job.file.size >= settings.IMPORT_ASYNC_THRESHOLD_BYTES
