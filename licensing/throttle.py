"""Cache-based counters: sign-in failures per account and requests per client for public lookups."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(prefix: str, value: str) -> str:
    return f"licensing:{prefix}:{hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]}"


def signin_limits() -> tuple[int, int]:
    """(failures before the lock, lock minutes), from settings."""
    return (getattr(settings, "LICENSING_SIGNIN_MAX_FAILURES", 5),
            getattr(settings, "LICENSING_SIGNIN_LOCK_MINUTES", 15))


def signin_locked(username: str) -> bool:
    """Whether the account is locked after too many failed sign-ins."""
    failures, _minutes = signin_limits()
    return (cache.get(_key("signin", username)) or 0) >= failures


def signin_failed(username: str) -> None:
    _failures, minutes = signin_limits()
    key = _key("signin", username)
    cache.add(key, 0, minutes * 60)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, minutes * 60)


def signin_succeeded(username: str) -> None:
    cache.delete(_key("signin", username))


def hit(scope: str, client: str, limit: int, window_seconds: int) -> bool:
    """Count one request of ``client`` in ``scope``; False once ``limit`` is exceeded within the window."""
    key = _key(scope, client)
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
