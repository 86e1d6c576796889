"""API tokens: making one (the key is shown once), finding the token a key belongs to, revoking, listing.

A key is ``ip_`` + a random secret (``secrets.token_urlsafe``); the database keeps its SHA-256 only."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import ApiToken

KEY_PREFIX = "ip_"
#: Characters of the key kept in clear to tell keys apart (the marker and a few of the secret's).
SHOWN = len(KEY_PREFIX) + 6
#: ``last_used_at`` is written at most this often per token, not on every request.
USE_RESOLUTION = timedelta(minutes=1)


def digest(key: str) -> str:
    """The SHA-256 of ``key`` (hex), as stored."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(user, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token of ``user``; returns it and its full key, which is never available again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), prefix=key[:SHOWN], key_hash=digest(key),
                                    expires_at=expires_at)
    return token, key


def authenticate(key: str) -> ApiToken | None:
    """The usable token whose key is ``key`` (its user active), or None; records when it was last used."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    now = timezone.now()
    token = (ApiToken.objects.usable(now).select_related("user")
             .filter(key_hash=digest(key), user__is_active=True).first())
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_for(user):
    """The user's tokens, newest first (revoked and expired ones too, so they can see what they revoked)."""
    return ApiToken.objects.filter(user=user)


def revoke(user, pk: int) -> ApiToken:
    """Revoke one of the user's tokens (404 for anyone else's); revoking twice keeps the first date."""
    token = tokens_for(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
