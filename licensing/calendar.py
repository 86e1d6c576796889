"""The working-day calendar of Vietnamese public administration.

A working day is a weekday that is not a public holiday (from the ``holidays`` package, Vietnam) unless a
``CalendarException`` says otherwise: the compensatory working Saturdays and extra rest days announced each
year are data, editable in the admin. The exceptions are read once and cached; saving one invalidates
the cache in every process.
"""

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays

from core.caching import ProcessCache

CACHE_KEY = "licensing:calendar-exceptions"
_SATURDAY = 5


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Vietnam's public holidays of ``year`` (names in Vietnamese)."""
    return frozenset(holidays.country_holidays("VN", language="vi", years=year).keys())


def holiday_name(day: date) -> str:
    """The Vietnamese name of the public holiday on ``day``, or ""."""
    return holidays.country_holidays("VN", language="vi", years=day.year).get(day, "")


def _exceptions() -> dict[date, str]:
    from .models import CalendarException

    return {row.date: row.kind for row in CalendarException.objects.all()}


def clear_cache() -> None:
    """Forget the cached calendar in every process (called when an exception is saved or deleted)."""
    _calendar.invalidate()


class WorkingCalendar:
    """A calendar snapshot: the exceptions are read once, and the working days of the years in use are kept
    as a sorted list, so adding or counting working days is a binary search."""

    def __init__(self, exceptions: dict[date, str] | None = None):
        self.exceptions = _exceptions() if exceptions is None else exceptions
        self._first_year = self._last_year = None
        self._days: list[date] = []

    def is_working_day(self, day: date) -> bool:
        """Whether public offices are open on ``day``."""
        kind = self.exceptions.get(day)
        if kind is not None:
            return kind == "working"
        return day.weekday() < _SATURDAY and day not in public_holidays(day.year)

    def _cover(self, first: date, last: date) -> None:
        first_year, last_year = first.year - 1, last.year + 1
        if self._first_year is not None and self._first_year <= first_year and last_year <= self._last_year:
            return
        if self._first_year is not None:
            first_year, last_year = min(first_year, self._first_year), max(last_year, self._last_year)
        day, end = date(first_year, 1, 1), date(last_year, 12, 31)
        days = []
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        self._days, self._first_year, self._last_year = days, first_year, last_year

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted).

        This is how a statutory time limit runs: a dossier received on ``start`` with a 3-working-day limit is
        due on the third working day after it."""
        if days < 0:
            raise ValueError("days must be zero or more")
        if days == 0:
            return start
        self._cover(start, start + timedelta(days=days * 2 + 30))
        index = bisect_right(self._days, start) + days - 1
        while index >= len(self._days):
            self._cover(start, date(self._last_year + 2, 1, 1))
            index = bisect_right(self._days, start) + days - 1
        return self._days[index]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        self._cover(start, end)
        return bisect_right(self._days, end) - bisect_right(self._days, start)

    def add_days(self, start: date, days: int, unit: str) -> date:
        """``start`` plus a time limit in ``unit`` ("working" or "calendar" days).

        A calendar-day limit that ends on a day off moves to the next working day (Civil Code, Art. 148)."""
        if unit == "calendar":
            end = start + timedelta(days=days)
            while not self.is_working_day(end):
                end += timedelta(days=1)
            return end
        return self.add_working_days(start, days)


_calendar = ProcessCache(CACHE_KEY, lambda: WorkingCalendar())


def calendar() -> WorkingCalendar:
    """The current calendar, shared by the process until an exception changes."""
    return _calendar.get()


def is_working_day(day: date) -> bool:
    """``WorkingCalendar.is_working_day`` on the current calendar."""
    return calendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """``WorkingCalendar.add_working_days`` on the current calendar."""
    return calendar().add_working_days(start, days)


def working_days_between(start: date, end: date) -> int:
    """``WorkingCalendar.working_days_between`` on the current calendar."""
    return calendar().working_days_between(start, end)


def add_days(start: date, days: int, unit: str) -> date:
    """``WorkingCalendar.add_days`` on the current calendar."""
    return calendar().add_days(start, days, unit)
