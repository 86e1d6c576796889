"""Service quality of licensing, in the open: actual processing times per procedure beside the statutory time,
the investors' ratings of resolved dossiers and satisfaction per agency (as in the service-quality index of
Decision 766/QĐ-TTg of 23 June 2022).

Every figure is computed by the database in aggregate queries. Medians and 90th percentiles are continuous
percentiles (linear interpolation, as PostgreSQL's ``percentile_cont``): PostgreSQL computes them with that
ordered-set aggregate, other databases (SQLite, the embedded default) with a window-function query; both give
the same numbers. Processing times are calendar days from receipt to resolution (``resolved_on -
received_on``): the database knows no working-day calendar, so the figures say "calendar days".
"""

from datetime import date, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Aggregate, Avg, Count, F, FloatField, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import columns, localized
from core.text import name_order

from .models import RESOLVED, Application, DossierRating

#: Closed dossiers of a procedure needed before the plan shows how long it takes in practice.
MIN_CLOSED = 5
#: The percentiles every figure reports, by name.
PERCENTILES = {"median": 0.5, "p90": 0.9}


class RatingError(ValueError):
    """A rating the rules do not allow; its message is meant for the person who tried."""


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)`` (a continuous
    percentile, interpolated between the two nearest values)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=float(fraction), **extra)


class HoursBetween(Func):
    """Hours (with fractions) from the moment ``start`` to the moment ``end``, computed by the database."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0)"
    arg_joiner = " - "

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="((julianday(%(expressions)s)) * 24.0)",
                           arg_joiner=") - julianday(", **extra)


def _window_percentiles(queryset, key: str, value) -> dict:
    """``{key value: {"median": …, "p90": …}}`` of ``value`` over each ``key`` group of ``queryset``, with
    window functions (any database that has them): each percentile interpolates between the two rows around
    its position ``1 + fraction × (n - 1)``, as ``percentile_cont`` does."""
    inner = queryset.order_by().annotate(quality_value=value).filter(quality_value__isnull=False)
    try:
        sql, params = inner.values(key, "quality_value").query.sql_with_params()
    except EmptyResultSet:  # a filter such as ``pk__in=[]`` that no row can match
        return {}
    columns = []
    for name, fraction in PERCENTILES.items():
        position = f"({fraction!r} * (n - 1))"
        low = f"(1 + CAST({position} AS INTEGER))"
        share = f"({position} - CAST({position} AS INTEGER))"
        columns.append(f"SUM(CASE WHEN rn = {low} THEN v * (1 - {share}) WHEN rn = {low} + 1 THEN v * {share} "
                       f"ELSE 0 END) AS {name}")
    column = connection.ops.quote_name(key)
    # Built from our constants, a quoted column name and Django's own SQL; the values are parameters.
    query = (f"SELECT k, {', '.join(columns)} FROM (SELECT {column} AS k, quality_value AS v, "  # noqa: S608
             f"ROW_NUMBER() OVER (PARTITION BY {column} ORDER BY quality_value) AS rn, "
             f"COUNT(*) OVER (PARTITION BY {column}) AS n FROM ({sql}) AS rows_) AS ranked GROUP BY k")
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {row[0]: {name: None if value is None else float(value)
                         for name, value in zip(PERCENTILES, row[1:], strict=True)} for row in cursor.fetchall()}


def grouped_figures(queryset, key: str, fields: tuple[str, ...], aggregates: dict, value,
                    percentile_filter: Q | None = None) -> list[dict]:
    """One row per ``key`` of ``queryset`` with ``fields``, ``aggregates`` and the median and 90th
    percentile (``median``, ``p90``) of ``value`` over the rows matching ``percentile_filter``.

    On PostgreSQL everything is one aggregate query (``percentile_cont``); elsewhere the percentiles come
    from a second, window-function query over the same rows. Percentiles are None for an empty group."""
    queryset = queryset.order_by()
    grouped = queryset.values(key, *fields)
    if connection.vendor == "postgresql":
        percentiles = {name: PercentileCont(value, fraction, filter=percentile_filter)
                       for name, fraction in PERCENTILES.items()}
        return list(grouped.annotate(**aggregates, **percentiles))
    rows = list(grouped.annotate(**aggregates))
    chosen = queryset.filter(percentile_filter) if percentile_filter is not None else queryset
    found = _window_percentiles(chosen, key, value)
    empty = dict.fromkeys(PERCENTILES)
    return [{**row, **found.get(row[key], empty)} for row in rows]


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months up to ``today`` (the site's today by default)."""
    today = today or timezone.localdate()
    return today - timedelta(days=364), today


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 1)


