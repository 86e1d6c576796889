"""Who calls the investor's endpoints: an API token (``Authorization: Bearer <key>``) or the signed-in session.

``request.auth`` becomes the token (or, for a session, the user), so the per-key rate limit counts per key;
``user_of(request)`` gives the account either way. A revoked, expired or unknown key is refused with 401."""

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from . import tokens
from .models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``: the key's usable token."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return tokens.authenticate(token)


class SessionUser(SessionAuth):
    """The signed-in user of the site (GET only here: ninja checks CSRF on unsafe methods)."""


#: The investor's endpoints accept either.
investor_auth = [TokenAuth(), SessionUser()]


def user_of(request: HttpRequest):
    """The account behind ``request.auth``."""
    auth = request.auth
    return auth.user if isinstance(auth, ApiToken) else auth
