"""API resource: procedures."""

from ninja import Router

router = Router(tags=["procedures"])
agencies_router = Router(tags=["agencies"])