def processing_times(date_from: date, date_to: date, *, procedure_ids=None) -> list[dict]:
    """Per procedure version, the dossiers resolved between ``date_from`` and ``date_to`` (inclusive):
    ``closed``, ``median_days`` and ``p90_days`` (the time each took on the statutory clock, in the procedure's
    unit: ``Application.days_taken``), beside the statutory ``time_limit`` and ``time_unit``, with the average
    rating and the number of ratings.

    Ordered by procedure code; ``procedure_ids`` limits the rows to those versions."""
    closed = Application.objects.filter(status__in=RESOLVED, days_taken__isnull=False,
                                        resolved_on__gte=date_from, resolved_on__lte=date_to)
    if procedure_ids is not None:
        closed = closed.filter(procedure_id__in=list(procedure_ids))
    rows = grouped_figures(
        closed, "procedure_id",
        ("procedure__code", *columns("procedure__name"), "procedure__time_limit", "procedure__time_unit",
         *columns("agency__name")),
        {"closed": Count("pk"), "rating_average": Avg("rating__score"), "rating_count": Count("rating")},
        F("days_taken"))
    result = [{
        "procedure_id": row["procedure_id"], "code": row["procedure__code"],
        "name": localized(row, "procedure__name"), "agency": localized(row, "agency__name"),
        "time_limit": row["procedure__time_limit"], "time_unit": row["procedure__time_unit"],
        "closed": row["closed"], "median_days": _rounded(row["median"]), "p90_days": _rounded(row["p90"]),
        "rating": _rounded(row["rating_average"]), "ratings": row["rating_count"],
    } for row in rows]
    return sorted(result, key=lambda row: (row["code"], row["procedure_id"]))


def practice_for(procedure_ids, today: date | None = None) -> dict[int, dict]:
    """How long the given procedure versions took in the last twelve months, by procedure id, for those with
    at least ``MIN_CLOSED`` dossiers resolved (the others are left out: too few to say)."""
    procedure_ids = list(procedure_ids)
    if not procedure_ids:
        return {}
    date_from, date_to = default_period(today)
    return {row["procedure_id"]: row for row in processing_times(date_from, date_to, procedure_ids=procedure_ids)
            if row["closed"] >= MIN_CLOSED}


def agency_satisfaction(date_from: date | None = None, date_to: date | None = None) -> list[dict]:
    """Per agency, the investors' ratings of its dossiers resolved in the period (every resolved dossier when
    no bound is given): ``average`` (1-5, one decimal) and ``ratings``; agencies without a rating are left
    out. Ordered by agency name."""
    ratings = DossierRating.objects.filter(application__status__in=RESOLVED)
    if date_from:
        ratings = ratings.filter(application__resolved_on__gte=date_from)
    if date_to:
        ratings = ratings.filter(application__resolved_on__lte=date_to)
    rows = (ratings.order_by().values("application__agency_id", *columns("application__agency__name"))
            .annotate(average=Avg("score"), ratings=Count("pk")))
    result = [{"agency_id": row["application__agency_id"], "name": localized(row, "application__agency__name"),
               "average": _rounded(row["average"]), "ratings": row["ratings"]} for row in rows]
    return sorted(result, key=lambda row: name_order(row["name"]))


def may_rate(user, application: Application) -> bool:
    """Whether ``user`` may rate ``application``: it is resolved, it belongs to one of the user's investors
    and nobody else of them has rated it."""
    if not (user.is_authenticated and application.is_resolved):
        return False
    if not Application.objects.for_user(user).filter(pk=application.pk).exists():
        return False
    rating = DossierRating.objects.filter(application=application).first()
    return rating is None or rating.author_id == user.pk


def rate_dossier(user, application: Application, score: int, comment: str = "") -> DossierRating:
    """Record (or change) ``user``'s rating of a resolved dossier of their own: one per dossier, 1 to 5."""
    if not 1 <= int(score) <= 5:
        raise RatingError(_("A rating is a whole number from 1 to 5."))
    if not application.is_resolved:
        raise RatingError(_("A dossier can be rated once it is resolved."))
    if not (user.is_authenticated and Application.objects.for_user(user).filter(pk=application.pk).exists()):
        raise RatingError(_("Only the investor who filed this dossier may rate it."))
    with transaction.atomic():
        rating = DossierRating.objects.select_for_update().filter(application=application).first()
        if rating is None:
            return DossierRating.objects.create(application=application, author=user, score=int(score),
                                                comment=comment.strip())
        if rating.author_id != user.pk:
            raise RatingError(_("Someone else of your company has already rated this dossier."))
        rating.score, rating.comment = int(score), comment.strip()
        rating.save(update_fields=["score", "comment", "updated_at"])
    return rating
