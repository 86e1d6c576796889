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
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Application, ApplicationStatus, WebhookEvent
from .workflow import IllegalTransition, transition

SIGNATURE_HEADER = "X-OneStop-Signature"
TOLERANCE_SECONDS = 300


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


def handle_webhook(body: bytes, header: str) -> dict:
    """Verify and apply one event; returns ``{"result": ...}``. Raises ``WebhookError``."""
    secret = getattr(settings, "LICENSING_WEBHOOK_SECRET", None)
    if not secret:
        raise WebhookError("webhook not configured", 503)
    verify(body, header, secret)
    try:
        payload = json.loads(body)
        event_id = str(payload["event_id"])[:100]
        code = str(payload["dossier_code"])
        status = str(payload["status"])
        on = date.fromisoformat(payload["date"]) if payload.get("date") else None
    except (ValueError, KeyError, TypeError) as exc:
        raise WebhookError("malformed payload") from exc
    if status not in ApplicationStatus.values:
        raise WebhookError("unknown status")
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(event_id=event_id, payload=payload)
    except IntegrityError:
        return {"result": "duplicate"}
    application = Application.objects.filter(dossier_code=code).first()
    if application is None:
        event.outcome = "unknown dossier"
        event.save(update_fields=["outcome"])
        raise WebhookError("unknown dossier", 404)
    try:
        outcome = _apply(application, status, on or timezone.localdate(), str(payload.get("note", ""))[:2000],
                         str(payload.get("result_number", ""))[:80], "webhook")
    except IllegalTransition as exc:
        event.outcome = f"refused: {exc}"[:255]
        event.save(update_fields=["outcome"])
        raise WebhookError(str(exc), 409) from exc
    event.outcome = outcome
    event.save(update_fields=["outcome"])
    return {"result": outcome, "status": application.status}


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
