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


class Unkeyed:
    """A value handed to a ``ProcessCache`` build but left out of its key: every ``Unkeyed`` equals every other,
    so the key's other arguments must name everything the built value depends on."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other) -> bool:
        return isinstance(other, Unkeyed)


class ChangeFollower:
    """A signal receiver making ``caches`` rebuild in every process when a page, or a row of one of ``models``
    (labels, such as ``"zones.Sector"``; a link table for a many-to-many field), changes: now, and again once the
    transaction commits (a page's child rows and many-to-many links are written after its ``post_save``)."""

    def __init__(self, *caches: ProcessCache, models: frozenset[str] = frozenset()):
        self.caches = caches
        self.models = models

    def __call__(self, sender=None, instance=None, **kwargs) -> None:
        from django.db import transaction
        from wagtail.models import Page

        if sender is not None and instance is not None and not isinstance(instance, Page) \
                and sender._meta.label not in self.models:
            return
        for kept in self.caches:
            kept.invalidate()
            transaction.on_commit(kept.invalidate)

    def connect(self, uid: str, m2m: tuple = (), signals: tuple = ()) -> None:
        """Follow saves and deletions, page unpublishing and moves, shared values written in bulk, the links of
        the many-to-many ``m2m`` (their through models) and any further ``signals``."""
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_unpublished, post_page_move

        from core.events import shared_values_changed

        for signal in (post_save, post_delete, page_unpublished, post_page_move, shared_values_changed, *signals):
            signal.connect(self, dispatch_uid=f"{uid}.{id(signal)}")
        for links in m2m:
            m2m_changed.connect(self, sender=links, dispatch_uid=f"{uid}.{links._meta.label}")
