"""Values built once per process and rebuilt in every process when the data behind them changes.

A version token lives in the shared cache (Redis in production); each process keeps its built value with the
token it was built at and rebuilds when the token moved. ``invalidate()`` in any process is seen by all."""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.core.cache import cache

T = TypeVar("T")


class SharedVersion:
    """A version number in the shared cache; a lost entry restarts from the clock, never from a small number
    that a value built before the loss may still carry."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        """The version now."""
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, time.time_ns(), timeout=None)
            version = cache.get(self.key)
        return int(version)

    def bump(self) -> int:
        """A new version: every value built at an older one is stale."""
        try:
            return cache.incr(self.key)
        except ValueError:  # no entry: a fresh start is a new version already
            return self.current()


class ProcessCache(Generic[T]):
    """``build(*args)`` kept per process for each ``args``, rebuilt after ``invalidate()`` in any process."""

    def __init__(self, key: str, build: Callable[..., T], max_entries: int = 64):
        self.version = SharedVersion(key)
        self._build = build
        self._max_entries = max_entries
        self._values: dict[Hashable, tuple[int, T]] = {}
        self._lock = threading.Lock()

    def get(self, *args: Hashable) -> T:
        """The value for ``args``, built now if this process has none at the current version."""
        version = self.version.current()
        held = self._values.get(args)
        if held is not None and held[0] == version:
            return held[1]
        with self._lock:
            held = self._values.get(args)
            if held is None or held[0] != version:
                if len(self._values) >= self._max_entries:
                    self._values.clear()
                held = self._values[args] = (version, self._build(*args))
        return held[1]

    def invalidate(self) -> None:
        """Make every process rebuild on its next ``get``."""
        self.version.bump()
