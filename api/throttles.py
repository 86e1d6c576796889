"""Rate limits per client address and per API key, counted in the shared cache; a refusal is a 429 problem with
``Retry-After``. Rates are read from settings at each request (``API_RATE_ADDRESS``, ``API_RATE_KEY``)."""

import hashlib

from django.conf import settings
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from core.throttle import client_address


class _FromSettings:
    setting = ""

    def __init__(self):
        super().__init__(getattr(settings, self.setting))

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AddressThrottle(_FromSettings, AnonRateThrottle):
    """Requests without a key, per client address (behind ``TRUSTED_PROXY_COUNT`` proxies)."""

    setting = "API_RATE_ADDRESS"
    scope = "address"

    def get_ident(self, request):
        return client_address(request)


class KeyThrottle(_FromSettings, AuthRateThrottle):
    """Requests with a key or a signed-in account, per key (or account)."""

    setting = "API_RATE_KEY"
    scope = "key"

    def get_cache_key(self, request):
        auth = getattr(request, "auth", None)
        if auth is None:
            return None
        ident = hashlib.sha256(f"{type(auth).__name__}:{getattr(auth, 'pk', auth)}".encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttles() -> list:
    """The API's throttles."""
    return [AddressThrottle(), KeyThrottle()]
