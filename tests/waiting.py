"""The one way tests wait: for a condition, never for a fixed time."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ConditionTimeout(AssertionError):
    """The condition did not hold within the time allowed."""


def wait_until(condition: Callable[[], T], *, timeout: float = 60.0, interval: float = 0.05,
               message: str = "condition") -> T:
    """Call ``condition`` until it returns something truthy and return that; fail after ``timeout`` seconds.

    The interval only paces the polling: the test goes on as soon as the condition holds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise ConditionTimeout(f"{message} did not hold within {timeout} s (last value: {value!r})")
        time.sleep(interval)
