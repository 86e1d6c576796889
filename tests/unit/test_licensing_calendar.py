"""The working-day calendar: weekends, Vietnamese public holidays (Tết), compensatory days as data."""

from datetime import date

import pytest

from licensing import calendar as cal
from licensing.calendar import WorkingCalendar
from licensing.models import CalendarException


def test_tet_2025_is_skipped():
    calendar = WorkingCalendar({})
    # Friday 24 January 2025; Tết holidays run Monday 27 January – Saturday 1 February.
    assert not calendar.is_working_day(date(2025, 1, 29))
    assert calendar.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert calendar.add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)
    assert calendar.working_days_between(date(2025, 1, 24), date(2025, 2, 5)) == 3


def test_tet_2026_fifteen_working_days():
    calendar = WorkingCalendar({})
    # 16–20 February 2026 are Tết holidays: a 15-working-day limit from Friday 6 February ends on 6 March.
    assert calendar.add_working_days(date(2026, 2, 6), 15) == date(2026, 3, 6)


def test_weekend_and_zero_days():
    calendar = WorkingCalendar({})
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert calendar.add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 6)) == -1
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 3, 6), -1)


def test_compensatory_working_saturday_and_rest_day():
    plain = WorkingCalendar({})
    swapped = WorkingCalendar({date(2025, 4, 26): "working", date(2025, 3, 3): "rest"})
    # Friday 25 April 2025 + 1: Saturday 26 April is worked in exchange for Friday 2 May.
    assert plain.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 28)
    assert swapped.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert not swapped.is_working_day(date(2025, 3, 3))
    assert swapped.add_working_days(date(2025, 2, 28), 1) == date(2025, 3, 4)


def test_calendar_days_end_on_a_working_day():
    calendar = WorkingCalendar({})
    # 20 January 2025 + 7 calendar days = 27 January (Tết): the limit moves to Monday 3 February.
    assert calendar.add_days(date(2025, 1, 20), 7, "calendar") == date(2025, 2, 3)
    assert calendar.add_days(date(2025, 3, 3), 7, "calendar") == date(2025, 3, 10)
    assert calendar.add_days(date(2025, 3, 3), 5, "working") == date(2025, 3, 10)


def test_long_spans_cross_years():
    calendar = WorkingCalendar({})
    end = calendar.add_working_days(date(2025, 12, 1), 300)
    assert calendar.working_days_between(date(2025, 12, 1), end) == 300
    assert calendar.is_working_day(end)


@pytest.mark.django_db
@pytest.mark.smoke
def test_exceptions_are_data_and_invalidate_the_cache():
    cal.clear_cache()
    assert cal.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 28)
    CalendarException.objects.create(date=date(2025, 4, 26), kind="working", reason="Làm bù")
    assert cal.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    CalendarException.objects.filter(date=date(2025, 4, 26)).delete()
    assert cal.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 28)
