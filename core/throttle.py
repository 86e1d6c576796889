"""Counters in the shared cache: sign-in failures per account and per client address, and requests per client.

The sign-in rule is written here once and applied by the authentication backend, so every form that signs
someone in (the site's, the admin's, any later API's) is held by it; the forms only word the refusal.
Limits (OWASP ASVS 2.2.1): ``SIGNIN_ACCOUNT_LIMIT`` failures per account in ``SIGNIN_ACCOUNT_WINDOW``
seconds, ``SIGNIN_ADDRESS_LIMIT`` failures per client address in ``SIGNIN_ADDRESS_WINDOW`` seconds. The
counters must live in a cache every web worker shares (Redis in production: a deploy check says so).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Limit:
    """At most ``count`` events in ``seconds``."""

    count: int
    seconds: int


def _key(scope: str, value: str) -> str:
    return f"throttle:{scope}:{hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]}"


def hit(scope: str, client: str, limit: int, window_seconds: int) -> bool:
    """Count one event of ``client`` in ``scope``; False once ``limit`` is exceeded within the window."""
    return _add(_key(scope, client), window_seconds) <= limit


def _add(key: str, window_seconds: int) -> int:
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def client_address(request) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the address the
    outermost of them saw (entries further left in ``X-Forwarded-For`` are the client's own words)."""
    remote = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not proxies or request is None:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]


def account_limit() -> Limit:
    """Failed sign-ins allowed per account."""
    return Limit(settings.SIGNIN_ACCOUNT_LIMIT, settings.SIGNIN_ACCOUNT_WINDOW)


def address_limit() -> Limit:
    """Failed sign-ins allowed per client address."""
    return Limit(settings.SIGNIN_ADDRESS_LIMIT, settings.SIGNIN_ADDRESS_WINDOW)


def account_key(identifier: str) -> str:
    """One key per account whatever names it (user name or e-mail, any letter case); an identifier that names
    no account is counted by itself, so guessing names is throttled too."""
    identifier = (identifier or "").strip()
    if identifier:
        users = get_user_model()._default_manager.filter(
            Q(username__iexact=identifier) | Q(email__iexact=identifier)).values_list("pk", flat=True)[:2]
        ids = list(users)
        if len(ids) == 1:
            return f"user:{ids[0]}"
    return f"name:{identifier.lower()}"


def signin_blocked(request, identifier: str) -> str | None:
    """"account" or "address" when that counter has reached its limit, else None."""
    if (cache.get(_key("signin-account", account_key(identifier))) or 0) >= account_limit().count:
        return "account"
    address = client_address(request)
    if address and (cache.get(_key("signin-address", address)) or 0) >= address_limit().count:
        return "address"
    return None


def signin_failed(request, identifier: str) -> None:
    """Count a failed sign-in against the account and the client address."""
    _add(_key("signin-account", account_key(identifier)), account_limit().seconds)
    address = client_address(request)
    if address:
        _add(_key("signin-address", address), address_limit().seconds)


def signin_succeeded(user) -> None:
    """A successful sign-in clears the account's failures (not the address's)."""
    cache.delete(_key("signin-account", f"user:{user.pk}"))


class ThrottledSignInMixin:
    """For a Django ``AuthenticationForm``: a blocked account or address is told so before any password is
    checked (the backend refuses it anyway); the counting itself is done by the backend's signals."""

    throttle_messages = {
        "account": _("Too many failed sign-ins for this account. Try again later or reset your password."),
        "address": _("Too many failed sign-ins from your network. Try again later."),
    }

    def clean(self):
        """Refuse a blocked sign-in with its reason, then let Django authenticate."""
        blocked = signin_blocked(self.request, self.cleaned_data.get("username") or "")
        if blocked:
            raise ValidationError(self.throttle_messages[blocked], code="locked")
        return super().clean()


class ThrottledPasswordResetMixin:
    """For a Django ``PasswordResetForm``: at most ``PASSWORD_RESET_LIMIT`` e-mails per address asked for and
    four times that per client address in ``PASSWORD_RESET_WINDOW`` seconds. Past the limit nothing is sent
    and the page answers as always, so the form can neither flood an inbox nor tell who has an account."""

    def save(self, *args, request=None, **kwargs):
        """Send the reset e-mail unless this address or client has asked too often."""
        email = (self.cleaned_data.get("email") or "").strip().lower()
        limit, window = settings.PASSWORD_RESET_LIMIT, settings.PASSWORD_RESET_WINDOW
        allowed = hit("reset-address", client_address(request), limit * 4, window)
        if hit("reset-email", email, limit, window) and allowed:
            return super().save(*args, request=request, **kwargs)
        return None
