"""Service quality of the board's answers, in the open: per topic, enquiries answered within the deadline, the
median time to the first answer and the investors' ratings (as in Decision 766/QĐ-TTg of 23 June 2022).

Every figure is computed by the database in aggregate queries (see ``licensing.quality`` for the percentiles).
Times to the first answer are calendar hours from receipt to the first public answer, round the clock: a
deadline counts working days, but the time an investor waits is every hour of it."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from licensing.quality import HoursBetween, RatingError, grouped_figures

from .models import Enquiry, EnquiryRating


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def topic_figures(date_from: date, date_to: date, today: date | None = None) -> list[dict]:
    """Per topic, the enquiries received between ``date_from`` and ``date_to`` (inclusive, local days):
    ``received``, ``answered``, ``on_time`` (first public answer on or before the due day, in local time),
    ``overdue`` (unanswered, still open and past the due day on ``today``), ``on_time_share`` (percent of
    those answered or overdue), ``median_hours`` and ``p90_hours`` to the first answer (calendar hours),
    ``rating`` (average, 1-5) and ``ratings``. Ordered as the topics are."""
    today = today or timezone.localdate()
    enquiries = Enquiry.objects.filter(received_at__gte=_start_of(date_from),
                                       received_at__lt=_start_of(date_to + timedelta(days=1)))
    answered = Q(first_answered_at__isnull=False)
    local_day = TruncDate("first_answered_at", tzinfo=timezone.get_current_timezone())
    enquiries = enquiries.annotate(answered_on=local_day)
    rows = grouped_figures(
        enquiries, "topic_id", ("topic__name_en", "topic__name_vi", "topic__sort_order", "topic__response_days"),
        {"received": Count("pk"), "answered": Count("pk", filter=answered),
         "on_time": Count("pk", filter=answered & Q(answered_on__lte=F("due_on"))),
         "overdue": Count("pk", filter=Q(first_answered_at__isnull=True, due_on__lt=today)
                          & ~Q(status="closed")),
         "rating_average": Avg("rating__score"), "rating_count": Count("rating")},
        HoursBetween(F("first_answered_at"), F("received_at")), percentile_filter=answered)
    result = []
    for row in rows:
        decided = row["answered"] + row["overdue"]
        result.append({
            "topic_id": row["topic_id"], "name": localized(row, "topic__name"),
            "response_days": row["topic__response_days"], "received": row["received"],
            "answered": row["answered"], "on_time": row["on_time"], "overdue": row["overdue"],
            "on_time_share": round(100 * row["on_time"] / decided, 1) if decided else None,
            "median_hours": _rounded(row["median"]), "p90_hours": _rounded(row["p90"]),
            "rating": _rounded(row["rating_average"]), "ratings": row["rating_count"],
            "sort_order": row["topic__sort_order"]})
    return sorted(result, key=lambda row: (row["sort_order"], row["name"]))


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 1)


def may_rate(enquiry: Enquiry) -> bool:
    """Whether the investor may rate the enquiry: the board has answered it publicly."""
    return enquiry.first_answered_at is not None


def rate_enquiry(enquiry: Enquiry, score: int, comment: str = "") -> EnquiryRating:
    """Record (or change) the investor's rating of the board's answer: one per enquiry, 1 to 5, only once
    the enquiry has a public answer. Whoever holds the private link is its author."""
    if not 1 <= int(score) <= 5:
        raise RatingError(_("A rating is a whole number from 1 to 5."))
    if not may_rate(enquiry):
        raise RatingError(_("An enquiry can be rated once the board has answered it."))
    with transaction.atomic():
        rating, _created = EnquiryRating.objects.update_or_create(
            enquiry=enquiry, defaults={"score": int(score), "comment": comment.strip()})
    return rating
