"""Service quality of licensing: processing times per procedure (median and 90th percentile computed by the
database, on SQLite and PostgreSQL alike), ratings of resolved dossiers, satisfaction per agency on the
performance page, and the plan's times shown both ways."""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from licensing import calendar, quality, services, workflow
from licensing.models import Agency, Application, ApplicationStatus, DossierRating, Procedure
from tests.factories_licensing import investor_with_project, load_catalogue

pytestmark = pytest.mark.django_db
_codes = itertools.count(1)
PLAN = {"submitted": "1", "foreign_ownership_pct": "100", "zone_kind": "industrial_park"}


@pytest.fixture
def catalogue(home_page):
    translation.activate("en")
    load_catalogue()


@pytest.fixture
def owner(catalogue):
    """An investor's user and project."""
    account, _investor, project = investor_with_project("q-owner")
    return account, project


def received_before(resolved_on: date, days: int, unit: str) -> date:
    """The day of receipt from which a decision on ``resolved_on`` took ``days`` in ``unit``."""
    if unit == "calendar":
        return resolved_on - timedelta(days=days)
    received = resolved_on
    while calendar.working_days_between(received, resolved_on) < days:
        received -= timedelta(days=1)
    return received


def closed(project, code: str, days: list[int], resolved_on: date, status=ApplicationStatus.APPROVED):
    """Resolved dossiers of procedure ``code``, one per entry of ``days`` (receipt to decision on the statutory
    clock, in the procedure's unit), recorded as the workflow records them."""
    procedure = Procedure.objects.filter(code=code, effective_to__isnull=True).get()
    dossiers = []
    for d in days:
        received = received_before(resolved_on, d, procedure.time_unit)
        dossier = Application(project=project, procedure=procedure, agency_id=procedure.agency_id, status=status,
                              dossier_code=f"Q-{next(_codes):06d}", submitted_on=received, received_on=received,
                              resolved_on=resolved_on)
        dossier.days_taken = dossier.clock_days(calendar.calendar())
        assert dossier.days_taken == d
        dossiers.append(dossier)
    return Application.objects.bulk_create(dossiers)


def test_median_and_90th_percentile_of_odd_and_even_sets(owner):
    _account, project = owner
    closed(project, "DN-01", [10, 1, 4, 2, 3], date(2026, 3, 10))           # odd: 1 2 3 4 10
    closed(project, "DT-03", [8, 2, 6, 4], date(2026, 3, 10))               # even: 2 4 6 8
    closed(project, "DT-03", [100], date(2026, 5, 10))                      # outside the period
    closed(project, "DT-03", [50], date(2026, 3, 10), status=ApplicationStatus.WITHDRAWN)  # not resolved
    rows = {row["code"]: row for row in quality.processing_times(date(2026, 3, 1), date(2026, 3, 31))}
    odd, even = rows["DN-01"], rows["DT-03"]
    assert (odd["closed"], odd["median_days"], odd["p90_days"]) == (5, 3.0, 7.6)    # 4 + 0.6 × (10 - 4)
    assert (even["closed"], even["median_days"], even["p90_days"]) == (4, 5.0, 7.4)  # 6 + 0.7 × (8 - 6)
    assert odd["time_limit"] == Procedure.objects.get(pk=odd["procedure_id"]).time_limit
    assert odd["agency"] == "Department of Finance" and odd["ratings"] == 0 and odd["rating"] is None
    single = quality.processing_times(date(2026, 5, 1), date(2026, 5, 31))
    assert [(row["code"], row["median_days"], row["p90_days"]) for row in single] == [("DT-03", 100.0, 100.0)]
    assert quality.processing_times(date(2027, 1, 1), date(2027, 1, 31)) == []


def test_the_two_dialects_agree_on_percentiles(owner):
    """The window-function query (every database) and the one the connection uses give the same figures."""
    from django.db.models import F

    _account, project = owner
    closed(project, "DN-01", [7, 3, 11, 5, 2, 9, 13], date(2026, 3, 10))
    rows = Application.objects.filter(procedure__code="DN-01")
    window = quality._window_percentiles(rows, "procedure_id", F("days_taken"))
    (figures,) = window.values()
    assert (round(figures["median"], 6), round(figures["p90"], 6)) == (7.0, 11.8)  # 11 + 0.4 × 2
    (row,) = quality.processing_times(date(2026, 3, 1), date(2026, 3, 31))
    assert (row["median_days"], row["p90_days"]) == (7.0, 11.8)


def resolved_dossier(account, project, on: date):
    application = services.record_application(account, project, "DN-01", on - timedelta(days=3))
    workflow.transition(application, ApplicationStatus.RECEIVED, None, on=on - timedelta(days=3))
    return application


