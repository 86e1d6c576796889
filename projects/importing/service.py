"""The import workflow: upload -> mapping -> validation report -> atomic import (all rows, or the valid ones).

Progress is kept in the cache as well as on the job, so a poller sees it while the import transaction is open."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from zones.models import Sector

from ..choices import ImportStatus, InvestorKind
from ..models import HOME_COUNTRY, ImportJob, Investor, Project
from ..services import Share, refresh_locations, register_project
from .readers import check_upload, read_table
from .validation import ParsedRow, Report, RowValidator, check_mapping, guess_mapping

BATCH = 200
# Files with more data rows than this are validated and imported by a Celery task with a progress bar.
ASYNC_ROWS = 200


def progress_key(job_id: int) -> str:
    return f"projects:import:{job_id}:progress"


def set_progress(job: ImportJob, processed: int, phase: str) -> None:
    cache.set(progress_key(job.pk), {"processed": processed, "total": job.total_rows, "phase": phase}, 3600)


def progress(job: ImportJob) -> dict:
    """What a poller shows: status, phase, processed / total rows and percent."""
    live = cache.get(progress_key(job.pk)) or {}
    processed = live.get("processed", job.processed_rows)
    total = live.get("total", job.total_rows) or job.total_rows
    pct = 100 if job.status in (ImportStatus.VALIDATED, ImportStatus.DONE) else (
        int(processed * 100 / total) if total else 0)
    return {"status": job.status, "phase": live.get("phase", job.status), "processed": processed,
            "total": total, "percent": min(pct, 100),
            "finished": job.status in (ImportStatus.VALIDATED, ImportStatus.DONE, ImportStatus.FAILED)}


def create_job(upload, user=None) -> ImportJob:
    """Check an uploaded file by content and store it with its header row and a guessed mapping."""
    data = upload.read()
    checked = check_upload(data, getattr(upload, "name", ""))
    headers, rows = read_table(data, checked.file_format, checked.encoding)
    total = sum(1 for _row in rows)
    job = ImportJob(original_name=getattr(upload, "name", "upload")[:255], file_format=checked.file_format,
                    encoding=checked.encoding, headers=headers, mapping=guess_mapping(headers), total_rows=total,
                    created_by=user, report={"warning": checked.warning} if checked.warning else {})
    job.file.save(f"import.{checked.file_format}", ContentFile(data), save=False)
    job.save()
    return job


def set_mapping(job: ImportJob, mapping: dict[str, str]) -> list[str]:
    """Store a column mapping; returns its problems (nothing stored when there are any)."""
    mapping = {name: column for name, column in mapping.items() if column}
    problems = check_mapping(mapping, job.headers)
    if not problems:
        job.mapping = mapping
        job.status = ImportStatus.UPLOADED
        job.save(update_fields=["mapping", "status"])
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
    """Validate every row; the report lists (row, column, problem) and the valid rows. Saves nothing else."""
    job = ImportJob.objects.get(pk=job_id)
    job.status = ImportStatus.VALIDATING
    job.save(update_fields=["status"])
    report = _validate(job, "validating")
    job.report = {**report.as_json(), "warning": job.report.get("warning", "")}
    job.total_rows, job.processed_rows = report.total, report.total
    job.status = ImportStatus.VALIDATED
    job.save(update_fields=["report", "total_rows", "processed_rows", "status"])
    return job


def import_job(job_id: int, only_valid: bool = False) -> ImportJob:
    """Import the rows in one transaction: all of them when every row is valid, else (``only_valid``) the
    valid ones. The file is validated again, so nothing changed since the report slips through."""
    job = ImportJob.objects.get(pk=job_id)
    job.status, job.only_valid = ImportStatus.IMPORTING, only_valid
    job.save(update_fields=["status", "only_valid"])
    report = _validate(job, "validating")
    if report.problems and not only_valid:
        job.status = ImportStatus.VALIDATED
        job.report = {**report.as_json(), "warning": job.report.get("warning", ""),
                      "error": _("Some rows have problems: nothing was imported.")}
        job.save(update_fields=["status", "report"])
        return job
    try:
        created = _save_rows(job, report.valid)
    except ValidationError as error:
        job.status = ImportStatus.FAILED
        job.report = {**report.as_json(), "error": "; ".join(error.messages)}
        job.save(update_fields=["status", "report"])
        return job
    job.status = ImportStatus.DONE
    job.processed_rows = len(report.valid)
    job.report = {**report.as_json(), "warning": job.report.get("warning", ""), "imported": created,
                  "imported_rows": [r.row for r in report.valid]}
    job.save(update_fields=["status", "processed_rows", "report"])
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
    return job.total_rows > ASYNC_ROWS

