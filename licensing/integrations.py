"""Status updates from the province's one-stop system: a signed webhook and a CSV import, both idempotent.

Webhook: the sender puts ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`` in the
``X-OneStop-Signature`` header, keyed with ``LICENSING_WEBHOOK_SECRET``. Stale timestamps, bad signatures
and replayed event ids are refused; each event id is applied at most once."""

import csv
import hashlib
import hmac
import io
import json
import time
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Application, ApplicationStatus, WebhookEvent
from .workflow import IllegalTransition, transition

SIGNATURE_HEADER = "X-OneStop-Signature"
TOLERANCE_SECONDS = 300
ACCEPTED = {"applied", "unchanged"}  # outcomes after which the same event id is a duplicate


class WebhookError(Exception):
    """The request is refused; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """The signature header value for ``body`` (what the one-stop system sends; used by tests and tools)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(body: bytes, header: str, secret: str, now: float | None = None) -> None:
    """Raise ``WebhookError`` unless ``header`` signs ``body`` with ``secret`` within the tolerance."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError) as exc:
        raise WebhookError("missing or malformed signature", 401) from exc
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise WebhookError("stale timestamp", 401)
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given):
        raise WebhookError("bad signature", 401)


def _apply(application: Application, status: str, on: date, note: str, result_number: str, source: str) -> str:
    if application.status == status:
        return "unchanged"
    transition(application, status, None, note, on=on, result_number=result_number, source=source)
    return "applied"


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_payload(body: bytes) -> dict:
    """The event as a dict of standard JSON (no NaN or Infinity, nesting Python can read); ``WebhookError``."""
    try:
        payload = json.loads(body, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise WebhookError("payload nested too deeply") from exc
    except ValueError as exc:
        raise WebhookError(f"malformed payload: {exc}") from exc
    if not isinstance(payload, dict):
        raise WebhookError("malformed payload: not an object")
    return payload


def handle_webhook(body: bytes, header: str) -> dict:
    """Verify and apply one event; returns ``{"result": ...}``. Raises ``WebhookError``.

    An event id counts as a duplicate only once its event was applied (or found the dossier already in that
    status): a refused event (unknown dossier, illegal move, future date) is recorded with its reason and may be
    sent again with the same id."""
    secret = getattr(settings, "LICENSING_WEBHOOK_SECRET", None)
    if not secret:
        raise WebhookError("webhook not configured", 503)
    verify(body, header, secret)
    payload = parse_payload(body)
    try:
        event_id = str(payload["event_id"])[:100]
        code = str(payload["dossier_code"])
        status = str(payload["status"])
        on = date.fromisoformat(payload["date"]) if payload.get("date") else None
    except (ValueError, KeyError, TypeError) as exc:
        raise WebhookError("malformed payload") from exc
    if status not in ApplicationStatus.values:
        raise WebhookError("unknown status")
    refusal = None
    with transaction.atomic():
        event, created = WebhookEvent.objects.select_for_update().get_or_create(
            event_id=event_id, defaults={"payload": payload})
        if not created and event.outcome in ACCEPTED:
            return {"result": "duplicate"}
        event.payload = payload
        application = Application.objects.filter(dossier_code=code).first()
        if application is None:
            refusal = WebhookError("unknown dossier", 404)
        else:
            try:
                with transaction.atomic():
                    event.outcome = _apply(application, status, on or timezone.localdate(),
                                           str(payload.get("note", ""))[:2000],
                                           str(payload.get("result_number", ""))[:80], "webhook")
            except IllegalTransition as exc:
                refusal = WebhookError(str(exc), 409)
        if refusal is not None:
            event.outcome = f"refused: {refusal}"[:255]
        event.save(update_fields=["payload", "outcome"])
    if refusal is not None:
        raise refusal
    return {"result": event.outcome, "status": application.status}


@dataclass
class ImportReport:
    applied: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


CSV_COLUMNS = ("dossier_code", "status", "date")


def import_statuses(stream: io.TextIOBase, *, max_rows: int = 50_000) -> ImportReport:
    """Apply a CSV of ``dossier_code,status,date[,note,result_number]`` rows, all or nothing.

    A row whose status the dossier already has is unchanged, so importing the same file twice changes nothing
    the second time."""
    report = ImportReport()
    reader = csv.DictReader(stream)
    try:
        return _import_rows(reader, report, max_rows)
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte…: name the line, keep nothing
        return ImportReport(errors=[f"line {reader.line_num + 1}: {exc}"])


def _import_rows(reader: csv.DictReader, report: ImportReport, max_rows: int) -> ImportReport:
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        report.errors.append(f"missing columns: {', '.join(missing)}")
        return report
    with transaction.atomic():
        for number, row in enumerate(reader, start=2):
            if number > max_rows + 1:
                report.errors.append(f"more than {max_rows} rows")
                break
            application = Application.objects.filter(dossier_code=(row["dossier_code"] or "").strip()).first()
            if application is None:
                report.errors.append(f"line {number}: unknown dossier {row['dossier_code']!r}")
                continue
            status = (row["status"] or "").strip()
            try:
                on = date.fromisoformat((row["date"] or "").strip())
                if status not in ApplicationStatus.values:
                    raise ValueError(f"unknown status {status!r}")
                outcome = _apply(application, status, on, (row.get("note") or "")[:2000],
                                 (row.get("result_number") or "")[:80], "csv")
            except (ValueError, IllegalTransition) as exc:
                report.errors.append(f"line {number}: {exc}")
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if report.errors:
            transaction.set_rollback(True)
            report.applied = report.unchanged = 0
    return report