def test_only_the_owner_rates_a_resolved_dossier_once_and_may_change_it(client, owner):
    account, project = owner
    today = timezone.localdate()
    application = resolved_dossier(account, project, today)
    stranger, _investor, _project = investor_with_project("q-stranger")
    client.force_login(account)
    page = reverse("licensing:application_detail", args=[application.pk])
    rate = reverse("licensing:application_rate", args=[application.pk])
    assert 'data-testid="rating"' not in client.get(page).content.decode()
    client.post(rate, {"score": "4"})
    assert not DossierRating.objects.exists()                              # not before it is resolved
    with pytest.raises(quality.RatingError):
        quality.rate_dossier(account, application, 4)
    workflow.transition(application, ApplicationStatus.APPROVED, None, on=today)
    application.refresh_from_db()
    assert 'data-testid="rating"' in client.get(page).content.decode()
    for score in ("0", "6", "x"):
        client.post(rate, {"score": score})
    assert not DossierRating.objects.exists()                              # 1-5 only
    with pytest.raises(quality.RatingError):
        quality.rate_dossier(account, application, 6)
    assert client.post(rate, {"score": "2", "comment": "Slow"}).status_code == 302
    assert client.post(rate, {"score": "5", "comment": "Fixed fast"}).status_code == 302
    rating = DossierRating.objects.get()
    assert (rating.score, rating.comment, rating.author) == (5, "Fixed fast", account)   # updated, not doubled
    assert "Your rating: 5 out of 5" in client.get(page).content.decode()
    with pytest.raises(quality.RatingError):
        quality.rate_dossier(stranger, application, 1)                     # not the owner
    client.force_login(stranger)
    assert client.post(rate, {"score": "1"}).status_code == 404
    assert DossierRating.objects.get().score == 5


def test_satisfaction_per_agency_on_the_performance_page_escaped_and_without_comments(client, owner):
    account, project = owner
    dossiers = closed(project, "DN-01", [2, 3, 4], date(2026, 3, 10))
    for application, score in zip(dossiers, (5, 4, 2), strict=True):
        DossierRating.objects.create(application=application, author=account, score=score, comment="Secret note")
    Agency.objects.filter(pk=dossiers[0].agency_id).update(name_en="Finance <b>Dept</b>")
    (row,) = quality.agency_satisfaction()
    assert (row["average"], row["ratings"]) == (3.7, 3)
    assert quality.agency_satisfaction(date(2026, 4, 1), date(2026, 4, 30)) == []
    html = client.get(reverse("licensing:performance")).content.decode()
    assert "Satisfaction (1-5)" in html and "766/QĐ-TTg" in html
    assert "<th scope=\"row\">Finance &lt;b&gt;Dept&lt;/b&gt;</th><td>3.7</td><td>3</td>" in html
    assert "Secret note" not in html and "<b>Dept</b>" not in html
    assert reverse("promotion:service") in html


def test_the_plan_shows_statutory_and_practice_times(client, owner):
    _account, project = owner
    today = timezone.localdate()
    closed(project, "DN-01", [3, 5, 7, 9], today)
    html = client.get(reverse("licensing:plan"), PLAN).content.decode()
    assert "in practice: not enough closed dossiers yet." in html           # 4 < 5
    closed(project, "DN-01", [21], today - timedelta(days=1))                # 9 + 0.6 × (21 - 9)
    closed(project, "DN-01", [99], today - timedelta(days=400))            # older than twelve months
    html = client.get(reverse("licensing:plan"), PLAN).content.decode()
    limit = Procedure.objects.get(code="DN-01", effective_to__isnull=True).time_limit
    assert (f"Statutory {limit} working days;\nin practice 7.0 working days, and 16.2 for one in ten "
            "(from receipt to decision, 5 dossiers resolved in the last 12 months).") in html


def test_no_procedure_means_no_figures(owner):
    assert quality.practice_for([]) == {}
    assert quality.processing_times(date(2026, 1, 1), date(2026, 12, 31), procedure_ids=[]) == []


def test_the_decision_records_the_time_taken_on_the_statutory_clock(owner):
    """Receipt Monday 2 March 2026, sent back Wednesday 4 to Monday 9 (3 working days paused), approved Friday
    13: 9 working days after receipt, 6 on the clock."""
    account, project = owner
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    moves = ((ApplicationStatus.RECEIVED, date(2026, 3, 2)), (ApplicationStatus.SENT_BACK, date(2026, 3, 4)),
             (ApplicationStatus.RESUBMITTED, date(2026, 3, 9)), (ApplicationStatus.APPROVED, date(2026, 3, 13)))
    for status, on in moves:
        workflow.transition(application, status, None, on=on)
    application.refresh_from_db()
    assert application.paused_working_days == 3 and application.days_taken == 6
    (row,) = quality.processing_times(date(2026, 3, 1), date(2026, 3, 31))
    assert (row["closed"], row["median_days"]) == (1, 6.0)


def test_the_agencys_officer_reads_the_investors_rating_escaped(client, owner):
    from tests.factories_licensing import officer

    account, project = owner
    today = timezone.localdate()
    application = resolved_dossier(account, project, today)
    workflow.transition(application, ApplicationStatus.APPROVED, None, on=today)
    clerk = officer("q-clerk", application.agency.code)
    client.force_login(clerk)
    page = reverse("licensing_admin:application", args=[application.pk])
    assert 'data-testid="rating"' not in client.get(page).content.decode()
    quality.rate_dossier(account, application, 3, "Clear <b>but</b> slow")
    assert "3/5 · Clear &lt;b&gt;but&lt;/b&gt; slow" in client.get(page).content.decode()
